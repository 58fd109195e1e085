/**
 * `npm run simulate -- <scenario> [--voters N] [--seed S] [--out DIR] [--naive]`: runs a scenario on a
 * fresh in-process chain and writes report.json, report.md and SVG charts to reports/<scenario>/.
 * `--voters` scales the scenario's agents (voters, assessors, buyers or underwriters: see its report);
 * `--naive` mines one block per transaction instead of sharing blocks.
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { REPO_ROOT } from "./lib/deployment.js";
import { explainError } from "./lib/errors.js";
import { openChain } from "./lib/sim/engine.js";
import { writeReport } from "./lib/sim/report.js";
import { SCENARIOS } from "./lib/sim/scenarios.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    voters: { type: "string", default: "100" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
    naive: { type: "boolean", default: false },
  },
});
const name = positionals[0];
const run = name ? SCENARIOS[name] : undefined;
const voters = Number(values.voters);
const seed = Number(values.seed);
if (!run) {
  console.error(`usage: npm run simulate -- <scenario> [--voters N] [--seed S] [--out DIR] [--naive]`);
  console.error(
    `scenarios: ${Object.keys(SCENARIOS).join(", ")}${name ? `\nunknown scenario "${name}"` : ""}`,
  );
  process.exit(2);
}
if (!Number.isInteger(voters) || voters < 2 || voters > 20_000) {
  console.error(`--voters must be a whole number from 2 to 20000; got "${values.voters}"`);
  process.exit(2);
}
if (!Number.isInteger(seed) || seed < 0) {
  console.error(`--seed must be a non-negative whole number; got "${values.seed}"`);
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
  });
  const files = writeReport(report, out);
  console.log(
    `${name}: ${JSON.stringify(report.outcome, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`,
  );
  console.log(
    `finished in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${files.length} files to ${out}`,
  );
} catch (error) {
  console.error(`simulation failed: ${explainError(error)}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
