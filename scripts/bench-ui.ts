/**
 * `npm run bench:ui`: how the governance UI's proposals page scales. Seeds 10,000 proposals on a local
 * chain, serves a production build of the UI, loads the proposals page in Chromium several times, and
 * records for each load the HTTP round trips and JSON-RPC calls the page made to the chain before its first
 * page of proposals was on screen, and how long that took. Writes bench/ui-proposals.json and .md.
 *
 *   npm run bench:ui -- [--proposals 10000] [--loads 5] [--out bench]
 *
 * A benchmark, not a test: it asserts only that the page shows the newest proposal.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { REPO_ROOT } from "./lib/deployment.js";
import {
  type RpcStats,
  CHROMIUM,
  appUrl,
  launchBrowser,
  requireChromium,
  startChain,
  startUI,
} from "../test/e2e/harness.js";
import { seedProposals } from "../test/e2e/seed-proposals.js";

const { values: options } = parseArgs({
  options: {
    proposals: { type: "string", default: "10000" },
    loads: { type: "string", default: "5" },
    out: { type: "string", default: path.join(REPO_ROOT, "bench") },
  },
});
const count = Number(options.proposals);
const loads = Number(options.loads);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(loads) || loads < 1) {
  console.error("--proposals and --loads must be positive integers");
  process.exit(2);
}
if (!requireChromium()) {
  console.error("COVERDAO_SKIP_E2E=1: the UI benchmark needs Chromium; nothing measured.");
  process.exit(0);
}

/** The proposals page, and the text of the newest proposal, which must be on its first page. */
const ROUTE = "#/proposals";
const newestTitle = new RegExp(`^Benchmark proposal ${count}:`);

interface Load {
  ms: number;
  httpRequests: number;
  rpcCalls: number;
  /** Proposals on the first page when the clock stopped. */
  shown: number;
  methods: Record<string, number>;
  /** After the page went quiet (no request for 500 ms): what the page asked in total for this view. */
  settled: Pick<RpcStats, "httpRequests" | "rpcCalls">;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const log = (line: string) => console.log(line);
log(`Seeding ${count.toLocaleString("en-US")} proposals on a fresh local chain…`);
const chain = await startChain();
const seed = await seedProposals(chain, count);
// Into the voting period, so every proposal is Active, as on a live DAO's busiest day.
await chain.increaseTime(86_400 + 1);
log(`  ${seed.count} proposals in ${seed.blocks} blocks, ${(seed.ms / 1000).toFixed(1)} s`);

log("Building the UI and serving the build (vite preview)…");
const ui = await startUI(chain.deploymentsDir, "preview");
const browser = await launchBrowser();
const results: Load[] = [];
try {
  for (let i = 0; i < loads + 1; i++) {
    const page = await browser.context.newPage();
    chain.rpc.resetStats();
    const started = performance.now();
    await page.goto(appUrl(ui, chain.rpc.url, ROUTE));
    await page.getByRole("heading", { name: newestTitle }).waitFor({ timeout: 120_000 });
    const ms = performance.now() - started;
    const shown = await page.getByRole("list", { name: "Proposal list" }).getByRole("article").count();
    const first = { ...chain.rpc.stats, methods: { ...chain.rpc.stats.methods } };
    let seen = -1;
    while (seen !== chain.rpc.stats.httpRequests) {
      seen = chain.rpc.stats.httpRequests;
      await page.waitForTimeout(500);
    }
    await page.close();
    const load: Load = {
      ms: Math.round(ms),
      httpRequests: first.httpRequests,
      rpcCalls: first.rpcCalls,
      shown,
      methods: first.methods,
      settled: { httpRequests: chain.rpc.stats.httpRequests, rpcCalls: chain.rpc.stats.rpcCalls },
    };
    // The first load fills Chromium's cache with the app's assets; it is reported but not in the median.
    log(
      `  load ${i === 0 ? "cold" : i}: ${load.ms} ms, ${load.httpRequests} round trips, ${load.rpcCalls} calls`,
    );
    results.push(load);
  }
} finally {
  await browser.close();
  await ui.close();
  await chain.close();
}

const [cold, ...warm] = results;
const report = {
  benchmark: "ui-proposals",
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
    node: process.version,
    chromium: CHROMIUM,
    note: "shared 2-core machine; other engineers' jobs ran at the same time, so times are indicative",
  },
  setup: {
    chain: "Hardhat EDR in-process, served over HTTP JSON-RPC on 127.0.0.1",
    ui: "vite build, served by vite preview",
    route: ROUTE,
  },
  seed: { proposals: seed.count, blocks: seed.blocks, seconds: Number((seed.ms / 1000).toFixed(1)) },
  firstPage: {
    roundTrips: median(warm.map((l) => l.httpRequests)),
    roundTripsRange: [
      Math.min(...warm.map((l) => l.httpRequests)),
      Math.max(...warm.map((l) => l.httpRequests)),
    ],
    rpcCalls: median(warm.map((l) => l.rpcCalls)),
    medianMs: Math.round(median(warm.map((l) => l.ms))),
    coldMs: cold.ms,
  },
  loads: results,
};

mkdirSync(options.out, { recursive: true });
writeFileSync(path.join(options.out, "ui-proposals.json"), JSON.stringify(report, null, 2) + "\n");
const methodRows = Object.entries(warm[warm.length - 1].methods)
  .sort(([, a], [, b]) => b - a)
  .map(([method, n]) => `| \`${method}\` | ${n} |`);
const md = `# UI benchmark: the proposals page with ${count.toLocaleString("en-US")} proposals

Generated by \`npm run bench:ui\` on ${report.generatedAt.slice(0, 10)}. Raw numbers: \`ui-proposals.json\`.

The chain holds ${count.toLocaleString("en-US")} active proposals (seeded in ${seed.blocks} blocks in
${report.seed.seconds} s). The page is a production build (\`vite build\` + \`vite preview\`) opened in
Chromium at \`${ROUTE}\`; the clock runs from navigation until the newest proposal is on screen. Every
JSON-RPC request passes through a counting HTTP server in front of the chain.

| Measure (median of ${warm.length} warm loads) | Value |
| --- | --- |
| HTTP round trips to the chain before the first page | ${report.firstPage.roundTrips} (range ${report.firstPage.roundTripsRange.join("–")}) |
| JSON-RPC calls before the first page (batch members counted) | ${report.firstPage.rpcCalls} |
| Time to first page | ${report.firstPage.medianMs} ms (cold first load: ${cold.ms} ms) |
| Seeding ${count.toLocaleString("en-US")} proposals | ${report.seed.seconds} s |

JSON-RPC calls by method (last load, to first page):

| Method | Calls |
| --- | --- |
${methodRows.join("\n")}

Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node},
load average ${report.machine.loadAverage1m} at the end. ${report.machine.note}.
`;
writeFileSync(path.join(options.out, "ui-proposals.md"), md);
log(`\nWrote ${path.join(options.out, "ui-proposals.{json,md}")}`);
log(
  `First page: ${report.firstPage.roundTrips} round trips, ${report.firstPage.rpcCalls} calls, ${report.firstPage.medianMs} ms`,
);
