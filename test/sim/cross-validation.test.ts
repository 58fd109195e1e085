/**
 * Cross-validation: the capital model's Monte Carlo (risk/capital.ts) and repeated on-chain `year` runs, for the
 * same book and the same assumptions, give the same one-year claims within sampling error.
 *
 * The `year` scenario draws its incident exactly as the model does (at most one a year with the annual
 * probability, one severity per incident, holders of `claimShare` of the active cover claiming that severity of
 * their cover), so the two are comparable; the market is set so the book is the same in every run and every week
 * (six holders each keep 20 ETH of cover all year: 120 ETH). The quantity compared is the model's loss: the claims
 * filed in the year, read back from CoverClaims. The incident chance is raised to 60 % (from 2 %) so a dozen
 * years carry information. Means are compared with a z-test (|z| < 3), spreads with the standard error of the
 * standard deviation from the model's fourth moment (|z| < 3). The DAO is deployed once; each year starts from a
 * snapshot of it (12 years took 33 s here, on a loaded 2-core machine).
 */
import { expect } from "chai";

import {
  type Assumptions,
  DEFAULT_ASSUMPTIONS,
  DEFAULT_YEAR_MARKET,
  type YearMarketAssumptions,
  simulateLosses,
} from "@coverdao/core";
import { type IncidentOutcome, SCENARIOS, openChain } from "@coverdao/core/sim";

const YEARS = 12;
const COVER = 120;
const ASSUMPTIONS: Assumptions = {
  ...DEFAULT_ASSUMPTIONS,
  incidents: {
    ...DEFAULT_ASSUMPTIONS.incidents,
    SmartContract: {
      ...DEFAULT_ASSUMPTIONS.incidents.SmartContract,
      annualProbability: 0.6,
      claimShare: 0.5,
      severityMin: 0.4,
      severityMax: 1,
    },
  },
};
const MARKET: YearMarketAssumptions = {
  ...DEFAULT_YEAR_MARKET,
  weeklyPurchaseChance: 1,
  coverEthMin: 20,
  coverEthMax: 20,
  coverWeeksMin: 52,
  coverWeeksMax: 52,
  weeklyTopUps: 0,
  weeklyWithdrawalChance: 0,
};

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;

describe("Simulation: the capital model agrees with repeated on-chain years", function () {
  this.timeout(300_000);

  it(`gives the same mean and spread of one-year claims as ${YEARS} on-chain years (z-tests, |z| < 3)`, async () => {
    const losses: number[] = [];
    // One chain: the DAO is deployed once and every year starts from its snapshot (`reuse`).
    const connection = await openChain();
    try {
      for (let seed = 1; seed <= YEARS; seed++) {
        const report = await SCENARIOS.year(connection, {
          voters: 8,
          seed,
          mode: "batched",
          assumptions: ASSUMPTIONS,
          market: MARKET,
          reuse: true,
        });
        const o = report.outcome as { incident: IncidentOutcome | null; claimsAsked: bigint };
        const asked = Number(o.claimsAsked) / 1e18;
        if (o.incident) {
          // The book is the one the model is given, and half of its cover claimed.
          expect(Number(o.incident.activeCover) / 1e18).to.equal(COVER);
          expect(Number(o.incident.coverClaimed) / 1e18).to.equal(COVER * 0.5);
          expect(asked / (COVER * 0.5)).to.be.within(0.4, 1);
        } else expect(asked).to.equal(0);
        losses.push(asked);
      }
    } finally {
      await connection.close();
    }
    const input = {
      pools: [{ name: "WethPool", symbol: "ETH", capital: 300, openLiabilities: 0, capacityRatio: 0.8 }],
      products: [
        {
          id: 1,
          name: "smart-contract cover",
          pool: 0,
          riskType: "SmartContract" as const,
          activeCover: COVER,
          annualPremium: 0,
          capacityRatio: 0.8,
        },
      ],
    };
    const model = simulateLosses(input, { paths: 200_000, seed: 7, assumptions: ASSUMPTIONS });
    const mu = mean(model);
    const sigma2 = mean(model.map((x) => (x - mu) ** 2));
    const mu4 = mean(model.map((x) => (x - mu) ** 4));
    const sigma = Math.sqrt(sigma2);
    const m = mean(losses);
    const s = Math.sqrt(losses.reduce((a, x) => a + (x - m) ** 2, 0) / (YEARS - 1));
    const zMean = (m - mu) / (sigma / Math.sqrt(YEARS));
    const zSd = (s - sigma) / Math.sqrt((mu4 - sigma2 ** 2) / (4 * sigma2 * YEARS));
    console.log(
      `      on chain: ${YEARS} years, claims ${losses.map((x) => x.toFixed(2)).join(", ")} ETH\n` +
        `      on chain: mean ${m.toFixed(2)} ETH, standard deviation ${s.toFixed(2)} ETH, ${losses.filter((x) => x > 0).length} incident years\n` +
        `      model:    mean ${mu.toFixed(2)} ETH, standard deviation ${sigma.toFixed(2)} ETH (200,000 paths)\n` +
        `      z (mean) ${zMean.toFixed(2)}, z (standard deviation) ${zSd.toFixed(2)}`,
    );
    // The model's own mean is the closed form p × claimShare × cover × mean severity.
    expect(Math.abs(mu - 0.6 * 0.5 * COVER * 0.7)).to.be.lessThan(0.3);
    expect(Math.abs(zMean)).to.be.lessThan(3);
    expect(Math.abs(zSd)).to.be.lessThan(3);
  });
});
