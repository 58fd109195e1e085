/**
 * `npm run risk [-- --rpc URL | --network NAME] [--deployment FILE] [--paths N] [--seed S] [--out DIR]
 * [--token-price USD] [--asset-price SYMBOL=USD,...]`: the risk report of a live deployment (the local DAO that
 * `npm start` runs, by default): the capital model (a seeded Monte Carlo of one year of claims), the cost of
 * corrupting a claim vote or the Governor, and the assessor payoff table, written as report.md, report.json
 * and SVG charts to reports/risk/. docs/risk.md explains how to read it.
 *
 * {runRiskCli} is what the command runs, with its argv and output as arguments, for tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import {
  DEFAULT_ASSUMPTIONS,
  DEFAULT_PRICES,
  HttpRpcProvider,
  buildRiskReport,
  readRiskInputs,
  riskCharts,
  riskReportJson,
  riskReportMarkdown,
  runRiskModel,
} from "@coverdao/core";
import {
  REPO_ROOT,
  UsageError,
  defaultRpcUrl,
  explainError,
  parseDeployment,
  readCommandLine,
  readDeployment,
} from "@coverdao/core/node";

const COMMAND = "npm run risk";
const USAGE = `Usage: npm run risk [-- --rpc URL | --network NAME] [--deployment FILE] [--paths N] [--seed S] [--out DIR]
                    [--token-price USD] [--asset-price SYMBOL=USD,...]
  Writes the risk report of a deployment (default: the local DAO of \`npm start\`) to DIR (default reports/risk):
  report.md, report.json and SVG charts. See docs/risk.md.
  --rpc URL            JSON-RPC endpoint          --network NAME   an http network of hardhat.config.ts
  --deployment FILE    deployment file (default: deployments/<chain id>.json)
  --paths N            simulated years (default 100000)     --seed S   random seed (default 1)
  --token-price USD    price of one governance token (default ${DEFAULT_PRICES.tokenUsd})
  --asset-price LIST   prices of pool assets, e.g. WETH=3000,tUSD=1 (default WETH=3000, tUSD=1)`;

const OPTIONS = {
  rpc: { type: "string" },
  network: { type: "string" },
  deployment: { type: "string" },
  paths: { type: "string", default: "100000" },
  seed: { type: "string", default: "1" },
  out: { type: "string" },
  "token-price": { type: "string" },
  "asset-price": { type: "string" },
} as const;

export interface RiskIo {
  out(line: string): void;
  err(line: string): void;
}

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive whole number (got "${text}")`);
  return n;
}

function price(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--${name} must be a price in US dollars (got "${text}")`);
  return n;
}

function assetPrices(text: string | undefined): Record<string, number> {
  if (!text) return {};
  const prices: Record<string, number> = {};
  for (const part of text.split(",")) {
    const [symbol, value] = part.split("=");
    if (!symbol || value === undefined)
      throw new UsageError(`--asset-price takes SYMBOL=USD pairs (got "${part}")`);
    prices[symbol.trim()] = price("asset-price", value.trim());
  }
  return prices;
}

/** The RPC URL of an http network in hardhat.config.ts. */
async function rpcUrlOf(networkName: string): Promise<string> {
  const { default: config } = await import("../hardhat.config.js");
  const entry = (config.networks ?? {})[networkName] as { type?: string; url?: unknown } | undefined;
  if (!entry) throw new UsageError(`No network "${networkName}" in hardhat.config.ts`);
  if (entry.type !== "http") {
    throw new UsageError(
      `"${networkName}" is Hardhat's in-process network: start \`npx hardhat node\` and use --network localhost`,
    );
  }
  if (typeof entry.url === "string") return entry.url;
  const variable = (entry.url as { name?: string } | undefined)?.name;
  const value = variable ? process.env[variable] : undefined;
  if (!value) throw new Error(`Set ${variable ?? "the RPC URL"} in the environment, or pass --rpc URL`);
  return value;
}

/** Runs the command; returns its exit code (0 done, 1 failed, 2 a command-line mistake). */
export async function runRiskCli(argv: string[], io: RiskIo): Promise<number> {
  let values;
  let paths: number;
  let seed: number;
  let tokenPrice: number | undefined;
  let assets: Record<string, number>;
  try {
    const parsed = readCommandLine(OPTIONS, { argv });
    if (!parsed) {
      io.out(USAGE);
      return 0;
    }
    values = parsed.values;
    if (values.rpc !== undefined && values.network !== undefined)
      throw new UsageError("Give --rpc or --network, not both");
    paths = positiveInteger("paths", values.paths);
    seed = positiveInteger("seed", values.seed);
    tokenPrice =
      values["token-price"] === undefined ? undefined : price("token-price", values["token-price"]);
    assets = assetPrices(values["asset-price"]);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
    io.err(`${sentence} See \`${COMMAND} -- --help\`.`);
    return 2;
  }
  try {
    const started = performance.now();
    const url =
      values.rpc ?? (values.network ? await rpcUrlOf(values.network) : defaultRpcUrl(values.deployment));
    const provider = new HttpRpcProvider(url, undefined, { staticNetwork: true });
    const { chainId } = await provider.getNetwork().catch((error: unknown) => {
      throw new Error(
        `Cannot reach ${url}: ${(error as Error).message} (start the local DAO with \`npm start\`)`,
      );
    });
    const deployment = values.deployment
      ? parseDeployment(JSON.parse(readFileSync(values.deployment, "utf8")), values.deployment)
      : readDeployment(chainId);
    const assumptions = DEFAULT_ASSUMPTIONS;
    const inputs = await readRiskInputs(
      { deployment, provider },
      {
        assumptions,
        prices: { ...(tokenPrice === undefined ? {} : { tokenUsd: tokenPrice }), assetsUsd: assets },
      },
    );
    const result = runRiskModel(inputs.model, { paths, seed, assumptions });
    const seconds = (performance.now() - started) / 1000;
    const report = buildRiskReport(inputs, result, { assumptions, chainId: Number(chainId), seconds });
    const out = path.resolve(values.out ?? path.join(REPO_ROOT, "reports", "risk"));
    mkdirSync(out, { recursive: true });
    const charts = riskCharts(report);
    for (const [file, svg] of Object.entries(charts)) writeFileSync(path.join(out, file), svg);
    writeFileSync(path.join(out, "report.json"), riskReportJson(report));
    writeFileSync(path.join(out, "report.md"), riskReportMarkdown(report, Object.keys(charts)));
    for (const finding of report.findings) io.out(`- ${finding}`);
    io.out(
      `Wrote report.md, report.json and ${Object.keys(charts).length} charts to ${out} in ${seconds.toFixed(1)} s.`,
    );
    provider.destroy();
    return 0;
  } catch (error) {
    io.err(explainError(error));
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const code = await runRiskCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
  process.exit(code);
}
