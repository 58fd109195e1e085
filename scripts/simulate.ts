/**
 * `npm run simulate -- <scenario> [--voters N] [--seed S] [--out DIR] [--naive]`: runs a scenario on a
 * fresh in-process chain and writes report.json, report.md and SVG charts to reports/<scenario>/.
 * `depeg-replay --feed <csv> [--decimals N]` replays a recorded Chainlink feed history through the depeg product.
 * `--voters` scales the scenario's agents (voters, assessors, buyers or underwriters: see its report);
 * `--naive` mines one block per transaction instead of sharing blocks.
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { REPO_ROOT } from "./lib/deployment.js";
import { explainError } from "./lib/errors.js";
import { openChain } from "./lib/sim/engine.js";
import { parseCommandLine, parseOption } from "./lib/sim/options.js";
import { writeReport } from "./lib/sim/report.js";
import { SCENARIOS } from "./lib/sim/scenarios.js";

const { values, positionals } = parseCommandLine(
  () =>
    parseArgs({
      allowPositionals: true,
      options: {
        voters: { type: "string", default: "100" },
        seed: { type: "string", default: "1" },
        out: { type: "string" },
        naive: { type: "boolean", default: false },
        feed: { type: "string" },
        decimals: { type: "string" },
      },
    }),
  "usage: npm run simulate -- <scenario> [--voters N] [--seed S] [--out DIR] [--naive] [--feed CSV] [--decimals N]",
);
const name = positionals[0];
const run = name ? SCENARIOS[name] : undefined;
if (!run) {
  console.error(`usage: npm run simulate -- <scenario> [--voters N] [--seed S] [--out DIR] [--naive]`);
  console.error(
    `scenarios: ${Object.keys(SCENARIOS).join(", ")}${name ? `\nunknown scenario "${name}"` : ""}`,
  );
  process.exit(2);
}
let voters = 0;
let seed = 0;
let decimals: number | undefined;
try {
  voters = parseOption("voters", "agents", values.voters);
  seed = parseOption("seed", "seed", values.seed);
  if (values.decimals !== undefined) decimals = parseOption("decimals", "decimals", values.decimals);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
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
  // The outcome's headline figures; series and long lists stay in report.json.
  console.log(`${name}:`);
  for (const [key, value] of Object.entries(report.outcome)) {
    const long = Array.isArray(value) && value.length > 4;
    const shown = long
      ? `${value.length} entries (see report.json)`
      : JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    console.log(`  ${key.padEnd(26)}${shown}`);
  }
  console.log(
    `finished in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${files.length} files to ${out}`,
  );
} catch (error) {
  console.error(`simulation failed: ${explainError(error)}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
