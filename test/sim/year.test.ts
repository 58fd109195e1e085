import { expect } from "chai";

import { DEFAULT_ASSUMPTIONS, DEFAULT_YEAR_MARKET } from "@coverdao/core";
import {
  type IncidentOutcome,
  SCENARIOS,
  type Week,
  checkYearMarket,
  incidentClaims,
  openChain,
} from "@coverdao/core/sim";
import { plain, simulate } from "./run.js";

/** The default assumptions with an incident certain, so the year's claims path runs. */
const CERTAIN = {
  ...DEFAULT_ASSUMPTIONS,
  incidents: {
    ...DEFAULT_ASSUMPTIONS.incidents,
    SmartContract: { ...DEFAULT_ASSUMPTIONS.incidents.SmartContract, annualProbability: 1 },
  },
};

describe("Simulation: year", function () {
  this.timeout(180_000);

  it("keeps capital equal to deposits - withdrawals + premiums earned - claims paid - open claims, every week of 52", async () => {
    const connection = await openChain();
    const report = await SCENARIOS.year(connection, {
      voters: 8,
      seed: 1,
      mode: "batched",
      assumptions: CERTAIN,
    });
    await connection.close();
    const o = report.outcome as {
      incident: IncidentOutcome | null;
      claimsAsked: bigint;
      weeks: number;
      series: Week[];
      maxCapitalGap: bigint;
      proposals: { state: string }[];
      productAfter: { baseRateBps: number; capacityRatioBps: number };
      riskChanges: { week: number; applied: string }[];
      totalDeposits: bigint;
      totalWithdrawals: bigint;
      totalClaimsPaid: bigint;
      coversSold: number;
    };
    expect(o.weeks).to.equal(52);
    expect(o.series.map((w) => w.week)).to.deep.equal(Array.from({ length: 52 }, (_, i) => i + 1));
    // The incident happened, holders of 30 % of the active cover claimed, and its claims were filed on chain.
    expect(o.incident).to.not.equal(null);
    expect(o.incident!.claims).to.be.greaterThan(0);
    expect(o.claimsAsked).to.equal(o.incident!.asked);
    expect(o.incident!.coverClaimed).to.equal((o.incident!.activeCover * 300_000_000n) / 1_000_000_000n);
    for (const w of o.series) expect(w.capital).to.equal(w.expectedCapital);
    expect(o.maxCapitalGap).to.equal(0n);
    // Something happened: money moved in and out, covers sold, premiums earned.
    expect(o.totalDeposits > 0n && o.totalWithdrawals > 0n).to.equal(true);
    expect(o.coversSold).to.be.greaterThan(10);
    expect(o.series.reduce((a, w) => a + w.premiumsEarned, 0n) > 0n).to.equal(true);
    // Both parameter changes passed and are on chain.
    expect(o.proposals.map((p) => p.state)).to.deep.equal(["Executed", "Executed"]);
    // Weeks count from 1 in the outcome as in the markdown: the proposals open in weeks 14 and 40.
    expect(o.proposals.map((p) => (p as unknown as { week: number }).week)).to.deep.equal([14, 40]);
    expect(o.productAfter).to.deep.equal({ baseRateBps: 350, capacityRatioBps: 9_000 });
    // The capacity raise waited for the pool's exit time (7-day cooldown + 2-day window), then was applied.
    // The proposal opens in week 40 and executes about eight days later.
    expect(o.riskChanges).to.have.length(1);
    expect(o.riskChanges[0].applied).to.match(/capacity ratio 80% → 90%/);
    expect(o.riskChanges[0].week).to.be.greaterThan(40);
    // The report charts capital, utilization, premiums and claims.
    expect(report.figures.map((f) => f.file)).to.deep.equal([
      "capital.svg",
      "utilization.svg",
      "premiums.svg",
      "claims.svg",
    ]);
    for (const f of report.figures) expect(f.svg).to.match(/^<svg .*<path d="M/s);
    // The governance changes and the incident are marked on every weekly chart.
    for (const f of report.figures)
      expect(f.svg).to.include("proposal: capacity (Executed)").and.include(">incident<");
    expect(report.findings[0]).to.match(
      /^An incident in week \d+: holders of [\d.,]+ ETH of the [\d.,]+ ETH of active cover claimed/,
    );
  });

  it("repeats to the wei for a seed: premiums accrue on the engine's clock, not the wall clock", async () => {
    const a = await simulate("year", 8, 2);
    const b = await simulate("year", 8, 2);
    expect(plain(b.outcome)).to.equal(plain(a.outcome));
  });

  it("claims, after an incident, exactly the model's share of the active cover at one severity", () => {
    const holders = [5n, 20n, 10n, 40n, 25n].map((a) => ({ amount: a * 10n ** 18n }));
    let i = 0;
    const claims = incidentClaims(holders, 0.3, 0.5, () => [0.9, 0.1, 0.5, 0.3, 0.7][i++ % 5]);
    const covered = claims.reduce((a, c) => a + c.covered, 0n);
    expect(covered).to.equal(30n * 10n ** 18n);
    for (const c of claims) expect(c.amount).to.equal(c.covered / 2n);
    // Random order: 20 (key 0.1), then 10 of the 40 (key 0.3) completes the 30.
    expect(claims.map((c) => c.covered)).to.deep.equal([20n * 10n ** 18n, 10n * 10n ** 18n]);
  });

  it("refuses market assumptions out of range, in words", () => {
    expect(checkYearMarket(DEFAULT_YEAR_MARKET)).to.equal(undefined);
    expect(checkYearMarket({ ...DEFAULT_YEAR_MARKET, weeklyPurchaseChance: 1.5 })).to.equal(
      "the weekly purchase chance must be between 0 and 1 (got 1.5)",
    );
    expect(checkYearMarket({ ...DEFAULT_YEAR_MARKET, coverWeeksMax: 53 })).to.match(
      /^cover periods must be whole weeks/,
    );
    expect(checkYearMarket({ ...DEFAULT_YEAR_MARKET, coverEthMin: 70 })).to.match(/^the cover amount bounds/);
  });
});
