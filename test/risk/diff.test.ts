/**
 * The risk diff of a proposal (`npm run proposal -- simulate`) on the demo DAO `npm start` seeds, served over
 * HTTP like a live deployment: the seeded queued proposal is applied first and named; a proposal raising a
 * capacity ratio shows a higher ruin probability and capital requirement at capacity; one raising the claim
 * quorum shows a higher corruption margin; the copy of the chain is reverted afterwards.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";

import {
  type ChainRiskInputs,
  DEFAULT_PRICES,
  type RiskDiff,
  bookAtCapacity,
  readAllParameters,
  riskDiff,
  riskDiffTable,
} from "@coverdao/core";
import {
  loadProposal,
  pendingLines,
  readProposalsPage,
  simulateProposal,
  stateOf,
  topDelegates,
  validateProposal,
} from "@coverdao/core/node";
import type { DeployedDAO } from "@coverdao/core/deploy";
import { deployCoverDAO } from "@coverdao/core/deploy";
import { seedDemoDAO } from "@coverdao/core/seed";
import { runProposalCli } from "../../scripts/proposal.js";
import { type RpcBridge, serveRpc } from "../proposals/rpc-bridge.js";

const connection = await network.create();

const QUEUED_TITLE = "Extend the voting period to 6 days";

/** A proposal file with `actions` (YAML, indented two spaces), written to `dir`. */
function proposalFile(dir: string, name: string, title: string, actions: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `---\ntitle: ${title}\nactions:\n${actions}\n---\n\nWhy: a test of the risk diff.\n`);
  return file;
}

/** |actual − expected| ≤ tolerance (chai's closeTo takes integers once the Hardhat matchers are loaded). */
function near(actual: number, expected: number, tolerance: number): void {
  expect(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  ).to.equal(true);
}

const row = (diff: RiskDiff, key: string) => {
  const found = diff.rows.find((r) => r.key === key);
  if (!found) throw new Error(`no row ${key} in ${diff.rows.map((r) => r.key).join(", ")}`);
  return found;
};

describe("risk: the risk diff of a proposal on the seeded demo DAO", function () {
  this.timeout(600_000);
  let rpc: RpcBridge;
  let deployed: DeployedDAO;
  let work: string;
  let deploymentFile: string;
  let capacityFile: string;
  let quorumFile: string;

  before(async () => {
    deployed = await deployCoverDAO(connection);
    await seedDemoDAO(connection, deployed.contracts);
    rpc = await serveRpc(connection.provider);
    work = mkdtempSync(path.join(tmpdir(), "coverdao-riskdiff-"));
    deploymentFile = path.join(work, "deployment.json");
    writeFileSync(deploymentFile, JSON.stringify(deployed.deployment));
    capacityFile = proposalFile(
      work,
      "capacity.md",
      "Let the WETH pool sell more hack cover",
      [
        "  - contract: WethPool",
        "    function: setCapacityRatio",
        "    args:",
        "      newRatioBps: 100%",
        "  - contract: CoverBook",
        "    function: updateProduct",
        "    args:",
        "      productId: 1",
        "      params:",
        '        name: "Smart contract cover (WETH)"',
        "        riskType: SmartContract",
        "        pool: WethPool",
        "        baseRateBps: 2.5%",
        "        surchargeBps: 7.5%",
        "        capacityRatioBps: 100%",
        "        minPeriod: 28 days",
        "        maxPeriod: 365 days",
        "        active: true",
        '        priceFeed: "0x0000000000000000000000000000000000000000"',
        "        triggerPrice: 0 USD",
      ].join("\n"),
    );
    quorumFile = proposalFile(
      work,
      "quorum.md",
      "Raise the claim quorum",
      ["  - contract: CoverClaims", "    function: setQuorumBps", "    args:", "      value: 40%"].join("\n"),
    );
  });

  after(async () => {
    await rpc?.close();
  });

  it("applies the queued proposal first, names it, and shows the risk before and after on the command line", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runProposalCli(
      ["simulate", capacityFile, "--rpc", rpc.url, "--deployment", deploymentFile, "--paths", "20000"],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    const text = out.join("\n");
    expect(code, err.join("\n")).to.equal(0);
    expect(text).to.include(`Applied: queued proposal “${QUEUED_TITLE}”`);
    expect(text).to.match(/Risk before and after/);
    const md = readFileSync(capacityFile.replace(/\.md$/, ".simulation.md"), "utf8");
    expect(md).to.include("## Applied first");
    expect(md).to.include(QUEUED_TITLE);
    expect(md).to.include("## Risk before and after");
    const riskSection = md.slice(md.indexOf("## Risk before and after"), md.indexOf("## Lifecycle"));
    expect(riskSection).to.include("probability of ruin");
    expect(riskSection.match(/\d{13,}/g)).to.equal(null);
  });

  it("a proposal that raises a capacity ratio shows a higher capital requirement and a lower solvency ratio at capacity (ruin stays 0: ratios end at 100 % of capital)", async () => {
    const chain = { deployment: deployed.deployment, provider: connection.ethers.provider };
    const parametersNow = await readAllParameters(chain);
    const report = await simulateProposal(await validateProposal(loadProposal(capacityFile), chain), chain, {
      risk: { paths: 20_000, seed: 7 },
    });
    // The queued voting period applied first: the table's "before" is the chain with it.
    const period = report.rows.find((r) => r.key === "governance.votingPeriod")!;
    expect(parametersNow.find((r) => r.key === "governance.votingPeriod")!.display).to.equal("5 days");
    expect(period.before).to.equal("6 days");
    expect(report.pending.map((p) => [p.title, p.state, p.applied])).to.deep.equal([
      [QUEUED_TITLE, "Queued", true],
    ]);
    const diff = report.risk!;
    // The book at capacity grows from 80 % to 100 % of the capital: a higher requirement, a lower solvency ratio.
    const cover = row(diff, "WethPool.atCapacity.activeCover");
    near(cover.before! / diff.before.pools[0].capital, 0.8, 1e-6);
    near(cover.after! / diff.after.pools[0].capital, 1, 1e-6);
    expect(riskDiffTable(diff)).to.match(/\* +WethPool: capital requirement, at capacity .* RISKIER/);
    const requirement = row(diff, "WethPool.atCapacity.capitalRequirement");
    expect(requirement.after!).to.be.greaterThan(requirement.before! * 1.2);
    expect(requirement.effect).to.equal("riskier");
    const solvency = row(diff, "WethPool.atCapacity.solvencyRatio");
    expect(solvency.after!).to.be.lessThan(solvency.before!);
    // Capacity ratios are bounded at 100 % of capital: a year's claims cannot exceed the capital, so the
    // probability of ruin stays at zero (see the plain-data test below for a book that can be ruined).
    const ruin = row(diff, "WethPool.atCapacity.ruinProbability");
    expect(ruin.after!).to.be.at.least(ruin.before!);
    // The largest claim of product #1 grows with its capacity: a lower corruption margin.
    expect(row(diff, "claims.margin#1").effect).to.equal("riskier");
    // Today's book (read at the same moment on both sides), the other products and governance do not move.
    for (const key of [
      "WethPool.capital",
      "WethPool.book.capitalRequirement",
      "StablecoinPool.atCapacity.capitalRequirement",
      "claims.margin#3",
      "claims.quorum",
      "governance.votesShare",
    ])
      expect(row(diff, key).effect, key).to.equal("unchanged");
    // Nothing was left on the chain.
    expect((await readAllParameters(chain)).map((r) => r.display)).to.deep.equal(
      parametersNow.map((r) => r.display),
    );
  });

  it("a proposal that raises the claim quorum shows a higher corruption margin", async () => {
    const chain = { deployment: deployed.deployment, provider: connection.ethers.provider };
    const resolved = await validateProposal(loadProposal(quorumFile), chain);
    // At the turnout observed on the seeded claim votes (more than half the stake), the honest no-votes bind,
    // not the quorum: the margin does not move. At a low honest turnout (what if 5 % voted), the quorum binds.
    const observed = await simulateProposal(resolved, chain, { risk: { paths: 2_000, seed: 7 } });
    expect(observed.risk!.before.claims[0].stakeNeeded).to.be.greaterThan(0);
    expect(row(observed.risk!, "claims.margin#1").effect).to.equal("unchanged");
    const report = await simulateProposal(resolved, chain, {
      risk: { paths: 2_000, seed: 7, claimTurnout: 0.05 },
    });
    const diff = report.risk!;
    const margins = diff.rows.filter((r) => r.key.startsWith("claims.margin#"));
    expect(margins.length).to.be.greaterThan(0);
    for (const margin of margins) {
      expect(margin.after!).to.be.greaterThan(margin.before!);
      expect(margin.effect).to.equal("safer");
    }
    expect(row(diff, "claims.quorum")).to.include({ beforeText: "10 %", afterText: "40 %", effect: "safer" });
    expect(row(diff, "WethPool.atCapacity.capitalRequirement").effect).to.equal("unchanged");
  });

  it("applies a succeeded proposal after the queued one, and says so", async () => {
    // The seeded Active proposal ("Cap one slash at 15 % of a stake"): the other delegates vote For, voting ends.
    const chain = { deployment: deployed.deployment, provider: connection.ethers.provider };
    const governor = deployed.contracts.CoverGovernor;
    const [active] = (await readProposalsPage(chain.provider, chain.deployment, { states: ["Active"] }))
      .proposals;
    for (const delegate of await topDelegates(chain)) {
      if (await governor.hasVoted(active.id, delegate.address)) continue;
      await connection.networkHelpers.impersonateAccount(delegate.address);
      await connection.networkHelpers.setBalance(delegate.address, 10n ** 18n);
      const signer = await connection.ethers.getSigner(delegate.address);
      await (await governor.connect(signer).castVote(active.id, 1)).wait();
    }
    await connection.networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(active.id)) + 1);
    expect(await stateOf(governor, active.id)).to.equal("Succeeded");
    const report = await simulateProposal(await validateProposal(loadProposal(quorumFile), chain), chain, {
      risk: { paths: 2_000 },
    });
    expect(report.pending.map((p) => [p.state, p.title, p.applied])).to.deep.equal([
      ["Queued", QUEUED_TITLE, true],
      ["Succeeded", active.title, true],
    ]);
    const first = report.steps.findIndex((s) => s.includes(QUEUED_TITLE));
    const second = report.steps.findIndex((s) => s.includes(active.title));
    expect(first).to.be.at.least(0);
    expect(second).to.be.greaterThan(first);
    // Its effect is in the "before" column: the slash bound is 15 % before this proposal.
    expect(report.rows.find((r) => r.key === "staking.maxSlash")?.before).to.equal("15%");
    expect(pendingLines(report)[1]).to.match(
      /^Applied: succeeded proposal “Cap one slash at 15 % of a stake”/,
    );
  });
});

describe("risk: the risk diff on plain data", () => {
  const side = (poolRatio: number, productRatio: number): ChainRiskInputs => ({
    block: { number: 1, timestamp: 1 },
    model: {
      pools: [{ name: "P", symbol: "WETH", capital: 100, openLiabilities: 0, capacityRatio: poolRatio }],
      products: [
        {
          id: 1,
          name: "Hack cover",
          pool: 0,
          riskType: "Hack",
          activeCover: 50,
          annualPremium: 2,
          capacityRatio: productRatio,
        },
        {
          id: 2,
          name: "Closed cover",
          pool: 0,
          riskType: "Hack",
          activeCover: 10,
          annualPremium: 0.4,
          capacityRatio: 5,
          onSale: false,
        },
      ],
    },
    claimVote: {
      totalStake: 1_000_000,
      quorumShare: 0.1,
      honestTurnout: 0.02,
      maxSlashShare: 0.5,
      fraudDetection: 0.5,
      rewardShare: 0.05,
    },
    corruptionProducts: [],
    governance: {
      supply: 1e7,
      quorumShare: 0.04,
      turnout: 0.1,
      votingDelay: 1,
      votingPeriod: 1,
      timelockDelay: 1,
      riskChangeDelay: 1,
      withdrawalCooldown: 1,
    },
    prices: { ...DEFAULT_PRICES },
    observed: {
      claimTurnout: { value: 0.02, from: "assumption", votes: 0 },
      governanceTurnout: { value: 0.1, from: "assumption", votes: 0 },
    },
    claimDepositEth: 0.05,
  });

  it("grows the book to capacity among the products on sale, in proportion to their cover", () => {
    const grown = bookAtCapacity(side(3, 2).model);
    // The pool sells up to min(product 200 %, pool 300 %) of 100: the open product takes the 140 added.
    expect(grown.products[0].activeCover).to.equal(190);
    near(grown.products[0].annualPremium, 7.6, 1e-9);
    expect(grown.products[1].activeCover).to.equal(10);
  });

  it("a capacity ratio raised past the capital shows a higher probability of ruin, with the same seed", () => {
    const diff = riskDiff(side(3, 2), side(3, 3), { paths: 50_000, seed: 11 });
    const ruin = row(diff, "P.atCapacity.ruinProbability");
    expect(ruin.after!).to.be.greaterThan(ruin.before!);
    expect(ruin.effect).to.equal("riskier");
    expect(row(diff, "P.book.ruinProbability").effect).to.equal("unchanged");
    expect(
      riskDiff(side(3, 2), side(3, 2), { paths: 50_000, seed: 11 }).rows.every(
        (r) => r.effect === "unchanged",
      ),
    ).to.equal(true);
  });
});
