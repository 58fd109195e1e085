/**
 * The deployment file: one per chain, `deployments/<chainId>.json`, written by the deploy scripts and
 * read by the CLI, the scripts and the UI. Addresses are never typed by hand anywhere else.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type Deployment, parseDeployment } from "./schema.js";

export * from "./schema.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
/** `deployments/`, or the folder in `COVERDAO_DEPLOYMENTS_DIR` (which the UI's Vite server also serves from). */
export const DEPLOYMENTS_DIR = process.env.COVERDAO_DEPLOYMENTS_DIR ?? path.join(REPO_ROOT, "deployments");

export function deploymentPath(chainId: number | bigint, dir = DEPLOYMENTS_DIR): string {
  return path.join(dir, `${chainId}.json`);
}

/** Reads `deployments/<chainId>.json`, with a clear error when it is missing or malformed. */
export function readDeployment(chainId: number | bigint, dir = DEPLOYMENTS_DIR): Deployment {
  const file = deploymentPath(chainId, dir);
  if (!existsSync(file)) {
    throw new Error(
      `No deployment for chain ${chainId}: ${file} does not exist. Run \`npm start\` or \`npm run deploy\`.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseDeployment(raw, file);
}

export function writeDeployment(deployment: Deployment, dir = DEPLOYMENTS_DIR): string {
  const checked = parseDeployment(deployment);
  mkdirSync(dir, { recursive: true });
  const file = deploymentPath(checked.chainId, dir);
  writeFileSync(file, JSON.stringify(checked, null, 2) + "\n");
  return file;
}

/** The chain id of the local chain that `npm start` runs (Hardhat's default). */
export const LOCAL_CHAIN_ID = 31337;
export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";

/**
 * Where the commands find the chain when no `--rpc` or `--network` is given: the `services.rpcUrl` of the
 * deployment file `file` (default: the local chain's, which `npm start` writes with the ports it really
 * uses), else {DEFAULT_RPC_URL}.
 */
export function defaultRpcUrl(file = deploymentPath(LOCAL_CHAIN_ID)): string {
  if (!existsSync(file)) return DEFAULT_RPC_URL;
  try {
    return parseDeployment(JSON.parse(readFileSync(file, "utf8")), file).services?.rpcUrl ?? DEFAULT_RPC_URL;
  } catch {
    // An unreadable file is reported where it is read as a deployment; here it only names no URL.
    return DEFAULT_RPC_URL;
  }
}
