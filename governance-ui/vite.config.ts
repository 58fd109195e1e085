/**
 * Vite config of the governance UI. The app imports the shared TypeScript core by package name (`@coverdao/core`,
 * the workspace `packages/core`: its browser entry) and the TypeChain factories from `../types`; the deployment file is
 * served at runtime from `deployments/<chainId>.json`, so a redeploy needs no rebuild.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

const UI_ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(UI_ROOT, "..");
const DEPLOYMENTS_DIR = process.env.COVERDAO_DEPLOYMENTS_DIR ?? path.join(REPO_ROOT, "deployments");

/** Serves `GET /deployments/<chainId>.json` from the repository's deployments folder (dev and preview). */
function deploymentFiles(): Plugin {
  const handler = (url: string | undefined, send: (status: number, body: string) => void): boolean => {
    const match = /^\/deployments\/(\d+)\.json(?:\?.*)?$/.exec(url ?? "");
    if (!match) return false;
    const file = path.join(DEPLOYMENTS_DIR, `${match[1]}.json`);
    if (!existsSync(file)) send(404, JSON.stringify({ error: `no deployment for chain ${match[1]}` }));
    else send(200, readFileSync(file, "utf8"));
    return true;
  };
  const middleware =
    () =>
    (
      req: { url?: string },
      res: { statusCode: number; setHeader(k: string, v: string): void; end(b: string): void },
      next: () => void,
    ) => {
      const served = handler(req.url, (status, body) => {
        res.statusCode = status;
        res.setHeader("content-type", "application/json");
        res.setHeader("cache-control", "no-store");
        res.end(body);
      });
      if (!served) next();
    };
  return {
    name: "coverdao-deployment-files",
    configureServer(server) {
      server.middlewares.use(middleware());
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware());
    },
  };
}

/**
 * The UI connects to deployed contracts and never deploys one, so the creation bytecode that TypeChain's
 * factories carry (most of the bundle) is replaced by "0x" in the browser build. ABIs stay as they are.
 */
function withoutCreationBytecode(): Plugin {
  return {
    name: "coverdao-without-creation-bytecode",
    transform(code, id) {
      if (!/types[\\/]ethers-contracts[\\/].*__factory\.ts$/.test(id)) return undefined;
      return {
        code: code.replace(/const _bytecode =\s*"0x[0-9a-fA-F]*";/, 'const _bytecode = "0x";'),
        map: null,
      };
    },
  };
}

export default defineConfig({
  root: UI_ROOT,
  plugins: [react(), deploymentFiles(), withoutCreationBytecode()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true, fs: { allow: [REPO_ROOT] } },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  build: { outDir: path.join(UI_ROOT, "dist"), emptyOutDir: true },
  test: {
    root: UI_ROOT,
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "jsdom",
  },
});
