/** StakingVault events: stakes, locks, unstake requests and slashes, per staker and in each staker's history. */
import { ponder } from "ponder:registry";
import { staker } from "ponder:schema";

import { addActivity, lower } from "./shared.js";

type Hex = `0x${string}`;

const empty = (id: Hex) => ({ id: lower(id), staked: 0n, slashed: 0n });

ponder.on("StakingVault:Staked", async ({ event, context }) => {
  const { staker: account, amount, newStake } = event.args;
  await context.db
    .insert(staker)
    .values({ ...empty(account), staked: newStake })
    .onConflictDoUpdate({ staked: newStake });
  await addActivity(context.db, event, { account, kind: "stake", contract: "StakingVault", amount });
});

ponder.on("StakingVault:Unstaked", async ({ event, context }) => {
  const { staker: account, amount, newStake } = event.args;
  await context.db
    .insert(staker)
    .values({ ...empty(account), staked: newStake })
    .onConflictDoUpdate({ staked: newStake, unstakeRequested: null, unstakeReadyAt: null });
  await addActivity(context.db, event, { account, kind: "unstake", contract: "StakingVault", amount });
});

ponder.on("StakingVault:UnstakeRequested", async ({ event, context }) => {
  const { staker: account, amount, readyAt } = event.args;
  await context.db
    .insert(staker)
    .values({ ...empty(account), unstakeRequested: amount, unstakeReadyAt: BigInt(readyAt) })
    .onConflictDoUpdate({ unstakeRequested: amount, unstakeReadyAt: BigInt(readyAt) });
  await addActivity(context.db, event, {
    account,
    kind: "unstakeRequest",
    contract: "StakingVault",
    amount,
  });
});

ponder.on("StakingVault:UnstakeCancelled", async ({ event, context }) => {
  await context.db
    .insert(staker)
    .values(empty(event.args.staker))
    .onConflictDoUpdate({ unstakeRequested: null, unstakeReadyAt: null });
});

ponder.on("StakingVault:StakeLocked", async ({ event, context }) => {
  const until = BigInt(event.args.until);
  await context.db
    .insert(staker)
    .values({ ...empty(event.args.staker), lockedUntil: until })
    .onConflictDoUpdate((row) => ({
      lockedUntil: row.lockedUntil !== null && row.lockedUntil > until ? row.lockedUntil : until,
    }));
});

ponder.on("StakingVault:Slashed", async ({ event, context }) => {
  const { staker: account, amount } = event.args;
  await context.db
    .insert(staker)
    .values({ ...empty(account), slashed: amount })
    .onConflictDoUpdate((row) => ({ staked: row.staked - amount, slashed: row.slashed + amount }));
  await addActivity(context.db, event, { account, kind: "slashed", contract: "StakingVault", amount });
});
