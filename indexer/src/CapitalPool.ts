/**
 * Both CapitalPools (one ABI, two addresses): deposits, withdrawal requests and completions, claims paid, and
 * after each block in which a pool changed, a snapshot of its `poolState()` at that block for the charts.
 */
import { ponder } from "ponder:registry";
import type { Context } from "ponder:registry";
import { poolEvent, poolSnapshot } from "ponder:schema";

import { type EventPlace, addActivity, lower } from "./shared.js";

type Hex = `0x${string}`;

interface PoolEventPlace extends EventPlace {
  log: { address: Hex };
}

/** Records the pool's state at the end of the event's block (one row per pool and block). */
async function snapshot(context: Context, event: PoolEventPlace): Promise<void> {
  const pool = lower(event.log.address);
  const state = await context.client.readContract({
    abi: context.contracts.CapitalPool.abi,
    address: pool,
    functionName: "poolState",
    blockNumber: event.block.number,
  });
  const values = {
    capital: state.capital,
    activeCover: state.activeCover,
    freeCapital: state.freeCapital,
    openLiabilities: state.openLiabilities,
    utilizationBps: Number(state.utilizationBps),
    premiumsReceived: state.premiumsReceived,
    premiumsEarned: state.premiumsEarned,
    pendingWithdrawalShares: state.pendingWithdrawalShares,
  };
  await context.db
    .insert(poolSnapshot)
    .values({
      id: `${pool}-${event.block.number}`,
      pool,
      block: event.block.number,
      timestamp: event.block.timestamp,
      ...values,
    })
    .onConflictDoUpdate(values);
}

async function movement(
  context: Context,
  event: PoolEventPlace,
  kind: string,
  account: Hex | null,
  assets: bigint | null,
  shares: bigint | null,
): Promise<void> {
  await context.db.insert(poolEvent).values({
    id: event.id,
    pool: lower(event.log.address),
    kind,
    account: account ? lower(account) : null,
    assets,
    shares,
    block: event.block.number,
    timestamp: event.block.timestamp,
    tx: event.transaction.hash,
  });
  if (account) {
    await addActivity(context.db, event, {
      account,
      kind,
      contract: lower(event.log.address),
      amount: assets ?? shares ?? undefined,
    });
  }
  await snapshot(context, event);
}

ponder.on("CapitalPool:Deposit", async ({ event, context }) => {
  await movement(context, event, "deposit", event.args.owner, event.args.assets, event.args.shares);
});

ponder.on("CapitalPool:WithdrawalRequested", async ({ event, context }) => {
  await movement(context, event, "withdrawalRequest", event.args.owner, null, event.args.shares);
});

ponder.on("CapitalPool:WithdrawalCancelled", async ({ event, context }) => {
  await movement(context, event, "withdrawalCancel", event.args.owner, null, event.args.shares);
});

ponder.on("CapitalPool:WithdrawalCompleted", async ({ event, context }) => {
  const { owner, assets, shares } = event.args;
  await movement(context, event, "withdrawal", owner, assets, shares);
});

ponder.on("CapitalPool:ClaimPaid", async ({ event, context }) => {
  await movement(context, event, "claimPaid", event.args.recipient, event.args.paid, null);
});

ponder.on("CapitalPool:CoverAdded", async ({ event, context }) => {
  await movement(context, event, "coverAdded", null, event.args.premium, null);
});

// Changes of state without an account: a snapshot each, so the charts see every step.
for (const name of [
  "LiabilityAdded",
  "LiabilityReleased",
  "CoverExpired",
  "ShortfallRecorded",
  "AssessorRewardPaid",
] as const) {
  ponder.on(`CapitalPool:${name}`, async ({ event, context }) => {
    await snapshot(context, event);
  });
}
