/**
 * Runs the indexer (the Ponder project in `indexer/`) as a child process: `npm start` and the indexer's tests and
 * benchmark start it against a chain and stop it. Node only (`@coverdao/core/indexer/node`).
 *
 * The database is embedded PGlite in a folder (`databaseDir`), or Postgres when `DATABASE_URL` is set in the
 * environment (then `DATABASE_SCHEMA`, default `coverdao_<chainId>`, names the schema). Ponder's telemetry is
 * off: nothing leaves the machine.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";

import { REPO_ROOT } from "../deployment/file.js";
import type { Deployment } from "../deployment/schema.js";

export const INDEXER_ROOT = path.join(REPO_ROOT, "indexer");
const PONDER_BIN = path.join(REPO_ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
/** Ponder's default port; it takes the next free one when this one is busy (the URL says which). */
export const DEFAULT_INDEXER_PORT = 42069;

export interface IndexerOptions {
  deployment: Deployment;
  /** The chain's JSON-RPC URL (else the deployment's `services.rpcUrl`). */
  rpcUrl?: string;
  host?: string;
  /** Default 42069; 0 picks a free port. */
  port?: number;
  /** The PGlite folder; default `indexer/.ponder/pglite-<chainId>`. Ignored when `DATABASE_URL` is set. */
  databaseDir?: string;
  /** Deletes the PGlite folder first (a local chain is new on every start, so its history is too). */
  fresh?: boolean;
  /** Deletes the PGlite folder once stopped (its chain is gone with it). */
  removeOnStop?: boolean;
  /** New-block polling interval in ms (default 1000). */
  pollingMs?: number;
  /** Receives Ponder's warnings and errors (and its info lines when `verbose`). */
  log?: (line: string) => void;
  verbose?: boolean;
  /** How long to wait for the HTTP server, in ms (default 300 s: a loaded machine is slow to start it). */
  timeoutMs?: number;
}

export interface RunningIndexer {
  /** Base URL of the indexer's HTTP API (GraphQL at `/graphql`, status at `/status`). */
  url: string;
  child: ChildProcess;
  /** Resolves once historical indexing is complete (`/ready` answers 200). */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops the indexer (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

interface PonderLogLine {
  level?: number | string;
  msg?: string;
  port?: number;
  hostname?: string;
  error?: { message?: string };
}

/** Starts the indexer and resolves once its HTTP server listens. */
export async function startIndexer(options: IndexerOptions): Promise<RunningIndexer> {
  const { deployment } = options;
  const host = options.host ?? "127.0.0.1";
  const databaseDir =
    options.databaseDir ?? path.join(INDEXER_ROOT, ".ponder", `pglite-${deployment.chainId}`);
  if (options.fresh && !process.env.DATABASE_URL) {
    rmSync(databaseDir, { recursive: true, force: true });
    mkdirSync(path.dirname(databaseDir), { recursive: true });
    cpSync(await emptyDatabaseTemplate(), databaseDir, { recursive: true });
  }
  const port = options.port === 0 ? await freePort(host) : (options.port ?? DEFAULT_INDEXER_PORT);
  const rpcUrl = options.rpcUrl ?? deployment.services?.rpcUrl;
  if (!rpcUrl) throw new Error("the indexer needs the chain's JSON-RPC URL (rpcUrl)");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    COVERDAO_DEPLOYMENT_JSON: JSON.stringify(deployment),
    PONDER_RPC_URL: rpcUrl,
    PONDER_PGLITE_DIR: databaseDir,
    PONDER_POLLING_MS: String(options.pollingMs ?? 1000),
    DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? `coverdao_${deployment.chainId}`,
  };
  const args = [
    PONDER_BIN,
    "start",
    "--root",
    INDEXER_ROOT,
    "--log-format",
    "json",
    // Info lines tell the port; warnings and errors are forwarded to `log`, info lines only when `verbose`.
    "--log-level",
    "info",
    "--hostname",
    host,
    "--port",
    String(port),
  ];
  // A process group of its own (Ponder and the esbuild service its build starts): a terminal's Ctrl-C reaches
  // the caller, which stops the whole group in order ({stop}), rather than Ponder in the middle of the caller's
  // own shutdown; and nothing of the group outlives the caller.
  const child = spawn(process.execPath, args, {
    cwd: INDEXER_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  const killOnExit = () => signalGroup("SIGKILL");
  process.once("exit", killOnExit);
  const log = options.log ?? (() => {});

  let exited = false;
  // Ponder's shutdown lines ("Received SIGTERM") are warnings: not worth a line once stopping was asked for.
  let stopping = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const lastErrors: string[] = [];
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`the indexer did not start its HTTP server within ${options.timeoutMs ?? 300_000} ms`),
        ),
      options.timeoutMs ?? 300_000,
    );
    let buffered = "";
    const onLine = (line: string) => {
      let parsed: PonderLogLine | undefined;
      try {
        parsed = JSON.parse(line) as PonderLogLine;
      } catch {
        parsed = undefined;
      }
      const text = parsed
        ? `${parsed.msg ?? ""}${parsed.error?.message ? `: ${parsed.error.message}` : ""}`
        : line;
      const level = typeof parsed?.level === "number" ? parsed.level : 40;
      if (level >= 40) {
        lastErrors.push(text);
        if (lastErrors.length > 5) lastErrors.shift();
      }
      if ((level >= 40 && !stopping) || options.verbose) log(`indexer: ${text}`);
      if (parsed?.msg === "Created HTTP server" && parsed.port) {
        clearTimeout(timer);
        const hostname = parsed.hostname ?? host;
        resolve(`http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${parsed.port}`);
      }
    };
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) onLine(line);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `the indexer exited (code ${code}) before serving: ${lastErrors.join("; ") || "no message"}`,
        ),
      );
    });
  });

  async function stop(): Promise<void> {
    stopping = true;
    if (!exited) {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    }
    // Whatever Ponder started and left behind goes with it.
    signalGroup("SIGKILL");
    process.off("exit", killOnExit);
    if (options.removeOnStop && !process.env.DATABASE_URL)
      rmSync(databaseDir, { recursive: true, force: true });
  }

  let url: string;
  try {
    url = await listening;
  } catch (error) {
    await stop();
    throw error;
  }

  // Ponder answers /ready once its backfill is done; the last blocks (its finality depth) follow live, so
  // readiness also waits until /status reaches the chain's head as it was when the backfill finished.
  async function ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let head: number | undefined;
    for (;;) {
      if (exited) throw new Error(`the indexer exited: ${lastErrors.join("; ") || "no message"}`);
      if (head === undefined) {
        const response = await fetch(`${url}/ready`).catch(() => undefined);
        if (response?.ok) head = await chainHead(rpcUrl!);
      }
      if (head !== undefined && (await indexedBlock(url)) >= head) return;
      if (Date.now() > deadline) {
        throw new Error(`the indexer at ${url} did not reach the chain's head within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return { url, child, ready, stop };
}

/** A TCP port that is free on `host` now (Ponder logs the port it was given, so 0 cannot be passed on). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = address && typeof address === "object" ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The chain's latest block number, by a plain JSON-RPC call. */
async function chainHead(rpcUrl: string): Promise<number> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  const body = (await response.json()) as { result?: string; error?: { message: string } };
  if (!body.result)
    throw new Error(`eth_blockNumber at ${rpcUrl} failed: ${body.error?.message ?? response.status}`);
  return Number(body.result);
}

/** The latest block the indexer has processed (Ponder's /status), or -1 while it has none. */
async function indexedBlock(url: string): Promise<number> {
  const response = await fetch(`${url}/status`).catch(() => undefined);
  if (!response?.ok) return -1;
  const status = (await response.json()) as Record<string, { block?: { number?: number } } | null>;
  const chain = Object.values(status).find((entry) => entry?.block);
  return chain?.block?.number ?? -1;
}

const TEMPLATE = path.join(INDEXER_ROOT, ".ponder", "pglite-template");

/**
 * An empty PGlite database folder to copy for a fresh start. Creating one runs Postgres's `initdb` in
 * WebAssembly, about 4 CPU seconds, which a copy of this template (made once per checkout) saves on every
 * `npm start`. Ponder then creates its own schemas and tables in the copy.
 */
export async function emptyDatabaseTemplate(): Promise<string> {
  if (existsSync(path.join(TEMPLATE, "PG_VERSION"))) return TEMPLATE;
  const { PGlite } = await import("@electric-sql/pglite");
  const building = `${TEMPLATE}-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(path.dirname(building), { recursive: true });
  const db = new PGlite(building);
  await db.waitReady;
  await db.close();
  rmSync(TEMPLATE, { recursive: true, force: true });
  renameSync(building, TEMPLATE);
  return TEMPLATE;
}
