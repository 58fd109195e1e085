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

interface LossRow {
  group: "stayers" | "leavers" | "claimants";
  putIn: bigint;
  tookOut: bigint;
  held: bigint;
  loss: bigint;
  lossPerUnit: number;
}

describe("Simulation: correlated-claims", function () {
  this.timeout(120_000);

  it("pays every claim in full, grace-period ones too: leavers take only the capital no cover needs", async () => {
    const o = (await simulate("correlated-claims", 10, 1)).outcome as {
      capitalAtDepeg: bigint;
      capitalBeforeLateClaims: bigint;
      withdrawnByLeavers: bigint;
      claims: { wave: string; amount: bigint; paid: bigint }[];
      requested: bigint;
      paid: bigint;
      shortfall: bigint;
      poolTotalShortfall: bigint;
      lossByGroup: LossRow[];
    };
    expect(o.claims.some((c) => c.wave === "grace period")).to.equal(true);
    for (const c of o.claims) expect(c.paid).to.equal(c.amount);
    const late = o.claims.filter((c) => c.wave === "grace period").reduce((a, c) => a + c.amount, 0n);
    expect(o.capitalBeforeLateClaims >= late).to.equal(true);
    expect(o.withdrawnByLeavers > 0n).to.equal(true);
    expect([o.shortfall, o.poolTotalShortfall, o.paid]).to.deep.equal([0n, 0n, o.requested]);
    const [stayers, leavers, claimants] = o.lossByGroup;
    expect([stayers.group, leavers.group, claimants.group]).to.deep.equal([
      "stayers",
      "leavers",
      "claimants",
    ]);
    expect(claimants.loss).to.equal(0n);
    // The underwriters bore what the claimants were paid, net of the premiums they earned.
    expect(stayers.loss + leavers.loss > 0n).to.equal(true);
    expect(stayers.loss + leavers.loss < o.paid).to.equal(true);
    for (const row of o.lossByGroup) expect(row.loss).to.equal(row.putIn - row.tookOut - row.held);
  });
});

describe("Simulation: bank-run", function () {
  this.timeout(120_000);

  it("spreads the loss pro-rata: runners bear their deposit share of the claim, and the claimant is paid in full", async () => {
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
      lossByGroup: LossRow[];
    };
    expect(o.runners).to.be.greaterThan(0);
    expect(o.claimPaid).to.equal((o.capitalAtStart * 40n) / 100n);
    expect(o.totalLoss > 0n).to.equal(true);
    for (const u of o.underwriters) {
      expect(u.value < u.deposited).to.equal(true);
      // Pro-rata up to the premium earned after the requests, which goes to those who stay.
      expect(Math.abs(u.lossShare - u.depositShare)).to.be.lessThan(1e-3);
      // A runner never escapes: its loss share is at least its deposit share.
      if (u.ran) expect(u.lossShare).to.be.greaterThanOrEqual(u.depositShare - 1e-12);
    }
    expect(o.underwriters.some((u) => u.ran)).to.equal(true);
    const [stayers, leavers, claimants] = o.lossByGroup;
    expect(claimants.loss).to.equal(0n);
    expect(stayers.loss + leavers.loss).to.equal(o.totalLoss);
    if (stayers.putIn > 0n) expect(leavers.lossPerUnit).to.be.greaterThanOrEqual(stayers.lossPerUnit);
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
