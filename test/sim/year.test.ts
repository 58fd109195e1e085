import { expect } from "chai";

import type { Week } from "@coverdao/core/sim";
import { plain, simulate } from "./run.js";

describe("Simulation: year", function () {
  this.timeout(180_000);

  it("keeps capital equal to deposits - withdrawals + premiums earned - claims paid - open claims, every week of 52", async () => {
    const report = await simulate("year", 8, 1);
    const o = report.outcome as {
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
    expect(o.series).to.have.length(52);
    for (const w of o.series) expect(w.capital).to.equal(w.expectedCapital);
    expect(o.maxCapitalGap).to.equal(0n);
    // Something happened: money moved in and out, covers sold, premiums earned.
    expect(o.totalDeposits > 0n && o.totalWithdrawals > 0n).to.equal(true);
    expect(o.coversSold).to.be.greaterThan(10);
    expect(o.series.reduce((a, w) => a + w.premiumsEarned, 0n) > 0n).to.equal(true);
    // Both parameter changes passed and are on chain.
    expect(o.proposals.map((p) => p.state)).to.deep.equal(["Executed", "Executed"]);
    expect(o.productAfter).to.deep.equal({ baseRateBps: 350, capacityRatioBps: 9_000 });
    // The capacity raise waited for the pool's exit time (7-day cooldown + 2-day window), then was applied.
    // The proposal opens in week 40 (index 39) and executes about eight days later.
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
  });

  it("repeats to the wei for a seed: premiums accrue on the engine's clock, not the wall clock", async () => {
    const a = await simulate("year", 8, 2);
    const b = await simulate("year", 8, 2);
    expect(plain(b.outcome)).to.equal(plain(a.outcome));
  });
});
