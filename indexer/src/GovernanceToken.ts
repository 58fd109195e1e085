/** Token events: balances, delegations (who delegates to whom, and when) and voting power over time. */
import { ponder } from "ponder:registry";
import { delegate, delegation, holder, votingPowerPoint } from "ponder:schema";

import { addActivity, ensureDelegate, lower } from "./shared.js";

const ZERO = "0x0000000000000000000000000000000000000000";

ponder.on("GovernanceToken:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  if (from !== ZERO) {
    await context.db
      .insert(holder)
      .values({ id: lower(from), balance: -value })
      .onConflictDoUpdate((row) => ({ balance: row.balance - value }));
  }
  if (to !== ZERO) {
    await context.db
      .insert(holder)
      .values({ id: lower(to), balance: value })
      .onConflictDoUpdate((row) => ({ balance: row.balance + value }));
  }
});

ponder.on("GovernanceToken:DelegateChanged", async ({ event, context }) => {
  const { delegator, fromDelegate, toDelegate } = event.args;
  const time = event.block.timestamp;
  await context.db
    .insert(holder)
    .values({ id: lower(delegator), balance: 0n, delegate: lower(toDelegate) })
    .onConflictDoUpdate({ delegate: lower(toDelegate) });
  if (fromDelegate !== ZERO) {
    await ensureDelegate(context.db, fromDelegate, time);
    await context.db
      .update(delegate, { id: lower(fromDelegate) })
      .set((row) => ({ delegatorsCount: row.delegatorsCount - 1 }));
  }
  if (toDelegate !== ZERO) {
    await ensureDelegate(context.db, toDelegate, time);
    await context.db
      .update(delegate, { id: lower(toDelegate) })
      .set((row) => ({ delegatorsCount: row.delegatorsCount + 1 }));
  }
  await context.db.insert(delegation).values({
    id: event.id,
    delegator: lower(delegator),
    fromDelegate: lower(fromDelegate),
    toDelegate: lower(toDelegate),
    block: event.block.number,
    timestamp: time,
    tx: event.transaction.hash,
  });
  await addActivity(context.db, event, {
    account: delegator,
    kind: "delegate",
    contract: "GovernanceToken",
    ref: lower(toDelegate),
    detail: lower(fromDelegate),
  });
});

ponder.on("GovernanceToken:DelegateVotesChanged", async ({ event, context }) => {
  const { delegate: account, newVotes } = event.args;
  await ensureDelegate(context.db, account, event.block.timestamp);
  await context.db.update(delegate, { id: lower(account) }).set({ votingPower: newVotes });
  await context.db.insert(votingPowerPoint).values({
    id: event.id,
    delegate: lower(account),
    votingPower: newVotes,
    block: event.block.number,
    timestamp: event.block.timestamp,
  });
});
