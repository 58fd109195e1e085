/**
 * The capital model and the cost of corruption, on plain data (packages/core/src/risk): known answers
 * (Bernoulli and binomial losses have a closed form), determinism with a seed, and the directions a risk
 * committee relies on (a higher capacity ratio raises the ruin probability, a higher claim quorum raises the
 * corruption margin).
 */
import { expect } from "chai";

import {
  type Assumptions,
  DEFAULT_ASSUMPTIONS,
  type RiskModelInput,
  assessorPayoffs,
  checkAssumptions,
  claimCorruption,
  governanceCorruption,
  normalCdf,
  normalQuantile,
  runRiskModel,
  simulateLosses,
  stakeToApprove,
} from "@coverdao/core";

/** Hacks with a certain, full loss when they happen, and no correlation: each product is a Bernoulli trial. */
function bernoulli(p: number): Assumptions {
  return {
    ...DEFAULT_ASSUMPTIONS,
    incidents: {
      ...DEFAULT_ASSUMPTIONS.incidents,
      Hack: {
        ...DEFAULT_ASSUMPTIONS.incidents.Hack,
        annualProbability: p,
        claimShare: 1,
        severityMin: 1,
        severityMax: 1,
      },
    },
    correlation: { ...DEFAULT_ASSUMPTIONS.correlation, withinType: 0, acrossTypes: 0 },
  };
}

function book(products: number, cover: number, capital: number, capacityRatio = 2): RiskModelInput {
  return {
    pools: [{ name: "WETHPool", symbol: "WETH", capital, openLiabilities: 0, capacityRatio }],
    products: Array.from({ length: products }, (_, i) => ({
      id: i + 1,
      name: `Hack cover ${i + 1}`,
      pool: 0,
      riskType: "Hack" as const,
      activeCover: cover,
      annualPremium: cover * 0.05,
      capacityRatio,
    })),
  };
}

/** |actual − expected| ≤ tolerance (chai's closeTo takes integers once the Hardhat matchers are loaded). */
function near(actual: number, expected: number, tolerance: number): void {
  expect(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  ).to.equal(true);
}

const binomialPmf = (n: number, p: number, k: number) => {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c * p ** k * (1 - p) ** (n - k);
};

describe("risk: the capital model", function () {
  this.timeout(60_000);

  it("the default assumptions are in range and each names its source", () => {
    expect(checkAssumptions(DEFAULT_ASSUMPTIONS)).to.equal(undefined);
    for (const incident of Object.values(DEFAULT_ASSUMPTIONS.incidents))
      expect(incident.source.note).to.not.equal("");
    expect(checkAssumptions({ ...DEFAULT_ASSUMPTIONS, confidence: 1.2 })).to.match(/confidence/);
  });

  it("normal distribution helpers agree with known values", () => {
    near(normalCdf(0), 0.5, 1e-7);
    near(normalCdf(1.959964), 0.975, 1e-6);
    near(normalQuantile(0.995), 2.5758, 1e-3);
  });

  it("known answer: one product with Bernoulli incidents (loss 0 or the whole cover)", () => {
    const p = 0.02;
    const paths = 200_000;
    const result = runRiskModel(book(1, 100, 50), { paths, seed: 7, assumptions: bernoulli(p) });
    const pool = result.pools[0];
    const se = Math.sqrt((p * (1 - p)) / paths);
    // Closed form: P(loss = 100) = p, so the 99.5 % VaR is the whole cover (p > 0.5 %) and ruin (loss > 50) is p.
    expect(pool.quantiles.var).to.equal(100);
    expect(pool.capitalRequirement).to.equal(100);
    expect(pool.solvencyRatio).to.equal(0.5);
    near(pool.ruinProbability, p, 4 * se);
    near(pool.expectedLoss, 100 * p, 4 * 100 * se);
    expect(pool.quantiles.p50).to.equal(0);
  });

  it("known answer: ten independent products give a binomial loss (VaR and ruin within sampling error)", () => {
    const n = 10;
    const p = 0.05;
    const paths = 200_000;
    const result = runRiskModel(book(n, 1, 2.5), { paths, seed: 11, assumptions: bernoulli(p) });
    const pool = result.pools[0];
    // Closed form: the smallest k with P(L <= k) >= 99.5 %, and P(L >= 3).
    let cdf = 0;
    let varK = -1;
    for (let k = 0; k <= n && varK < 0; k++) {
      cdf += binomialPmf(n, p, k);
      if (cdf >= 0.995) varK = k;
    }
    expect(varK).to.equal(3);
    expect(pool.quantiles.var).to.equal(varK);
    const ruin = 1 - [0, 1, 2].reduce((s, k) => s + binomialPmf(n, p, k), 0);
    near(pool.ruinProbability, ruin, 4 * Math.sqrt((ruin * (1 - ruin)) / paths));
    const sd = Math.sqrt(n * p * (1 - p));
    near(pool.expectedLoss, n * p, (4 * sd) / Math.sqrt(paths));
    near(pool.lossStdDev, sd, 0.01);
  });

  it("is deterministic with a seed, and another seed draws other years", () => {
    const input = book(5, 10, 30);
    const a = simulateLosses(input, { paths: 20_000, seed: 42 });
    const b = simulateLosses(input, { paths: 20_000, seed: 42 });
    const c = simulateLosses(input, { paths: 20_000, seed: 43 });
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).to.equal(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).to.equal(false);
    expect(runRiskModel(input, { paths: 20_000, seed: 42 })).to.deep.equal(
      runRiskModel(input, { paths: 20_000, seed: 42 }),
    );
  });

  it("a higher capacity ratio (more cover on the same capital) gives a higher probability of ruin", () => {
    const capital = 100;
    const at = (ratio: number) =>
      runRiskModel(book(5, (capital * ratio * 0.9) / 5, capital, ratio), { paths: 100_000, seed: 3 })
        .pools[0];
    const low = at(2);
    const high = at(5);
    expect(high.ruinProbability).to.be.greaterThan(low.ruinProbability);
    expect(high.ruinProbability).to.be.greaterThan(0);
    expect(high.solvencyRatio ?? Infinity).to.be.lessThan(low.solvencyRatio ?? Infinity);
  });

  it("parametric products pay only on a depeg past their trigger (a deeper trigger pays less often)", () => {
    const input = (triggerDepth: number): RiskModelInput => ({
      pools: [{ name: "StablePool", symbol: "tUSD", capital: 1000, openLiabilities: 0, capacityRatio: 2 }],
      products: [
        {
          id: 1,
          name: "Depeg cover",
          pool: 0,
          riskType: "DepegMarket",
          activeCover: 1000,
          annualPremium: 20,
          capacityRatio: 2,
          parametric: { triggerDepth, payoutRule: "Full" },
        },
      ],
    });
    const shallow = runRiskModel(input(0.05), { paths: 100_000, seed: 5 }).pools[0];
    const deep = runRiskModel(input(0.6), { paths: 100_000, seed: 5 }).pools[0];
    const d = DEFAULT_ASSUMPTIONS.depeg;
    // P(pay) = P(depeg) × P(depth ≥ trigger) × P(sustained); for a 60 % trigger only collapses count.
    const deepP =
      d.annualProbability *
      d.collapseProbability *
      ((d.collapseDepthMax - 0.6) / (d.collapseDepthMax - d.collapseDepthMin)) *
      d.sustainedProbability;
    near(deep.expectedLoss / 1000, deepP, 4 * Math.sqrt(deepP / 100_000));
    expect(shallow.expectedLoss).to.be.greaterThan(deep.expectedLoss);
  });

  it("rejects an input that names a missing pool, and a bad path count", () => {
    const input = book(1, 1, 1);
    input.products[0].pool = 3;
    expect(() => runRiskModel(input, { paths: 10 })).to.throw(/pool 3/);
    expect(() => runRiskModel(book(1, 1, 1), { paths: 0 })).to.throw(/paths/);
  });
});

describe("risk: the cost of corruption", () => {
  const vote = {
    totalStake: 1_000_000,
    quorumShare: 0.1,
    honestTurnout: 0.02,
    maxSlashShare: 0.5,
    fraudDetection: 0.5,
    rewardShare: 0.05,
  };
  const product = {
    id: 1,
    name: "Hack cover",
    symbol: "WETH",
    assetPriceUsd: 3000,
    poolCapital: 100,
    capacityRatio: 2,
    assessorPot: 1,
    parametric: false,
  };

  it("the stake to approve beats the honest no-votes and reaches the quorum", () => {
    // (q − h) S / (1 − q) = 0.08 / 0.9 of the stake, above the 2 % of honest no-votes.
    near(stakeToApprove(vote), 88_888.89, 0.01);
    near(stakeToApprove({ ...vote, honestTurnout: 0.3 }), 300_000, 1e-6);
  });

  it("a higher claim quorum gives a higher corruption margin", () => {
    const low = claimCorruption(vote, [product], 1)[0];
    const high = claimCorruption({ ...vote, quorumShare: 0.3 }, [product], 1)[0];
    expect(low.largestClaim).to.equal(100);
    near(low.corruptionMargin, 88_888.89 / 300_000, 1e-6);
    expect(high.corruptionMargin).to.be.greaterThan(low.corruptionMargin);
    expect(high.slashMargin).to.be.greaterThan(low.slashMargin);
  });

  it("governance: votes at the turnout or the quorum, and the exit race against the delays", () => {
    const g = governanceCorruption(
      {
        supply: 10_000_000,
        quorumShare: 0.04,
        turnout: 0.1,
        votingDelay: 86_400,
        votingPeriod: 5 * 86_400,
        timelockDelay: 2 * 86_400,
        riskChangeDelay: 7 * 86_400,
        withdrawalCooldown: 10 * 86_400,
      },
      0.5,
    );
    expect(g.votesNeeded).to.equal(1_000_000);
    expect(g.costUsd).to.equal(500_000);
    expect(g.canExitBeforeChange).to.equal(false);
    expect(g.canExitBeforeRiskChange).to.equal(true);
  });

  it("the payoff table: colluding pays in expectation only when the slash is small against the claim", () => {
    const rows = assessorPayoffs(vote, {
      stakeShare: 0.08,
      tokenPriceUsd: 1,
      claimUsd: 600_000,
      assessorPotUsd: 3000,
    });
    expect(rows.map((r) => r.strategy)).to.have.length(4);
    expect(rows[3].payoffUsd).to.be.greaterThan(rows[0].payoffUsd);
    const costly = assessorPayoffs(vote, {
      stakeShare: 0.08,
      tokenPriceUsd: 100,
      claimUsd: 600_000,
      assessorPotUsd: 3000,
    });
    expect(costly[3].payoffUsd).to.be.lessThan(costly[0].payoffUsd);
  });
});
