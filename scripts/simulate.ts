/**
 * `npm run simulate -- <scenario> [--voters N] [--seed S] [--out DIR] [--naive]`: runs a scenario on a
 * fresh in-process chain and writes report.json, report.md and SVG charts to reports/<scenario>/.
 * `depeg-replay --feed <csv> [--decimals N]` replays a recorded Chainlink feed history through the depeg product.
 * `--voters` scales the scenario's agents (voters, assessors, buyers or underwriters: see its report);
 * `--naive` mines one block per transaction instead of sharing blocks.
 */
import path from "node:path";

import {
  REPO_ROOT,
  UsageError,
  checkOption,
  commandLine,
  exitWithUsage,
  explainError,
} from "@coverdao/core/node";
import { SCENARIOS, consoleSummary, openChain, parseOption, writeReport } from "@coverdao/core/sim";

const USAGE = `Usage: npm run simulate -- <scenario> [--voters N] [--seed S] [--out DIR] [--naive] [--feed CSV] [--decimals N]
  Runs a scenario on a fresh in-process chain and writes report.md, report.json and SVG charts.
  scenarios: ${Object.keys(SCENARIOS).join(", ")}
  --voters N   agents (2-20000, default 100)     --seed S   random seed (default 1)
  --out DIR    where to write (default reports/<scenario>)
  --naive      one block per transaction instead of shared blocks
  --feed CSV   depeg-replay: the price rounds to replay (default: the bundled synthetic 3-day depeg)
  --decimals N depeg-replay: the feed's decimals (default: read from the CSV)`;
const COMMAND = "npm run simulate";
const { values, positionals } = commandLine(
  {
    voters: { type: "string", default: "100" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
    naive: { type: "boolean", default: false },
    feed: { type: "string" },
    decimals: { type: "string" },
  },
  USAGE,
  COMMAND,
  { allowPositionals: true },
);
const name = positionals[0];
const run = name ? SCENARIOS[name] : undefined;
if (!run) {
  exitWithUsage(
    new UsageError(
      name
        ? `Unknown scenario "${name}": one of ${Object.keys(SCENARIOS).join(", ")}.`
        : `Name a scenario: one of ${Object.keys(SCENARIOS).join(", ")}.`,
    ),
    USAGE,
    COMMAND,
  );
}
if (positionals.length > 1)
  exitWithUsage(new UsageError(`Unexpected argument "${positionals[1]}".`), USAGE, COMMAND);
const voters = checkOption(() => parseOption("voters", "agents", values.voters), USAGE, COMMAND);
const seed = checkOption(() => parseOption("seed", "seed", values.seed), USAGE, COMMAND);
const decimals =
  values.decimals === undefined
    ? undefined
    : checkOption(() => parseOption("decimals", "decimals", values.decimals), USAGE, COMMAND);
const out = path.resolve(values.out ?? path.join(REPO_ROOT, "reports", name!));
const connection = await openChain();
try {
  const started = performance.now();
  const report = await run(connection, {
    voters,
    seed,
    mode: values.naive ? "naive" : "batched",
    progress: true,
    feed: values.feed ? path.resolve(values.feed) : undefined,
    decimals,
  });
  const files = writeReport(report, out);
  // Assumptions and findings first, then the outcome's headline figures in human units (the rest in report.json).
  for (const line of consoleSummary(report)) console.log(line);
  console.log(
    `finished in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${files.length} files to ${out}`,
  );
} catch (error) {
  console.error(`simulation failed: ${explainError(error)}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
