/** CoverClaims events: claims filed (voted and parametric), assessors' votes, escalations, outcomes and payouts. */
import { ponder } from "ponder:registry";
import type { Context } from "ponder:registry";
import { claim, claimVote, cover, delegate } from "ponder:schema";

import { CLAIM_STATES } from "@coverdao/core/domain";

import { type EventPlace, addActivity, ensureDelegate, lower } from "./shared.js";

type Hex = `0x${string}`;

async function fileClaim(
  context: Context,
  event: EventPlace,
  args: {
    claimId: bigint;
    coverId: bigint;
    claimant: Hex;
    amount: bigint;
    deposit: bigint;
    votingEnd: bigint;
    evidenceURI: string;
    parametric: boolean;
  },
): Promise<void> {
  const covered = await context.db.find(cover, { id: args.coverId });
  await context.db.insert(claim).values({
    id: args.claimId,
    coverId: args.coverId,
    productId: covered?.productId ?? null,
    pool: covered?.pool ?? null,
    claimant: lower(args.claimant),
    amount: args.amount,
    deposit: args.deposit,
    parametric: args.parametric,
    evidenceURI: args.evidenceURI,
    votingEnd: args.votingEnd,
    yesWeight: 0n,
    noWeight: 0n,
    voterCount: 0,
    escalated: false,
    outcome: args.parametric ? "Approved" : "Filed",
    filedAt: event.block.timestamp,
    filedBlock: event.block.number,
    filedTx: event.transaction.hash,
  });
  await addActivity(context.db, event, {
    account: args.claimant,
    kind: "fileClaim",
    contract: "CoverClaims",
    ref: args.claimId.toString(),
    amount: args.amount,
    detail: args.coverId.toString(),
  });
}

ponder.on("CoverClaims:ClaimSubmitted", async ({ event, context }) => {
  const { claimId, coverId, claimant, amount, deposit, votingEnd, evidenceURI } = event.args;
  await fileClaim(context, event, {
    claimId,
    coverId,
    claimant,
    amount,
    deposit,
    votingEnd: BigInt(votingEnd),
    evidenceURI,
    parametric: false,
  });
});

ponder.on("CoverClaims:ParametricClaimApproved", async ({ event, context }) => {
  const { claimId, coverId, claimant, amount } = event.args;
  await fileClaim(context, event, {
    claimId,
    coverId,
    claimant,
    amount,
    deposit: 0n,
    votingEnd: event.block.timestamp,
    evidenceURI: "",
    parametric: true,
  });
});

ponder.on("CoverClaims:ClaimVoteCast", async ({ event, context }) => {
  const { claimId, voter, support, weight } = event.args;
  await context.db.insert(claimVote).values({
    claimId,
    voter: lower(voter),
    support,
    weight,
    block: event.block.number,
    timestamp: event.block.timestamp,
    tx: event.transaction.hash,
  });
  await context.db.update(claim, { id: claimId }).set((row) => ({
    yesWeight: support ? row.yesWeight + weight : row.yesWeight,
    noWeight: support ? row.noWeight : row.noWeight + weight,
    voterCount: row.voterCount + 1,
  }));
  await ensureDelegate(context.db, voter, event.block.timestamp);
  await context.db
    .update(delegate, { id: lower(voter) })
    .set((row) => ({ claimVotesCast: row.claimVotesCast + 1 }));
  await addActivity(context.db, event, {
    account: voter,
    kind: "claimVote",
    contract: "CoverClaims",
    ref: claimId.toString(),
    amount: weight,
    detail: support ? "Yes" : "No",
  });
});

ponder.on("CoverClaims:ClaimVotingExtended", async ({ event, context }) => {
  await context.db.update(claim, { id: event.args.claimId }).set({ votingEnd: BigInt(event.args.votingEnd) });
});

ponder.on("CoverClaims:ClaimEscalated", async ({ event, context }) => {
  await context.db.update(claim, { id: event.args.claimId }).set({ escalated: true });
  await addActivity(context.db, event, {
    account: event.args.escalator,
    kind: "escalateClaim",
    contract: "CoverClaims",
    ref: event.args.claimId.toString(),
    amount: event.args.bond,
  });
});

ponder.on("CoverClaims:EscalationResolved", async ({ event, context }) => {
  await context.db.update(claim, { id: event.args.claimId }).set({ governanceApproved: event.args.approved });
});

ponder.on("CoverClaims:ClaimSettled", async ({ event, context }) => {
  await context.db.update(claim, { id: event.args.claimId }).set({
    outcome: CLAIM_STATES[event.args.state] ?? `state ${event.args.state}`,
    settledAt: event.block.timestamp,
  });
});

ponder.on("CoverClaims:ClaimPaid", async ({ event, context }) => {
  const { claimId, recipient, paid } = event.args;
  await context.db.update(claim, { id: claimId }).set({
    outcome: "Paid",
    paid,
    paidTo: lower(recipient),
    settledAt: event.block.timestamp,
  });
  await addActivity(context.db, event, {
    account: recipient,
    kind: "claimPayout",
    contract: "CoverClaims",
    ref: claimId.toString(),
    amount: paid,
  });
});
