/** Governor events: proposals, their life cycle, and every vote with its weight and reason. */
import { ponder } from "ponder:registry";
import type { Context } from "ponder:registry";
import { delegate, proposal, vote } from "ponder:schema";

import { type EventPlace, addActivity, ensureDelegate, lower, proposalTitle } from "./shared.js";

type Hex = `0x${string}`;

ponder.on("CoverGovernor:ProposalCreated", async ({ event, context }) => {
  const { args } = event;
  await context.db.insert(proposal).values({
    id: args.proposalId,
    proposer: lower(args.proposer),
    title: proposalTitle(args.description),
    description: args.description,
    targets: args.targets.map((target) => lower(target)),
    values: args.values.map((value) => value.toString()),
    calldatas: [...args.calldatas],
    signatures: [...args.signatures],
    voteStart: args.voteStart,
    voteEnd: args.voteEnd,
    deadline: args.voteEnd,
    status: "Created",
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    voterCount: 0,
    createdBlock: event.block.number,
    createdAt: event.block.timestamp,
    createdTx: event.transaction.hash,
  });
  await ensureDelegate(context.db, args.proposer, event.block.timestamp);
  await context.db
    .update(delegate, { id: lower(args.proposer) })
    .set((row) => ({ proposalsCreated: row.proposalsCreated + 1 }));
  await addActivity(context.db, event, {
    account: args.proposer,
    kind: "propose",
    contract: "CoverGovernor",
    ref: args.proposalId.toString(),
    detail: proposalTitle(args.description),
  });
});

ponder.on("CoverGovernor:ProposalExtended", async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ deadline: BigInt(event.args.extendedDeadline) });
});

ponder.on("CoverGovernor:ProposalQueued", async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ status: "Queued", eta: event.args.etaSeconds, queuedAt: event.block.timestamp });
});

ponder.on("CoverGovernor:ProposalExecuted", async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ status: "Executed", executedAt: event.block.timestamp });
});

ponder.on("CoverGovernor:ProposalCanceled", async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ status: "Canceled", canceledAt: event.block.timestamp });
});

async function recordVote(
  context: Context,
  event: EventPlace,
  args: {
    voter: Hex;
    proposalId: bigint;
    support: number;
    weight: bigint;
    reason: string;
    params?: Hex;
  },
): Promise<void> {
  await context.db.insert(vote).values({
    proposalId: args.proposalId,
    voter: lower(args.voter),
    support: args.support,
    weight: args.weight,
    reason: args.reason,
    params: args.params ?? null,
    block: event.block.number,
    timestamp: event.block.timestamp,
    tx: event.transaction.hash,
  });
  const column = (["againstVotes", "forVotes", "abstainVotes"] as const)[args.support];
  if (column === undefined) throw new Error(`unknown vote support ${args.support} on ${args.proposalId}`);
  await context.db.update(proposal, { id: args.proposalId }).set((row) => ({
    [column]: row[column] + args.weight,
    voterCount: row.voterCount + 1,
  }));
  await ensureDelegate(context.db, args.voter, event.block.timestamp);
  await context.db
    .update(delegate, { id: lower(args.voter) })
    .set((row) => ({ votesCast: row.votesCast + 1, lastVoteAt: event.block.timestamp }));
  await addActivity(context.db, event, {
    account: args.voter,
    kind: "vote",
    contract: "CoverGovernor",
    ref: args.proposalId.toString(),
    amount: args.weight,
    detail: ["Against", "For", "Abstain"][args.support],
  });
}

ponder.on("CoverGovernor:VoteCast", async ({ event, context }) => {
  await recordVote(context, event, event.args);
});

ponder.on("CoverGovernor:VoteCastWithParams", async ({ event, context }) => {
  await recordVote(context, event, event.args);
});
