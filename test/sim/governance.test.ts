import { expect } from "chai";

import { expectedTally, population } from "@coverdao/core/sim";
import { plain, simulate } from "./run.js";

describe("Simulation: governance-cycle", function () {
  this.timeout(120_000);

  it("takes the proposal through to execution with the tally the population implies, in shared blocks", async () => {
    const report = await simulate("governance-cycle", 40, 3);
    const o = report.outcome;
    expect(o.tallyMatchesPopulation).to.equal(true);
    expect(o.stateAfterVoting).to.equal("Succeeded");
    expect(o.finalState).to.equal("Executed");
    // The executed change is on chain: the unstake cooldown went from 7 to 10 days.
    expect(o.unstakeCooldownDays).to.equal(10);
    expect(report.transactions.failed).to.equal(0);
    // Batched: over a hundred transactions in a handful of blocks.
    expect(report.transactions.sent).to.be.greaterThan(100);
    expect(report.transactions.blocks).to.be.lessThan(20);
  });

  it("repeats exactly for a seed, and the naive mode mines one block per transaction with the same result", async () => {
    const a = await simulate("governance-cycle", 20, 5);
    const b = await simulate("governance-cycle", 20, 5);
    const naive = await simulate("governance-cycle", 20, 5, "naive");
    const awaited = await simulate("governance-cycle", 20, 5, "awaited");
    expect(plain(b.outcome)).to.equal(plain(a.outcome));
    expect(plain(naive.outcome)).to.equal(plain(a.outcome));
    expect(plain(awaited.outcome)).to.equal(plain(a.outcome));
    expect(naive.transactions.blocks).to.be.at.least(naive.transactions.sent);
    expect(awaited.transactions.blocks).to.be.at.least(awaited.transactions.sent);
    const other = await simulate("governance-cycle", 20, 6);
    expect(plain(other.outcome)).to.not.equal(plain(a.outcome));
  });

  it("computes the expected tally from held and staked tokens, counted for each delegate", () => {
    const voters = population(50, 9, 1_000_000n * 10n ** 18n);
    const tally = expectedTally(voters);
    const apathetic = voters.filter((v) => v.behaviour === "apathetic").reduce((a, v) => a + v.balance, 0n);
    const total = voters.reduce((a, v) => a + v.balance, 0n);
    // Everything delegated to someone who voted is counted once; apathetic holders count for nobody.
    expect(tally.for + tally.against + tally.abstain).to.equal(total - apathetic);
  });
});

describe("Simulation: flash-loan-vote", function () {
  this.timeout(60_000);

  it("gives the borrowed tokens no weight: the attacker had none at the snapshot and the proposal fails", async () => {
    const o = (await simulate("flash-loan-vote", 2)).outcome;
    expect(o.attackerPowerAtSnapshot).to.equal(0n);
    expect(o.attackerPowerNow as bigint).to.be.greaterThan(0n);
    expect(o.attackerCounted).to.equal(false);
    expect(o.state).to.equal("Defeated");
  });
});
