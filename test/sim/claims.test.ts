import { expect } from "chai";

import { simulate } from "./run.js";

interface ClaimRow {
  claimId: bigint;
  kind: string;
  amount: bigint;
  yes: bigint;
  no: bigint;
  expectedYes: bigint;
  expectedNo: bigint;
  state: string;
  decision: string;
  paid: bigint;
}

describe("Simulation: claims-cycle", function () {
  this.timeout(120_000);

  it("pays approved claims, denies the rest, and the Governor decides the escalated claim, which is paid", async () => {
    const o = (await simulate("claims-cycle", 8, 2)).outcome as {
      claims: ClaimRow[];
      escalatedClaim: {
        proposalState: string;
        state: string;
        decision: string;
        paid: bigint;
        claimId: bigint;
      };
      totalPaid: bigint;
    };
    expect(o.claims).to.have.length(5);
    for (const c of o.claims) {
      // Each assessor's weight is their stake before filing, so the tallies equal the ballots' stakes.
      expect(c.yes).to.equal(c.expectedYes);
      expect(c.no).to.equal(c.expectedNo);
      if (c.kind === "disputed") continue;
      if (c.yes > c.no) {
        expect(c.state).to.equal("Paid");
        expect(c.paid).to.equal(c.amount);
      } else {
        expect(c.state).to.equal("Denied");
        expect(c.paid).to.equal(0n);
      }
      expect(c.decision).to.equal("Assessors");
    }
    expect(o.escalatedClaim.proposalState).to.equal("Executed");
    expect(o.escalatedClaim.decision).to.equal("Governance");
    expect(o.escalatedClaim.state).to.equal("Paid");
    const disputed = o.claims.find((c) => c.kind === "disputed")!;
    expect(o.escalatedClaim.paid).to.equal(disputed.amount);
    expect(o.totalPaid).to.equal(o.claims.reduce((a, c) => a + c.paid, 0n));
  });
});

describe("Simulation: correlated-claims", function () {
  this.timeout(120_000);

  it("pays first come, first served while capital lasts and records the rest as the pool's shortfall", async () => {
    const o = (await simulate("correlated-claims", 10, 1)).outcome as {
      capitalAtDepeg: bigint;
      capitalBeforeLateClaims: bigint;
      claims: { wave: string; amount: bigint; paid: bigint }[];
      requested: bigint;
      paid: bigint;
      shortfall: bigint;
      poolTotalShortfall: bigint;
      capitalAtEnd: bigint;
    };
    expect(o.paid <= o.capitalAtDepeg).to.equal(true);
    // At the depeg the pool still backed every cover: all paid in full.
    for (const c of o.claims.filter((c) => c.wave === "at the depeg")) expect(c.paid).to.equal(c.amount);
    // In the grace period each redemption gets min(asked, what is left), in the order redeemed.
    let left = o.capitalBeforeLateClaims;
    for (const c of o.claims.filter((c) => c.wave === "grace period")) {
      const due = c.amount < left ? c.amount : left;
      expect(c.paid).to.equal(due);
      left -= due;
    }
    expect(o.shortfall > 0n).to.equal(true);
    expect(o.shortfall).to.equal(o.requested - o.paid);
    expect(o.poolTotalShortfall).to.equal(o.shortfall);
    expect(o.capitalAtEnd).to.equal(0n);
  });
});

describe("Simulation: bank-run", function () {
  this.timeout(120_000);

  it("spreads the loss pro-rata: each underwriter's loss share equals their deposit share, runners included", async () => {
    const o = (await simulate("bank-run", 8, 4)).outcome as {
      capitalAtStart: bigint;
      claimPaid: bigint;
      runners: number;
      totalLoss: bigint;
      maxLossShareDeviation: number;
      underwriters: {
        ran: boolean;
        deposited: bigint;
        value: bigint;
        lossShare: number;
        depositShare: number;
      }[];
    };
    expect(o.runners).to.be.greaterThan(0);
    expect(o.claimPaid).to.equal((o.capitalAtStart * 40n) / 100n);
    expect(o.totalLoss > 0n).to.equal(true);
    for (const u of o.underwriters) {
      expect(u.value < u.deposited).to.equal(true);
      expect(Math.abs(u.lossShare - u.depositShare)).to.be.lessThan(1e-9);
    }
    expect(o.underwriters.some((u) => u.ran)).to.equal(true);
  });
});

describe("Simulation: apathy", function () {
  this.timeout(120_000);

  it("fails quorum: the proposal is defeated, the thin claim denied with its deposit back, the escalation lapses", async () => {
    const o = (await simulate("apathy", 12, 1)).outcome as {
      proposal: { state: string; votesFor: bigint; quorum: bigint };
      claimA: {
        state: string;
        decision: string;
        votedWeight: bigint;
        quorumWeight: bigint;
        depositRefunded: boolean;
      };
      claimB: { stateAfterLapse: string; decision: string; state: string; paid: bigint };
    };
    expect(o.proposal.state).to.equal("Defeated");
    expect(o.proposal.votesFor < o.proposal.quorum).to.equal(true);
    expect(o.claimA.votedWeight < o.claimA.quorumWeight).to.equal(true);
    expect(o.claimA.state).to.equal("Denied");
    expect(o.claimA.depositRefunded).to.equal(true);
    expect(o.claimB.stateAfterLapse).to.equal("Approved");
    expect(o.claimB.decision).to.equal("AssessorsAfterLapsedEscalation");
    expect(o.claimB.state).to.equal("Paid");
    expect(o.claimB.paid).to.equal(30n * 10n ** 18n);
  });
});
