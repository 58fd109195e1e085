/**
 * `npm run bench:risk [-- --paths N] [--seed S]`: the capital model's speed, 100,000 one-year paths by default,
 * on the seeded demo DAO's book (the two pools and four products `npm start` seeds, as `npm run risk` reads
 * them), side by side in one run with a straightforward implementation that keeps one object per path (its
 * products' draws and losses) and summarises with arrays of numbers. Both draw the same seeded numbers, so
 * they must agree on the expected loss. Then, when the local DAO of `npm start` answers, times `npm run risk`
 * end to end (a child process: npm, tsx, reading the chain over JSON-RPC, 100,000 paths, writing the report);
 * target ≤ 15 s. Writes bench/risk.md and bench/risk.json, to be committed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import {
  DEFAULT_ASSUMPTIONS,
  RISK_TYPES,
  type RiskModelInput,
  SeededRandom,
  normalQuantile,
  runRiskModel,
} from "@coverdao/core";
import { REPO_ROOT, commandLine } from "@coverdao/core/node";

const USAGE = `Usage: npm run bench:risk [-- --paths N] [--seed S]
  Times the capital model (typed arrays) against a per-path-object implementation; writes bench/risk.{md,json}.
  --paths N   simulated years (default 100000)     --seed S   random seed (default 1)`;
const { values } = commandLine(
  { paths: { type: "string", default: "100000" }, seed: { type: "string", default: "1" } },
  USAGE,
  "npm run bench:risk",
);
const paths = Number(values.paths);
const seed = Number(values.seed);
if (!Number.isInteger(paths) || paths < 1 || !Number.isInteger(seed)) {
  console.error("--paths and --seed must be whole numbers. See `npm run bench:risk -- --help`.");
  process.exit(2);
}

/** The seeded demo DAO's book as `npm run risk` reads it (the `book` of its report.json after `npm start`'s seed). */
const SEEDED_DAO: RiskModelInput = {
  pools: [
    { name: "WethPool", symbol: "WETH", capital: 708.198, openLiabilities: 30, capacityRatio: 0.9 },
    { name: "StablecoinPool", symbol: "tUSD", capital: 1_588_620, openLiabilities: 1600, capacityRatio: 0.9 },
  ],
  products: [
    {
      id: 1,
      name: "Smart contract cover (WETH)",
      pool: 0,
      riskType: "SmartContract",
      activeCover: 128,
      annualPremium: 4.76544,
      capacityRatio: 0.8,
    },
    {
      id: 2,
      name: "Stablecoin depeg cover (parametric)",
      pool: 1,
      riskType: "DepegMarket",
      activeCover: 280_000,
      annualPremium: 6759.2,
      capacityRatio: 0.7,
      parametric: { triggerDepth: 0.005, payoutRule: "LossProportional" },
    },
    {
      id: 3,
      name: "Protocol hack cover (WETH)",
      pool: 0,
      riskType: "Hack",
      activeCover: 80,
      annualPremium: 3.5768,
      capacityRatio: 0.5,
    },
    {
      id: 4,
      name: "Operational error cover (stablecoin)",
      pool: 1,
      riskType: "Operational",
      activeCover: 150_000,
      annualPremium: 4602.75,
      capacityRatio: 0.4,
    },
  ],
};

/** One simulated year as a straightforward implementation keeps it. */
interface PathObject {
  year: number;
  factors: { global: number; byType: Record<string, number> };
  products: { id: number; latent: number; incident: boolean; loss: number }[];
  poolLosses: Record<string, number>;
}

/** The same model, one object per path, summarised with arrays of numbers. */
function perPathObjects(input: RiskModelInput, n: number, s: number) {
  const a = DEFAULT_ASSUMPTIONS;
  const rng = new SeededRandom(s);
  const wGlobal = Math.sqrt(a.correlation.acrossTypes);
  const wType = Math.sqrt(a.correlation.withinType - a.correlation.acrossTypes);
  const wOwn = Math.sqrt(1 - a.correlation.withinType);
  // Thresholds once per product, as any implementation would: only the data layout differs from the model's.
  const thresholds = new Map(
    input.products.map((p) => [
      p.id,
      normalQuantile(p.parametric ? a.depeg.annualProbability : a.incidents[p.riskType].annualProbability),
    ]),
  );
  const years: PathObject[] = [];
  for (let year = 0; year < n; year++) {
    const global = rng.normal();
    const byType: Record<string, number> = {};
    for (const type of RISK_TYPES) byType[type] = rng.normal();
    const path: PathObject = { year, factors: { global, byType }, products: [], poolLosses: {} };
    for (const pool of input.pools) path.poolLosses[pool.name] = 0;
    for (const product of input.products) {
      const type = product.parametric ? "DepegMarket" : product.riskType;
      const latent = wGlobal * global + wType * byType[type] + wOwn * rng.normal();
      const incident = latent < thresholds.get(product.id)!;
      let loss = 0;
      if (incident && !product.parametric) {
        const i = a.incidents[product.riskType];
        loss =
          product.activeCover *
          i.claimShare *
          (i.severityMin + (i.severityMax - i.severityMin) * rng.uniform());
      } else if (incident && product.parametric) {
        const d = a.depeg;
        const collapse = rng.uniform() < d.collapseProbability;
        const depth = collapse
          ? d.collapseDepthMin + (d.collapseDepthMax - d.collapseDepthMin) * rng.uniform()
          : d.depthMin + (d.depthMax - d.depthMin) * rng.uniform();
        const sustained = rng.uniform() < d.sustainedProbability;
        if (depth >= product.parametric.triggerDepth && sustained) {
          loss = product.activeCover * d.claimShare * (product.parametric.payoutRule === "Full" ? 1 : depth);
        }
      }
      path.products.push({ id: product.id, latent, incident, loss });
      path.poolLosses[input.pools[product.pool].name] += loss;
    }
    years.push(path);
  }
  return input.pools.map((pool) => {
    const losses = years.map((y) => y.poolLosses[pool.name]);
    const mean = losses.reduce((x, y) => x + y, 0) / n;
    const sorted = [...losses].sort((x, y) => x - y);
    return {
      name: pool.name,
      expectedLoss: mean,
      var: sorted[Math.min(n - 1, Math.ceil(a.confidence * n) - 1)],
      ruin: losses.filter((x) => x > pool.capital).length / n,
    };
  });
}

function time<T>(run: () => T): { seconds: number; value: T } {
  const started = performance.now();
  const value = run();
  return { seconds: (performance.now() - started) / 1000, value };
}

runRiskModel(SEEDED_DAO, { paths: 1000, seed }); // warm-up
perPathObjects(SEEDED_DAO, 1000, seed);
const typed = time(() => runRiskModel(SEEDED_DAO, { paths, seed }));
const objects = time(() => perPathObjects(SEEDED_DAO, paths, seed));
const agree = typed.value.pools.every(
  (p, i) =>
    Math.abs(p.expectedLoss - objects.value[i].expectedLoss) <= 1e-9 * Math.max(1, p.expectedLoss) &&
    p.quantiles.var === objects.value[i].var,
);
if (!agree) {
  console.error("The two implementations disagree: the benchmark compares different work.");
  process.exit(1);
}
/** `npm run risk` against the local DAO, wall-clock, as a user runs it; undefined when no local DAO answers. */
function endToEnd(): { seconds: number } | { error: string } {
  const out = mkdtempSync(path.join(os.tmpdir(), "coverdao-bench-risk-"));
  const started = performance.now();
  const run = spawnSync("npm", ["run", "--silent", "risk", "--", "--out", out], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) return { error: (run.stderr || run.stdout).trim().split("\n").at(-1) ?? "failed" };
  return { seconds };
}
const e2e = endToEnd();
const e2eRow =
  "seconds" in e2e
    ? `| \`npm run risk\` end to end on the local DAO (npm, tsx, JSON-RPC reads, ${(100_000).toLocaleString("en-US")} paths, report files) | ${e2e.seconds.toFixed(2)} s | target ≤ 15 s: ${e2e.seconds <= 15 ? "met" : "NOT met"} |`
    : `| \`npm run risk\` end to end | not measured | no local DAO answered (${e2e.error}); run \`npm start\` first |`;
const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
const ratio = objects.seconds / typed.seconds;
const json = {
  benchmark: "risk",
  paths,
  seed,
  book: "the seeded demo DAO (2 pools, 4 products)",
  typedArrays: { seconds: Number(typed.seconds.toFixed(3)) },
  perPathObjects: { seconds: Number(objects.seconds.toFixed(3)) },
  ratio: Number(ratio.toFixed(2)),
  target: "100,000 one-year paths in at most 5 s",
  endToEnd:
    "seconds" in e2e ? { seconds: Number(e2e.seconds.toFixed(2)), meetsTarget: e2e.seconds <= 15 } : e2e,
  meetsTarget: typed.seconds <= 5,
  agree,
  results: typed.value.pools.map((p) => ({
    pool: p.name,
    expectedLoss: Number(p.expectedLoss.toPrecision(6)),
    var: Number(p.quantiles.var.toPrecision(6)),
    ruinProbability: p.ruinProbability,
  })),
  machine,
};
const md = `# Benchmark: the capital model (risk)

${paths.toLocaleString("en-US")} one-year paths of the seeded demo DAO's book (2 pools, 4 products, one parametric), seed ${seed}, in one run (\`npm run bench:risk\`):

| Implementation | Time | Paths per second |
| --- | --- | --- |
| typed arrays (packages/core/src/risk/capital.ts) | ${typed.seconds.toFixed(3)} s | ${Math.round(paths / typed.seconds).toLocaleString("en-US")} |
| one object per path (scripts/bench-risk.ts) | ${objects.seconds.toFixed(3)} s | ${Math.round(paths / objects.seconds).toLocaleString("en-US")} |

The typed-array model is **${ratio.toFixed(1)}×** as fast; target ≤ 5 s: ${typed.seconds <= 5 ? "met" : "NOT met"}. Both draw the same seeded numbers and agree on every pool's expected loss and 99.5 % VaR.

End to end, in the same run (wall-clock of a child process, as a user types it, with \`npm start\` running):

| Command | Time | |
| --- | --- | --- |
${e2eRow}

Machine: ${machine.cpu}, ${machine.cores} cores (shared with other work), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}.
`;
writeFileSync(path.join(REPO_ROOT, "bench", "risk.json"), `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(path.join(REPO_ROOT, "bench", "risk.md"), md);
console.log(md);
