/**
 * `npm run risk` against the demo DAO `npm start` seeds (pools, covers of every risk type, claims, proposals),
 * served over HTTP like a live deployment: the report files parse, state every assumption, carry no base-unit
 * integers, and the command line answers --help with 0 and a mistake with 2.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";

import {
  DEFAULT_ASSUMPTIONS,
  RISK_TYPES,
  RISK_TYPE_LABELS,
  type RiskReport,
  claimCorruption,
  readRiskInputs,
} from "@coverdao/core";
import type { DeployedDAO } from "@coverdao/core/deploy";
import { deployCoverDAO } from "@coverdao/core/deploy";
import { seedDemoDAO } from "@coverdao/core/seed";
import { runRiskCli } from "../../scripts/risk.js";
import { type RpcBridge, serveRpc } from "../proposals/rpc-bridge.js";

const connection = await network.create();

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRiskCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("risk: npm run risk on the seeded demo DAO", function () {
  this.timeout(300_000);
  let rpc: RpcBridge;
  let deploymentFile: string;
  let outDir: string;
  let run: Run;
  let deployed: DeployedDAO;

  before(async () => {
    deployed = await deployCoverDAO(connection);
    await seedDemoDAO(connection, deployed.contracts);
    rpc = await serveRpc(connection.provider);
    const work = mkdtempSync(path.join(tmpdir(), "coverdao-risk-"));
    deploymentFile = path.join(work, "deployment.json");
    writeFileSync(deploymentFile, JSON.stringify(deployed.deployment));
    outDir = path.join(work, "report");
    run = await cli(
      "--rpc",
      rpc.url,
      "--deployment",
      deploymentFile,
      "--out",
      outDir,
      "--paths",
      "20000",
      "--seed",
      "3",
    );
  });

  after(async () => {
    await rpc?.close();
  });

  it("writes a report that parses, with both pools, every product and the corruption analysis", () => {
    expect(run.code, run.err).to.equal(0);
    expect(readdirSync(outDir).sort()).to.include.members([
      "report.json",
      "report.md",
      "solvency.svg",
      "corruption-margin.svg",
      "loss-WethPool.svg",
      "loss-StablecoinPool.svg",
    ]);
    const report = JSON.parse(readFileSync(path.join(outDir, "report.json"), "utf8")) as RiskReport;
    expect(report.capital.pools.map((p) => p.name)).to.deep.equal(["WethPool", "StablecoinPool"]);
    expect(report.run).to.include({ paths: 20000, seed: 3 });
    const covered = report.capital.pools.reduce((s, p) => s + p.activeCover, 0);
    expect(covered).to.be.greaterThan(0);
    for (const pool of report.capital.pools) {
      expect(pool.capital).to.be.greaterThan(0);
      expect(pool.ruinProbability).to.be.within(0, 1);
      expect(pool.quantiles.var).to.be.at.least(pool.quantiles.p50);
    }
    expect(report.corruption.products.length).to.be.greaterThan(0);
    expect(report.corruption.products.some((p) => p.byFeed)).to.equal(true);
    expect(report.corruption.claimVote.quorumShare).to.be.greaterThan(0);
    expect(report.corruption.governance.votesNeeded).to.be.greaterThan(0);
    expect(report.corruption.payoffs.rows).to.have.length(4);
    for (const file of readdirSync(outDir).filter((f) => f.endsWith(".svg"))) {
      expect(readFileSync(path.join(outDir, file), "utf8")).to.match(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);
    }
    expect(readFileSync(path.join(outDir, "loss-WethPool.svg"), "utf8")).to.include("VaR 99.5 %");
  });

  it("states every assumption with its source, in the markdown and the JSON", () => {
    const md = readFileSync(path.join(outDir, "report.md"), "utf8");
    for (const type of RISK_TYPES) {
      expect(md).to.include(`${RISK_TYPE_LABELS[type]} incidents`);
      expect(md).to.include(DEFAULT_ASSUMPTIONS.incidents[type].source.note);
    }
    for (const label of [
      "Depeg model",
      "Correlation",
      "Confidence level",
      "Honest claim turnout",
      "Governance turnout",
      "Fraud detection",
      "Prices",
    ]) {
      expect(md).to.include(`| ${label}`);
    }
    expect(md).to.include(DEFAULT_ASSUMPTIONS.version);
    const json = JSON.parse(readFileSync(path.join(outDir, "report.json"), "utf8")) as RiskReport;
    expect(json.assumptions.incidents.Hack.source.urls?.length).to.be.greaterThan(0);
    expect(json.assumptions.depeg.annualProbability).to.equal(DEFAULT_ASSUMPTIONS.depeg.annualProbability);
  });

  it("has no base-unit integers (no run of 13 or more digits) in any file, nor on the console", () => {
    for (const file of readdirSync(outDir)) {
      const raw = readFileSync(path.join(outDir, file), "utf8");
      // In a chart, what a reader sees is its text; coordinates are drawing positions, not amounts.
      const text = file.endsWith(".svg") ? [...raw.matchAll(/>([^<]+)</g)].map((m) => m[1]).join("\n") : raw;
      expect(text.match(/\d{13,}/g), file).to.equal(null);
    }
    expect(run.out.match(/\d{13,}/g)).to.equal(null);
    expect(run.out).to.match(/WETH/);
  });

  it("answers --help with exit 0 and a mistake with one sentence and exit 2", async () => {
    const help = await cli("--help");
    expect(help.code).to.equal(0);
    expect(help.out).to.include("Usage: npm run risk");
    const unknown = await cli("--bogus");
    expect(unknown.code).to.equal(2);
    expect(unknown.err).to.equal("Unknown option --bogus. See `npm run risk -- --help`.");
    expect((await cli("--paths", "0")).code).to.equal(2);
    expect((await cli("--asset-price", "WETH")).code).to.equal(2);
    expect((await cli("--rpc", "http://127.0.0.1:1", "--network", "localhost")).code).to.equal(2);
  });

  it("reads a claim quorum raised on chain: at a low honest turnout the corruption margin rises", async () => {
    const chain = { deployment: deployed.deployment, provider: connection.ethers.provider };
    const before = await readRiskInputs(chain);
    const timelock = deployed.deployment.contracts.CoverTimelock;
    await connection.networkHelpers.impersonateAccount(timelock);
    await connection.networkHelpers.setBalance(timelock, 10n ** 18n);
    const signer = await connection.ethers.getSigner(timelock);
    await deployed.contracts.CoverClaims.connect(signer).setQuorumBps(3_000);
    const after = await readRiskInputs(chain);
    expect(before.claimVote.quorumShare).to.equal(0.1);
    expect(after.claimVote.quorumShare).to.equal(0.3);
    const margin = (vote: typeof before.claimVote) =>
      claimCorruption({ ...vote, honestTurnout: 0.02 }, before.corruptionProducts, 1).find((p) => !p.byFeed)!
        .corruptionMargin;
    expect(margin(after.claimVote)).to.be.greaterThan(margin(before.claimVote));
  });
});
