/**
 * `npm run bench:ui`: how the governance UI's proposals page scales. Seeds 10,000 proposals on a local
 * chain (and, as a baseline, 20 on another), serves a production build of the UI, loads the proposals page
 * in Chromium several times, and records for each load the HTTP round trips and JSON-RPC calls the page
 * made to the chain before its first page of proposals was on screen, and how long that took. Writes
 * bench/ui-proposals.json and bench/ui-proposals.md.
 *
 *   npm run bench:ui -- [--proposals 10000] [--baseline 20] [--loads 5] [--out bench]
 *
 * A benchmark, not a test: it checks only that the page shows the newest proposal and a full first page.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Page } from "playwright-core";

import { REPO_ROOT, UsageError, commandLine, exitWithUsage } from "@coverdao/core/node";
import {
  type Browser,
  type RpcServer,
  appUrl,
  buildUI,
  launchBrowser,
  requireChromium,
  startChain,
  startUI,
} from "../test/e2e/harness.js";
import { seedProposals } from "../test/e2e/seed-proposals.js";

const USAGE = `Usage: npm run bench:ui [-- --proposals N] [--baseline N] [--loads N] [--out DIR]
  Loads the proposals page of a production build with N proposals (default 10000) and a baseline
  (default 20), --loads times each (default 5), and writes bench/ui-proposals.{md,json}.`;
const COMMAND = "npm run bench:ui";
const { values: options } = commandLine(
  {
    proposals: { type: "string", default: "10000" },
    baseline: { type: "string", default: "20" },
    loads: { type: "string", default: "5" },
    out: { type: "string", default: path.join(REPO_ROOT, "bench") },
  },
  USAGE,
  COMMAND,
);
const [count, baseline, loads] = [options.proposals, options.baseline, options.loads].map(Number);
if (![count, baseline, loads].every((n) => Number.isInteger(n) && n >= 1))
  exitWithUsage(
    new UsageError("--proposals, --baseline and --loads must be positive whole numbers."),
    USAGE,
    COMMAND,
  );
if (!requireChromium()) {
  console.error("COVERDAO_SKIP_E2E=1: the UI benchmark needs Chromium; nothing measured.");
  process.exit(0);
}

/** The proposals page: newest first, 20 to a page (governance-ui/src/pages/proposals/ProposalList.tsx). */
const ROUTE = "/proposals";
const PAGE_SIZE = 20;
/** Time to first page the UI issue sets as its target, with 10,000 proposals. */
const TARGET_MS = 1000;

interface Load {
  /** Navigation start to the newest proposal's heading on screen. */
  ms: number;
  /** Navigation start to the first JSON-RPC request: loading and starting the app. */
  bootMs: number;
  httpRequests: number;
  rpcCalls: number;
  /** Proposals on the first page when the clock stopped. */
  shown: number;
  methods: Record<string, number>;
  /** Bytes of JSON the chain answered, by method. */
  bytes: Record<string, number>;
  /** Milliseconds the chain spent answering, by method. */
  chainMs: Record<string, number>;
  /** Each round trip to the first page, in ms from navigation start: sent, answered, methods, bytes. */
  timeline: { at: number; answeredAt: number; methods: string[]; bytes: number }[];
  /** Once the page went quiet (no request for 500 ms): everything it asked for this view. */
  settled: { httpRequests: number; rpcCalls: number };
  /** "Next page" from the first page to the second (only with more than one page). */
  nextPage?: { ms: number; httpRequests: number; rpcCalls: number };
}

interface Run {
  proposals: number;
  seed: { blocks: number; seconds: number };
  /** The first load fills Chromium's cache with the app's assets: reported, not in the medians. */
  cold: Load;
  warm: Load[];
  median: { ms: number; bootMs: number; httpRequests: number; rpcCalls: number };
  httpRequestsRange: [number, number];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const log = (line: string) => console.log(line);
const fmt = (n: number) => n.toLocaleString("en-US");

/** Clicks "Next page" and measures until the second page's newest proposal (`index`) is on screen. */
async function nextPage(page: Page, rpc: RpcServer, index: number): Promise<Load["nextPage"]> {
  rpc.resetStats();
  const started = performance.now();
  await page.getByRole("link", { name: "Next page" }).click();
  await page
    .getByRole("heading", { name: new RegExp(`^Benchmark proposal ${index}:`) })
    .waitFor({ timeout: 120_000 });
  return {
    ms: Math.round(performance.now() - started),
    httpRequests: rpc.stats.httpRequests,
    rpcCalls: rpc.stats.rpcCalls,
  };
}

async function measure(proposals: number, build: string, browser: Browser): Promise<Run> {
  log(`\n${fmt(proposals)} proposals: seeding a fresh local chain…`);
  const chain = await startChain();
  try {
    const seed = await seedProposals(chain, proposals);
    // Into the voting period, so every proposal is Active, as on a live DAO's busiest day.
    await chain.increaseTime(86_400 + 1);
    log(`  seeded in ${seed.blocks} blocks, ${(seed.ms / 1000).toFixed(1)} s`);
    const ui = await startUI(chain.deploymentsDir, build);
    const newest = new RegExp(`^Benchmark proposal ${proposals}:`);
    const results: Load[] = [];
    try {
      for (let i = 0; i <= loads; i++) {
        const page = await browser.context.newPage();
        chain.rpc.resetStats();
        const started = performance.now();
        await page.goto(appUrl(ui, chain.rpc.url, ROUTE));
        await page.getByRole("heading", { name: newest }).waitFor({ timeout: 120_000 });
        const ms = performance.now() - started;
        const shown = await page.getByRole("list", { name: "Proposal list" }).getByRole("article").count();
        const { httpRequests, rpcCalls, methods, bytes, chainMs, firstAt, timeline } = chain.rpc.stats;
        const load: Load = {
          ms: Math.round(ms),
          bootMs: Math.round((firstAt ?? performance.now()) - started),
          httpRequests,
          rpcCalls,
          shown,
          methods: { ...methods },
          bytes: { ...bytes },
          chainMs: Object.fromEntries(Object.entries(chainMs).map(([m, v]) => [m, Math.round(v)])),
          timeline: timeline.map((t) => ({
            ...t,
            at: Math.round(t.at - started),
            answeredAt: Math.round(t.answeredAt - started),
          })),
          settled: { httpRequests, rpcCalls },
        };
        let seen = -1;
        while (seen !== chain.rpc.stats.httpRequests) {
          seen = chain.rpc.stats.httpRequests;
          await page.waitForTimeout(500);
        }
        load.settled = { httpRequests: chain.rpc.stats.httpRequests, rpcCalls: chain.rpc.stats.rpcCalls };
        if (proposals > PAGE_SIZE) load.nextPage = await nextPage(page, chain.rpc, proposals - PAGE_SIZE);
        await page.close();
        if (shown < Math.min(20, proposals)) throw new Error(`the first page showed ${shown} proposals`);
        const next = load.nextPage;
        log(
          `  load ${i === 0 ? "cold" : i}: ${load.ms} ms (app boot ${load.bootMs} ms), ` +
            `${load.httpRequests} round trips, ${load.rpcCalls} calls, ${shown} shown` +
            (next ? `; next page ${next.ms} ms, ${next.httpRequests} round trips` : ""),
        );
        results.push(load);
      }
    } finally {
      await ui.close();
    }
    const [cold, ...warm] = results;
    const trips = warm.map((l) => l.httpRequests);
    return {
      proposals,
      seed: { blocks: seed.blocks, seconds: Number((seed.ms / 1000).toFixed(1)) },
      cold,
      warm,
      median: {
        ms: Math.round(median(warm.map((l) => l.ms))),
        bootMs: Math.round(median(warm.map((l) => l.bootMs))),
        httpRequests: median(trips),
        rpcCalls: median(warm.map((l) => l.rpcCalls)),
      },
      httpRequestsRange: [Math.min(...trips), Math.max(...trips)],
    };
  } finally {
    await chain.close();
  }
}

log("Building the UI (vite build)…");
const build = await buildUI();
const browser = await launchBrowser();
let runs: Run[];
try {
  runs = [await measure(baseline, build, browser), await measure(count, build, browser)];
} finally {
  await browser.close();
  rmSync(build, { recursive: true, force: true });
}
const [small, large] = runs;

let chromiumVersion = "unknown";
try {
  chromiumVersion = execFileSync(browser.chromium.executablePath, ["--version"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
} catch {
  // The version is a note in the report; the measurement does not depend on it.
}
const report = {
  benchmark: "ui-proposals",
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
    node: process.version,
    chromium: chromiumVersion,
    note: "shared machine: other jobs ran at the same time, so times are indicative; round trips are exact",
  },
  setup: {
    chain: "Hardhat EDR in-process, served over HTTP JSON-RPC on 127.0.0.1 through a counting server",
    ui: "production build (vite build), served by vite preview",
    route: ROUTE,
    loads,
    targetMs: TARGET_MS,
  },
  runs,
};
mkdirSync(options.out, { recursive: true });
writeFileSync(path.join(options.out, "ui-proposals.json"), JSON.stringify(report, null, 2) + "\n");

const kb = (bytes: number) =>
  bytes >= 1e6
    ? `${(bytes / 1e6).toFixed(1)} MB`
    : bytes >= 1e3
      ? `${(bytes / 1e3).toFixed(1)} kB`
      : `${bytes} B`;
const byMethod = (load: Load, m: string) =>
  load.methods[m] ? `${load.methods[m]} · ${kb(load.bytes[m] ?? 0)} · ${fmt(load.chainMs[m] ?? 0)} ms` : "–";
const nextPageCell = (r: Run) => {
  const next = r.warm.map((l) => l.nextPage).filter((n) => n !== undefined);
  if (next.length === 0) return "one page only";
  const m = (f: (n: NonNullable<Load["nextPage"]>) => number) => fmt(Math.round(median(next.map(f))));
  return `${m((n) => n.httpRequests)} round trips, ${m((n) => n.rpcCalls)} calls, ${m((n) => n.ms)} ms`;
};
const row = (label: string, f: (r: Run) => string) => `| ${label} | ${f(small)} | ${f(large)} |`;
const methods = Object.keys({ ...small.warm[0].methods, ...large.warm[0].methods }).sort();
const md = `# UI benchmark: the proposals page with ${fmt(large.proposals)} proposals

Written by \`npm run bench:ui\` (\`scripts/bench-ui.ts\`) on ${report.generatedAt.slice(0, 10)}; raw numbers in
\`ui-proposals.json\`. Each chain holds only active proposals, seeded in batched blocks from one proposer.
The UI is a production build served by \`vite preview\`, opened in Chromium at \`${ROUTE}\` (newest first,
20 to a page). The clock runs from navigation until the newest proposal's heading is on screen; every
JSON-RPC request goes through a counting HTTP server in front of the chain. Medians of ${loads} warm loads
(the first, cold load is listed separately).

| Proposals on chain | ${fmt(small.proposals)} | ${fmt(large.proposals)} |
| --- | --- | --- |
${row("HTTP round trips to the first page", (r) => `${r.median.httpRequests} (range ${r.httpRequestsRange.join("–")})`)}
${row("JSON-RPC calls to the first page (batch members counted)", (r) => String(r.median.rpcCalls))}
${row("Time to first page (median)", (r) => `${fmt(r.median.ms)} ms`)}
${row("of which loading and starting the app", (r) => `${fmt(r.median.bootMs)} ms`)}
${row("Time to first page, cold load", (r) => `${fmt(r.cold.ms)} ms`)}
${row("Next page (median): round trips, calls, time", (r) => nextPageCell(r))}
${row("Requests once the page went quiet", (r) => `${r.warm[0].settled.httpRequests} round trips, ${r.warm[0].settled.rpcCalls} calls`)}
${row("Seeding", (r) => `${r.seed.seconds} s (${r.seed.blocks} block${r.seed.blocks === 1 ? "" : "s"})`)}

JSON-RPC calls to the first page, by method (first warm load): calls · JSON answered · time the chain
spent answering.

| Method | ${fmt(small.proposals)} | ${fmt(large.proposals)} |
| --- | --- | --- |
${methods.map((m) => `| \`${m}\` | ${byMethod(small.warm[0], m)} | ${byMethod(large.warm[0], m)} |`).join("\n")}

Round trips of the ${fmt(large.proposals)}-proposal page (first warm load), in ms from navigation; the page was on
screen at ${fmt(large.warm[0].ms)} ms:

| Sent | Answered | JSON-RPC | Size |
| --- | --- | --- | --- |
${large.warm[0].timeline.map((t) => `| ${t.at} | ${t.answeredAt} | ${t.methods.map((m) => `\`${m}\``).join(", ")} | ${kb(t.bytes)} |`).join("\n")}

Target (UI issue): first page within ${fmt(TARGET_MS)} ms with ${fmt(large.proposals)} proposals on the local
chain: ${large.median.ms <= TARGET_MS ? "met" : "not met"} in this run (${fmt(large.median.ms)} ms).

Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node
${report.machine.node}, ${report.machine.chromium}; load average ${report.machine.loadAverage1m} when the run
ended (${report.machine.note}).
`;
writeFileSync(path.join(options.out, "ui-proposals.md"), md);
log(`\nWrote ${path.join(options.out, "ui-proposals.json")} and ui-proposals.md`);
for (const r of runs) {
  log(
    `${fmt(r.proposals)} proposals: ${r.median.httpRequests} round trips, ${r.median.rpcCalls} calls, ${r.median.ms} ms`,
  );
}
