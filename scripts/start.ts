/**
 * `npm start`: the local DAO in one command.
 *
 * Starts a JSON-RPC chain on 127.0.0.1:8545 (Hardhat's EDR, chain id 31337), deploys the whole system
 * with its Ignition module, starts the Snapshot dev hub on 127.0.0.1:3001, seeds a demo DAO, starts the
 * indexer (indexer/, Ponder on embedded PGlite) on 127.0.0.1:42069 and waits until it has indexed the seed,
 * writes deployments/31337.json (with the services' URLs), serves the governance UI with Vite on
 * 127.0.0.1:5173, prints the URLs and the dev accounts, and runs until Ctrl-C. `npm start -- --check` does
 * the same, checks that the chain, the hub, the indexer and the UI answer, and exits 0 (CI runs it).
 *
 * Options: --port (chain), --hub-port, --indexer-port, --ui-port, --no-ui, --no-indexer, --host, --check.
 *
 * Time: the seed travels about three weeks forward (votes, Timelock delays, claim cooldowns), so the
 * chain starts that long before the wall clock and is brought to the wall clock after seeding: the UI,
 * the CLI and Snapshot messages can then use ordinary wall-clock time. The hub reads the chain's clock
 * all along, so the seed's signed temperature check is dated in chain time.
 */
import { mkdirSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

import { JsonRpcProvider } from "ethers";
import hre, { network } from "hardhat";
import type { ViteDevServer } from "vite";

import {
  DEFAULT_RPC_URL,
  type Deployment,
  REPO_ROOT,
  UsageError,
  commandLine,
  deploymentPath,
  exitWithUsage,
  parseDeployment,
  quietSqliteWarning,
  readDeployment,
  writeDeployment,
} from "@coverdao/core/cli";
import { DEV_HUB_URL } from "@coverdao/core/snapshot";
import type { RunningIndexer } from "@coverdao/core/indexer/node";
import type { DevHub } from "@coverdao/core/snapshot/node";

const SPACE = process.env.SNAPSHOT_SPACE ?? "coverdao.eth";
const UI_CONFIG = path.join(REPO_ROOT, "governance-ui", "vite.config.ts");
/** The hub's store for the local chain: reset on every start, because the chain is new on every start. */
const HUB_DATABASE = path.join(REPO_ROOT, ".snapshot-hub", "local-31337.sqlite");

const USAGE = `Usage: npm start [-- --port N] [--hub-port N] [--indexer-port N] [--ui-port N] [--no-ui]
  [--no-indexer] [--host H] [--check]
  A local chain (default port 8545, chain id 31337) with the whole DAO deployed and seeded, the Snapshot
  dev hub (3001), the indexer (42069) and the governance UI (5173); prints the URLs, the named accounts and
  next steps, and runs until Ctrl-C (SIGINT or SIGTERM). Port 0 picks a free port. --check: check that
  everything answers, then stop (exit 0).`;
const COMMAND = "npm start";
const { values: options } = commandLine(
  {
    check: { type: "boolean", default: false },
    port: { type: "string", default: "8545" },
    "hub-port": { type: "string", default: new URL(DEV_HUB_URL).port },
    "indexer-port": { type: "string", default: "42069" },
    indexer: { type: "boolean", default: true },
    "ui-port": { type: "string", default: "5173" },
    ui: { type: "boolean", default: true },
    host: { type: "string", default: "127.0.0.1" },
  },
  USAGE,
  COMMAND,
  { allowNegative: true },
);

function portOption(name: "port" | "hub-port" | "indexer-port" | "ui-port"): number {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    exitWithUsage(
      new UsageError(`--${name} must be a TCP port number (0 for any free port); got "${options[name]}"`),
      USAGE,
      COMMAND,
    );
  return value;
}
const port = portOption("port");
const hubPort = portOption("hub-port");
const uiPort = portOption("ui-port");
const indexerPort = portOption("indexer-port");
const host = options.host;
const say = (line: string) => console.log(line);

quietSqliteWarning();

// A fresh clone has neither artifacts nor TypeChain types: build first (a no-op when up to date), then load
// the core, whose modules import the generated contract factories.
await hre.tasks.getTask("build").run({ quiet: true });
const { HttpRpcProvider, PROPOSAL_STATES, connectDAO, explainError, listClaims } =
  await import("@coverdao/core");
const { deployCoverDAO } = await import("@coverdao/core/deploy");
const { SEED_TIME_SPAN, describeSeed, formatCover, seedDemoDAO } = await import("@coverdao/core/seed");
const { assertValidSpaceSettings, buildSpaceSettings, chainClock, startHub } =
  await import("@coverdao/core/snapshot/node");
const { startIndexer } = await import("@coverdao/core/indexer/node");

// The seed moves the clock about SEED_TIME_SPAN forward: start that far back so that it ends near now.
const initialDate = new Date(Date.now() - SEED_TIME_SPAN * 1000);
const server = await network.createServer({ network: "default", override: { initialDate } }, host, port);
let rpcUrl: string;
try {
  const address = await server.listen();
  rpcUrl = `http://${address.address}:${address.port}`;
} catch (error) {
  console.error(
    `Cannot listen on http://${host}:${port}: ${(error as Error).message}. Is another chain running there?`,
  );
  process.exit(1);
}
say(`Local chain listening on ${rpcUrl} (chain id 31337)`);

let hub: DevHub | undefined;
let indexer: RunningIndexer | undefined;
let vite: ViteDevServer | undefined;
let provider: JsonRpcProvider | undefined;
let closeConnection: (() => Promise<void>) | undefined;
let stopping = false;

/** Stops the UI, the indexer, the hub and the chain, in that order, then exits. */
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await vite?.close().catch(() => {});
    await indexer?.stop().catch(() => {});
    await hub?.close().catch(() => {});
    provider?.destroy();
    await closeConnection?.().catch(() => {});
    await server.close().catch(() => {});
  }
  process.exit(code);
}
// Ctrl-C in a terminal signals the whole group; a supervisor signals npm alone, which passes the signal on
// to this process: the npm script `exec`s `node --import tsx`, so neither a shell nor tsx's CLI stands between
// them (tsx's CLI relays a signal to its child and kills it outright when the child does not acknowledge it
// within 30 ms, which a loaded machine misses).
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    // Written synchronously: `process.exit` in {stop} would drop a pending write to a piped stdout.
    if (!stopping)
      writeSync(1, `\nStopping the local DAO (UI, indexer, Snapshot hub, chain) on ${signal}…\n`);
    void stop(0);
  });

try {
  // The chain is new on every start: forget Ignition's journal of the previous one.
  rmSync(path.join(REPO_ROOT, "ignition", "deployments", "chain-31337"), { recursive: true, force: true });
  // The deployment file is written once everything answers (a readiness signal for the UI and tests).
  rmSync(deploymentPath(31337), { force: true });
  const connection = await network.create({ network: "localhost", override: { url: rpcUrl } });
  closeConnection = () => connection.close();
  say("Deploying with Hardhat Ignition…");
  const { deployment, contracts } = await deployCoverDAO(connection);

  provider = new HttpRpcProvider(rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(HUB_DATABASE + suffix, { force: true });
  const settings = await buildSpaceSettings(deployment, provider);
  assertValidSpaceSettings(settings);
  const clock = chainClock(provider);
  try {
    hub = await startHub({
      space: SPACE,
      settings,
      provider,
      database: ensureDir(HUB_DATABASE),
      host,
      port: hubPort,
      now: clock,
    });
  } catch (error) {
    throw new Error(`the Snapshot dev hub cannot listen on ${host}:${hubPort}: ${(error as Error).message}`);
  }
  say(`Snapshot dev hub for ${SPACE} on ${hub.url}`);

  say("Seeding the demo DAO…");
  const seeded = await seedDemoDAO(connection, contracts, {
    log: (line) => say(`  ${line}`),
    snapshot: { hubUrl: hub.url, space: SPACE, settings, now: clock },
  });

  // Bring the chain's clock to the wall clock (it started SEED_TIME_SPAN early).
  const wall = Math.floor(Date.now() / 1000);
  const chainNow = await clock();
  if (chainNow < wall) {
    await connection.networkHelpers.time.increaseTo(wall);
    say(`  chain clock moved ${Math.round((wall - chainNow) / 60)} min forward to the wall clock`);
    // The local depeg feed has no heartbeat of its own: repost its answer so depeg cover stays on sale.
    await (await contracts.DepegFeed.setAnswer((await contracts.DepegFeed.latestRoundData()).answer)).wait();
  } else if (chainNow - wall > 60) {
    say(`  note: the chain's clock runs ${chainNow - wall} s ahead of the wall clock (custom parameters?)`);
  }

  // The indexer reads the deployment from its environment (the file is written once everything answers) and
  // indexes the seeded history from the deployment block; the UI then reads history from it.
  let indexerUrl: string | undefined;
  if (options.indexer) {
    say("Indexing the chain's history (Ponder, embedded PGlite)…");
    const indexStarted = performance.now();
    indexer = await startIndexer({
      deployment,
      rpcUrl,
      host,
      port: indexerPort,
      // One database per chain port, so that two `npm start`s on other ports (a test beside a developer's) never
      // share one; it goes with the chain when stopped.
      databaseDir: path.join(REPO_ROOT, "indexer", ".ponder", `pglite-31337-port-${new URL(rpcUrl).port}`),
      fresh: true,
      removeOnStop: true,
      log: (line) => say(`  ${line}`),
    });
    await indexer.ready(300_000);
    indexerUrl = indexer.url;
    say(`  indexed to the chain's head in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`);
  }

  let uiUrl: string | undefined;
  if (options.ui) {
    const { createServer } = await import("vite");
    vite = await createServer({
      configFile: UI_CONFIG,
      server: { host, port: uiPort, strictPort: true },
      clearScreen: false,
      logLevel: "warn",
    });
    await vite.listen();
    const address = vite.httpServer?.address();
    const actualPort = address && typeof address === "object" ? address.port : uiPort;
    uiUrl = `http://${host}:${actualPort}/`;
  }
  // The page reads the chain's URL from `?rpc=` (its default is port 8545): on other ports the URL says so.
  const openUrl = uiUrl && rpcUrl !== DEFAULT_RPC_URL ? `${uiUrl}?rpc=${encodeURIComponent(rpcUrl)}` : uiUrl;

  const withServices: Deployment = parseDeployment({
    ...deployment,
    // The demo's named accounts, so the UI's dev-account switcher says "Alice" rather than an index.
    accounts: {
      ...deployment.accounts,
      ...Object.fromEntries(seeded.accounts.map((account) => [account.name, account.address])),
    },
    services: {
      rpcUrl,
      hubUrl: hub.url,
      snapshotSpace: SPACE,
      ...(openUrl ? { uiUrl: openUrl } : {}),
      ...(indexerUrl ? { indexerUrl } : {}),
    },
  });
  writeDeployment(withServices);

  say("\nCoverDAO is running.");
  if (openUrl) say(`  UI                ${openUrl}`);
  say(`  JSON-RPC          ${rpcUrl}  (chain id ${deployment.chainId})`);
  say(`  Snapshot hub      ${hub.url}  (space ${SPACE}; API ${hub.url}/api/proposals)`);
  if (indexerUrl)
    say(`  Indexer           ${indexerUrl}  (GraphQL ${indexerUrl}/graphql; status ${indexerUrl}/status)`);
  say("  Commands (npm run proposal, snapshot, time) find the chain and the hub in the deployment file.");
  say(`  Deployment        ${deploymentPath(deployment.chainId)}`);
  for (const [name, address] of Object.entries(deployment.contracts)) say(`  ${name.padEnd(18)}${address}`);
  say(
    "\nDev accounts (Hardhat's public test mnemonic: never use these keys on a real network); " +
      "`--account NAME` takes the name, any case:",
  );
  for (const account of seeded.accounts) {
    const votes = await contracts.GovernanceToken.getVotes(account.address);
    say(
      `  ${account.name.padEnd(9)}${account.address}  ${formatCover(votes).padStart(12)} votes  ${account.role}`,
    );
  }
  say("\nProposals:");
  for (const p of seeded.proposals) say(`  [${p.state}] ${p.title}`);
  for (const line of describeSeed(seeded)) say(line);
  for (const line of await nextSteps(contracts)) say(line);

  if (options.check) {
    await check(
      seeded.proposals.map((p) => p.id),
      uiUrl,
    );
    await stop(0);
  }
  say("\nPress Ctrl-C to stop.");
} catch (error) {
  console.error(`\nnpm start failed: ${explainError(error)}`);
  await stop(1);
}

/**
 * Commands to copy and paste, in order, that take a proposal through the whole cycle on this chain:
 * propose, move past the voting delay, vote, move past the voting period, queue, move past the Timelock's
 * delay, execute. Steps of time are the Governor's and the Timelock's own settings, read from the chain.
 */
async function nextSteps(
  contracts: Awaited<ReturnType<typeof deployCoverDAO>>["contracts"],
): Promise<string[]> {
  const [delay, period, timelock] = await Promise.all([
    contracts.CoverGovernor.votingDelay(),
    contracts.CoverGovernor.votingPeriod(),
    contracts.CoverTimelock.getMinDelay(),
  ]);
  // An example file that the seed does not propose.
  const file = "proposals/001-staking-cooldown.md";
  const step = (seconds: bigint) => `npm run time -- ${timeStep(seconds)}`;
  const rows: [string, string][] = [
    [`npm run proposal -- propose ${file} --account alice`, "Alice proposes (she holds enough votes)"],
    [step(delay), "past the voting delay"],
    [`npm run proposal -- vote ${file} --support for --account alice`, "Alice votes for"],
    [
      `npm run proposal -- vote ${file} --support for --account bob --reason "agreed"`,
      "Bob too, with a reason",
    ],
    [step(period), "past the voting period"],
    [`npm run proposal -- queue ${file} --account alice`, "into the Timelock"],
    [step(timelock), "past the Timelock's delay"],
    [`npm run proposal -- execute ${file} --account alice`, "the cooldown changes"],
    [`npm run proposal -- status ${file}`, "where it stands at any point"],
  ];
  const width = Math.max(...rows.map(([command]) => command.length));
  return [
    "\nNext steps: take a proposal from file to execution (copy and paste, in this folder, while this runs):",
    ...rows.map(([command, what]) => `  ${command.padEnd(width)}  # ${what}`),
  ];
}

/** A step for `npm run time`: "+1d", "+36h", "+90m", or seconds; at least the given time. */
function timeStep(seconds: bigint): string {
  for (const [unit, size] of [
    ["d", 86_400n],
    ["h", 3_600n],
    ["m", 60n],
  ] as const)
    if (seconds > 0n && seconds % size === 0n) return `+${seconds / size}${unit}`;
  return `+${seconds}s`;
}

function ensureDir(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/**
 * Checks everything as its users will reach it: the chain through a plain JSON-RPC client and the
 * deployment file, the hub's HTTP API, and the UI page and deployment file through the Vite server.
 */
async function check(proposalIds: bigint[], uiUrl: string | undefined): Promise<void> {
  const rpc = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  const chainId = Number((await rpc.getNetwork()).chainId);
  const deployment = readDeployment(chainId);
  const dao = connectDAO(deployment, rpc);
  const states = await Promise.all(proposalIds.map((id) => dao.CoverGovernor.state(id)));
  const seen = states.map((s) => PROPOSAL_STATES[Number(s)]);
  for (const expected of ["Executed", "Queued", "Active"]) {
    if (!seen.includes(expected as (typeof seen)[number])) {
      throw new Error(`expected executed, queued and active proposals; the chain has: ${seen.join(", ")}`);
    }
  }
  const claimStates = (await listClaims(dao)).map((c) => c.state);
  if (!claimStates.includes("Voting") || !claimStates.includes("Approved")) {
    throw new Error(
      `expected a claim in voting and an approved claim; the chain has: ${claimStates.join(", ")}`,
    );
  }
  say(
    `\ncheck: chain ${chainId} answers at ${rpcUrl}; proposals ${seen.join(", ")}; claims ${claimStates.join(", ")}`,
  );
  rpc.destroy();

  const hubUrl = deployment.services?.hubUrl;
  if (!hubUrl) throw new Error(`${deploymentPath(chainId)} names no Snapshot hub (services.hubUrl)`);
  const health = await fetchJson<{ status: string; time: number }>(`${hubUrl}/api/health`);
  const proposals = await fetchJson<unknown[]>(`${hubUrl}/api/proposals`);
  if (health.status !== "ok" || proposals.length === 0) {
    throw new Error(
      `the hub at ${hubUrl} answered ${JSON.stringify(health)} with ${proposals.length} proposals`,
    );
  }
  say(`check: Snapshot hub answers at ${hubUrl} (${proposals.length} temperature check)`);

  if (options.indexer) await checkIndexer(deployment, proposalIds);

  if (!uiUrl) return;
  const page = await fetch(uiUrl);
  const html = await page.text();
  if (!page.ok || !html.includes('id="root"')) {
    throw new Error(`the UI at ${uiUrl} answered HTTP ${page.status} without the app's root element`);
  }
  // The app's entry module, compiled by Vite on request: a broken build fails here, not in a user's browser.
  const entry = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
  if (entry) {
    const module = await fetch(new URL(entry, uiUrl));
    if (!module.ok) throw new Error(`the UI's entry module ${entry} answered HTTP ${module.status}`);
  }
  const served = parseDeployment(
    await fetchJson<unknown>(new URL(`deployments/${chainId}.json`, uiUrl).toString()),
    `the UI's deployments/${chainId}.json`,
  );
  if (
    served.contracts.CoverGovernor !== deployment.contracts.CoverGovernor ||
    served.services?.hubUrl !== hubUrl
  ) {
    throw new Error(`the UI serves a different deployment file than ${deploymentPath(chainId)}`);
  }
  say(`check: UI answers at ${uiUrl} and serves deployments/${chainId}.json`);
}

/**
 * Checks that the indexer answers as the UI will ask it (the deployment file's `services.indexerUrl`, over
 * GraphQL), has every seeded proposal, and is up to date with the chain's head.
 */
async function checkIndexer(deployment: Deployment, proposalIds: bigint[]): Promise<void> {
  const indexerUrl = deployment.services?.indexerUrl;
  if (!indexerUrl)
    throw new Error(`${deploymentPath(deployment.chainId)} names no indexer (services.indexerUrl)`);
  const { IndexerClient } = await import("@coverdao/core/indexer");
  const client = new IndexerClient(indexerUrl);
  const rpc = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  try {
    const health = await client.health(() => rpc.getBlockNumber());
    if (health.state !== "ok") throw new Error(`the indexer at ${indexerUrl}: ${health.message}`);
    const page = await client.proposals({ limit: 100 });
    const indexed = new Set(page.items.map((p) => p.id));
    const missing = proposalIds.filter((id) => !indexed.has(id));
    if (missing.length > 0)
      throw new Error(`the indexer at ${indexerUrl} lacks proposals ${missing.join(", ")}`);
    say(
      `check: indexer answers at ${indexerUrl} (block ${health.indexedBlock} of ${health.headBlock}; ` +
        `${page.totalCount} proposals)`,
    );
  } finally {
    rpc.destroy();
  }
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}
