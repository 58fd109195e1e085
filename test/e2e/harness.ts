/**
 * End-to-end harness: a real local chain served over HTTP JSON-RPC, the DAO deployed on it, the governance
 * UI served by Vite, and Chromium driven by playwright-core: `COVERDAO_CHROMIUM` if set, else a system
 * Chromium if there is one, else the build that the npm package `@sparticuz/chromium` ships (a devDependency,
 * so `npm install` alone brings a browser; `COVERDAO_CHROMIUM=npm` chooses it even where a system one exists).
 *
 * The chain is Hardhat's in-process EDR (`network.create()`), so Ignition deploys it without writing a
 * journal into `ignition/deployments/` (an HTTP connection would journal into the developer's
 * `chain-31337` folder). {startRpcServer} serves that same chain over HTTP the way `hardhat node` does
 * (CORS open, revert data as raw hex in code-3 errors) and counts what the browser asks of it, so the
 * benchmark reads its round trips here. The deployment file goes to a temporary folder that Vite serves
 * through `COVERDAO_DEPLOYMENTS_DIR`; the developer's `deployments/31337.json` is never touched.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { type IncomingMessage, type ServerResponse, createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { type BrowserContext, type ConsoleMessage, type Page, chromium } from "playwright-core";

import { type DeployedDAO, deployCoverDAO } from "@coverdao/core/deploy";
import { IndexerClient } from "@coverdao/core/indexer";
import { type RunningIndexer, startIndexer } from "@coverdao/core/indexer/node";
import { REPO_ROOT, writeDeployment } from "@coverdao/core/node";

/** Where {findChromium} looks for a system Chromium, after `COVERDAO_CHROMIUM` and before the npm build. */
export const SYSTEM_CHROMIUMS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
];

/** Flags that run Chromium headless on a machine without a GPU, sandbox or outside network. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A Chromium build to launch: its binary, the flags it needs, and where it was found (for reports). */
export interface ChromiumBuild {
  executablePath: string;
  args: string[];
  /** "COVERDAO_CHROMIUM", "system" or "npm @sparticuz/chromium". */
  source: string;
}

export const VITE_CONFIG = path.join(REPO_ROOT, "governance-ui", "vite.config.ts");
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, "reports", "e2e");

/** True when the e2e suites should be skipped on purpose (`COVERDAO_SKIP_E2E=1`). */
export function skipE2E(): boolean {
  return process.env.COVERDAO_SKIP_E2E === "1";
}

/** The npm build: `@sparticuz/chromium` unpacks its compressed Chromium into the temp folder on first use. */
async function npmChromium(): Promise<ChromiumBuild> {
  let build: typeof import("@sparticuz/chromium").default;
  try {
    build = (await import("@sparticuz/chromium")).default;
  } catch (error) {
    throw new Error(
      "End-to-end tests need Chromium: no system Chromium was found and the npm package @sparticuz/chromium " +
        `is not installed (${(error as Error).message}). Run \`npm install\`, point COVERDAO_CHROMIUM at a ` +
        "Chromium binary, or set COVERDAO_SKIP_E2E=1 to skip the browser tests on purpose.",
    );
  }
  const executablePath = await build.executablePath();
  // Its own flags (single process, no zygote: what this build needs without a sandbox) plus ours, minus a
  // second --headless (its args choose the headless shell).
  const args = [...build.args, ...CHROMIUM_FLAGS.filter((flag) => flag !== "--headless")];
  return { executablePath, args: [...new Set(args)], source: "npm @sparticuz/chromium" };
}

/** The first system Chromium in {SYSTEM_CHROMIUMS} or on PATH, if any. */
export function systemChromium(): string | undefined {
  const onPath = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => ["chromium", "chromium-browser", "google-chrome"].map((name) => path.join(dir, name)));
  return [...SYSTEM_CHROMIUMS, ...onPath].find((file) => existsSync(file));
}

let found: Promise<ChromiumBuild> | undefined;
let announced = false;

/**
 * The browser the e2e tests drive: `COVERDAO_CHROMIUM` (a path; `npm` for the npm build), else a system
 * Chromium, else `@sparticuz/chromium` from node_modules. Found once per process.
 */
export function findChromium(): Promise<ChromiumBuild> {
  found ??= (async () => {
    const chosen = process.env.COVERDAO_CHROMIUM;
    if (chosen === "npm") return npmChromium();
    if (chosen) {
      if (!existsSync(chosen))
        throw new Error(
          `COVERDAO_CHROMIUM is ${chosen}, which does not exist. Point it at a Chromium binary, set it to ` +
            "`npm` for the build from node_modules, or unset it to find one.",
        );
      return { executablePath: chosen, args: CHROMIUM_FLAGS, source: "COVERDAO_CHROMIUM" };
    }
    const system = systemChromium();
    if (system) return { executablePath: system, args: CHROMIUM_FLAGS, source: "system" };
    return npmChromium();
  })();
  return found;
}

/**
 * False when the suite is skipped on purpose (`COVERDAO_SKIP_E2E=1`). A missing browser is not a reason to
 * skip: {launchBrowser} finds one or fails with the reason, so a missing browser never passes silently.
 */
export function requireChromium(): boolean {
  return !skipE2E();
}

// ---------------------------------------------------------------------------------------------------------
// JSON-RPC over HTTP, counted

interface JsonRpcRequest {
  jsonrpc?: string;
  id?: number | string | null;
  method: string;
  params?: unknown[];
}

/** What the browser asked of the chain since the last {RpcServer.resetStats}. */
export interface RpcStats {
  /** HTTP POSTs: network round trips (a JSON-RPC batch is one). */
  httpRequests: number;
  /** JSON-RPC calls, each member of a batch counted. */
  rpcCalls: number;
  /** JSON-RPC calls by method. */
  methods: Record<string, number>;
  /** Bytes of JSON answered, by method (a batch member's share is its own answer). */
  bytes: Record<string, number>;
  /** Milliseconds the chain spent answering, by method (summed over calls). */
  chainMs: Record<string, number>;
  /** `performance.now()` when the first HTTP request since the reset arrived (undefined: none yet). */
  firstAt?: number;
  /** Every HTTP request: when it arrived and was answered (`performance.now()`), its methods, its size. */
  timeline: { at: number; answeredAt: number; methods: string[]; bytes: number }[];
}

export interface RpcServer {
  url: string;
  stats: RpcStats;
  resetStats(): void;
  /** Stops answering (the port refuses connections), as a node that went away; the chain keeps its state. */
  pause(): Promise<void>;
  /** Answers again on the same URL. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

type Eip1193 = NetworkConnection["provider"];

function isRequest(value: unknown): value is JsonRpcRequest {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { method?: unknown }).method === "string" &&
    ((value as { params?: unknown }).params === undefined ||
      Array.isArray((value as { params?: unknown }).params))
  );
}

/** Hardhat's own wire format for errors: code-3 reverts carry the raw revert data. */
function errorResponse(id: JsonRpcRequest["id"], error: unknown) {
  const e = error as { code?: unknown; message?: unknown; data?: unknown };
  const code = typeof e.code === "number" ? e.code : -32603;
  const message = typeof e.message === "string" ? e.message : String(error);
  const nested =
    typeof e.data === "object" && e.data !== null ? (e.data as { data?: unknown }).data : undefined;
  const revertData = typeof e.data === "string" ? e.data : typeof nested === "string" ? nested : undefined;
  const data = code === 3 ? revertData : { message, data: revertData };
  return { jsonrpc: "2.0", id: id ?? null, error: { code, message, data } };
}

/** Answers one JSON-RPC request; returns the answer already serialised, counted by method. */
async function answer(provider: Eip1193, request: unknown, stats: RpcStats): Promise<string> {
  if (!isRequest(request)) {
    return JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32600, message: "Invalid request" } });
  }
  const method = request.method;
  stats.rpcCalls += 1;
  stats.methods[method] = (stats.methods[method] ?? 0) + 1;
  const started = performance.now();
  let response;
  try {
    const result = await provider.request({ method, params: request.params ?? [] });
    response = { jsonrpc: "2.0", id: request.id ?? null, result };
  } catch (error) {
    response = errorResponse(request.id, error);
  }
  stats.chainMs[method] = (stats.chainMs[method] ?? 0) + (performance.now() - started);
  const text = JSON.stringify(response);
  stats.bytes[method] = (stats.bytes[method] ?? 0) + text.length;
  return text;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Serves `provider` as JSON-RPC over HTTP on 127.0.0.1 (port 0: a free one), counting every call. */
export async function startRpcServer(provider: Eip1193, port = 0): Promise<RpcServer> {
  const stats: RpcStats = { httpRequests: 0, rpcCalls: 0, methods: {}, bytes: {}, chainMs: {}, timeline: [] };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Methods", "OPTIONS, POST");
    res.setHeader("Access-Control-Allow-Headers", "*");
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const at = performance.now();
    stats.httpRequests += 1;
    stats.firstAt ??= at;
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      const parseError = { code: -32700, message: `Parse error: ${(error as Error).message}` };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: parseError }));
      return;
    }
    const members: unknown[] = Array.isArray(body) ? body : [body];
    const answers = await Promise.all(members.map((member) => answer(provider, member, stats)));
    const response = Array.isArray(body) ? `[${answers.join(",")}]` : answers[0];
    res.writeHead(200, { "content-type": "application/json" });
    res.end(response, () => {
      stats.timeline.push({
        at,
        answeredAt: performance.now(),
        methods: members.map((m) => (isRequest(m) ? m.method : "(invalid)")),
        bytes: response.length,
      });
    });
  };
  const server = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(on, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(port);
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stats,
    resetStats() {
      stats.httpRequests = 0;
      stats.rpcCalls = 0;
      stats.methods = {};
      stats.bytes = {};
      stats.chainMs = {};
      stats.firstAt = undefined;
      stats.timeline = [];
    },
    pause: stop,
    resume: () => listen(bound),
    close: stop,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Chain

export interface E2EChain<T extends DeployedDAO = DeployedDAO> {
  connection: NetworkConnection;
  /** What the setup returned: at least the deployment and typed contracts connected to the deployer. */
  dao: T;
  rpc: RpcServer;
  /** Temporary folder holding `<chainId>.json`, served by Vite. */
  deploymentsDir: string;
  /** Moves the chain's clock forward by `seconds` and mines a block. */
  increaseTime(seconds: number): Promise<void>;
  /** The latest block's timestamp. */
  now(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A fresh in-process chain, set up by `setup` (default: the DAO deployed, nothing else; the shared test
 * helpers such as `daoWithVoters` fit), served over HTTP, its deployment file written to a temp folder.
 */
export async function startChain<T extends DeployedDAO = DeployedDAO>(
  setup: (connection: NetworkConnection) => Promise<T> = (connection) =>
    deployCoverDAO(connection) as Promise<T>,
): Promise<E2EChain<T>> {
  const connection = await network.create();
  const deploymentsDir = mkdtempSync(path.join(os.tmpdir(), "coverdao-e2e-deployments-"));
  const dao = await setup(connection);
  writeDeployment(dao.deployment, deploymentsDir);
  const rpc = await startRpcServer(connection.provider);
  const send = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
  return {
    connection,
    dao,
    rpc,
    deploymentsDir,
    increaseTime: async (seconds) => {
      await send("evm_increaseTime", [seconds]);
      await send("evm_mine");
    },
    now: async () => {
      const block = await connection.ethers.provider.getBlock("latest");
      if (!block) throw new Error("the chain has no latest block");
      return block.timestamp;
    },
    close: async () => {
      await rpc.close();
      await connection.close();
      rmSync(deploymentsDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// UI

export interface UIServer {
  url: string;
  close(): Promise<void>;
}

const VITE_COMMON = { configFile: VITE_CONFIG, logLevel: "warn" as const, clearScreen: false };

/**
 * Serves the governance UI with Vite's dev server on a free port, reading deployment files from
 * `deploymentsDir`. With `build` (a folder from {buildUI}) it serves that production build with
 * `vite preview` instead: what the benchmark measures, with no on-demand transforms.
 */
export async function startUI(deploymentsDir: string, build?: string): Promise<UIServer> {
  // governance-ui/vite.config.ts reads this when Vite loads the config (in createServer/preview); it is
  // restored afterwards so that nothing else in the test process sees it.
  const previous = process.env.COVERDAO_DEPLOYMENTS_DIR;
  process.env.COVERDAO_DEPLOYMENTS_DIR = deploymentsDir;
  try {
    return build === undefined ? await devServer() : await previewServer(build);
  } finally {
    if (previous === undefined) delete process.env.COVERDAO_DEPLOYMENTS_DIR;
    else process.env.COVERDAO_DEPLOYMENTS_DIR = previous;
  }
}

async function devServer(): Promise<UIServer> {
  const vite = await import("vite");
  const server = await vite.createServer({
    ...VITE_COMMON,
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address() as AddressInfo | null;
  if (!address) throw new Error("Vite did not bind a port");
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

async function previewServer(build: string): Promise<UIServer> {
  const vite = await import("vite");
  const server = await vite.preview({
    ...VITE_COMMON,
    build: { outDir: build },
    preview: { host: "127.0.0.1", port: 0, strictPort: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address) throw new Error("Vite preview did not bind a port");
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/** Builds the UI for production into a new temporary folder (the caller removes it) and returns it. */
export async function buildUI(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), "coverdao-e2e-ui-"));
  const vite = await import("vite");
  await vite.build({ ...VITE_COMMON, logLevel: "error", build: { outDir, emptyOutDir: true } });
  return outDir;
}

// ---------------------------------------------------------------------------------------------------------
// Browser

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far, for failure messages. */
  problems: string[];
  /** Which Chromium runs (see {findChromium}). */
  chromium: ChromiumBuild;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile folder; one browser per test file. */
export async function launchBrowser(): Promise<Browser> {
  const build = await findChromium();
  if (!announced) {
    announced = true;
    console.log(`      (browser: ${build.source}, ${build.executablePath})`);
  }
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "coverdao-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: build.executablePath,
    args: build.args,
    headless: true,
    viewport: { width: 1280, height: 900 },
  });
  // Generous: the machines that run these are shared and often loaded.
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message: ConsoleMessage) => {
    // Failed loads are reported below with their URL.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on("response", (response) => {
    // Chromium asks for /favicon.ico on its own; the app does not ship one.
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
      problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  return {
    context,
    page,
    problems,
    chromium: build,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Registers a mocha hook that saves reports/e2e/<name>-failed.png when a test of the suite fails. */
export function screenshotOnFailure(browser: () => Browser | undefined, name: string): void {
  afterEach(async function () {
    const page = browser()?.page;
    if (this.currentTest?.state === "failed" && page)
      await screenshot(page, `${name}-failed`).catch(() => {});
  });
}

/**
 * The app's URL for `route` (a path such as "/proposals", with its own query if any: "/claims?poll=1000"; "" for
 * the dashboard), pointed at `rpcUrl`.
 */
export function appUrl(ui: UIServer, rpcUrl: string, route = ""): string {
  const [pathname, query] = route.split("?", 2);
  return `${ui.url}${pathname || "/"}?rpc=${encodeURIComponent(rpcUrl)}${query ? `&${query}` : ""}`;
}

/** Saves a full-page screenshot to reports/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ---------------------------------------------------------------------------------------------------------
// Indexer

/** The real indexer (Ponder on a fresh PGlite folder) following an e2e chain. */
export interface E2EIndexer {
  indexer: RunningIndexer;
  url: string;
  /** Resolves once the indexer has indexed the chain's latest block (`/ready`, then the head itself). */
  caughtUp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the indexer against `chain` (over its HTTP JSON-RPC), waits until it has indexed what the setup did, and
 * names it in the deployment file Vite serves (`services.indexerUrl`), so the UI's history panels read it.
 */
export async function startChainIndexer(chain: E2EChain): Promise<E2EIndexer> {
  const databaseDir = mkdtempSync(path.join(os.tmpdir(), "coverdao-e2e-indexer-"));
  const deployment = chain.dao.deployment;
  const indexer = await startIndexer({
    deployment,
    rpcUrl: chain.rpc.url,
    port: 0,
    databaseDir,
    fresh: true,
    pollingMs: 300,
  });
  await indexer.ready(300_000);
  writeDeployment(
    { ...deployment, services: { ...deployment.services, indexerUrl: indexer.url } },
    chain.deploymentsDir,
  );
  const client = new IndexerClient(indexer.url);
  const caughtUp = async () => {
    const head = await chain.connection.ethers.provider.getBlockNumber();
    for (let tries = 0; tries < 600; tries++) {
      const { indexedBlock } = await client.query<unknown>("");
      if (indexedBlock >= head) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the indexer did not reach block ${head} within 60 s`);
  };
  await caughtUp();
  return {
    indexer,
    url: indexer.url,
    caughtUp,
    close: async () => {
      await indexer.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/** What a browser suite's hooks set up, read inside its tests (after `before` has run). */
export interface BrowserSuite<T extends DeployedDAO> {
  readonly chain: E2EChain<T>;
  readonly ui: UIServer;
  readonly browser: Browser;
  /** The indexer, when the suite asked for one (`{ indexer: true }`). */
  readonly indexer: E2EIndexer;
}

export interface BrowserSuiteOptions {
  /** Also run the real indexer against the chain (after the setup) and name it in the deployment file. */
  indexer?: boolean;
}

/**
 * Registers the hooks every browser test file needs, inside its `describe`: a chain set up by `setup`, the UI
 * served against it, Chromium with a fresh profile, a screenshot `reports/e2e/<name>-failed.png` when a test
 * fails, and everything closed afterwards. Without Chromium the suite fails with the reason (or is skipped
 * when `COVERDAO_SKIP_E2E=1`).
 */
export function browserSuite<T extends DeployedDAO = DeployedDAO>(
  name: string,
  setup?: (connection: NetworkConnection) => Promise<T>,
  options: BrowserSuiteOptions = {},
): BrowserSuite<T> {
  let chain: E2EChain<T> | undefined;
  let ui: UIServer | undefined;
  let browser: Browser | undefined;
  let indexer: E2EIndexer | undefined;
  before(async function () {
    if (!requireChromium()) this.skip();
    chain = await startChain(setup);
    if (options.indexer) indexer = await startChainIndexer(chain);
    ui = await startUI(chain.deploymentsDir);
    browser = await launchBrowser();
  });
  screenshotOnFailure(() => browser, name);
  after(async () => {
    await browser?.close();
    await ui?.close();
    await indexer?.close();
    await chain?.close();
  });
  const ready = <V>(value: V | undefined, what: string): V => {
    if (value === undefined)
      throw new Error(`the browser suite "${name}" has no ${what}: its before hook failed`);
    return value;
  };
  return {
    get chain() {
      return ready(chain, "chain");
    },
    get ui() {
      return ready(ui, "UI server");
    },
    get browser() {
      return ready(browser, "browser");
    },
    get indexer() {
      return ready(indexer, "indexer (pass { indexer: true } to browserSuite)");
    },
  };
}
