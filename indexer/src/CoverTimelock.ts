/** Timelock events: each operation's calls, delay, and whether it ran or was cancelled. */
import { ponder } from "ponder:registry";
import { timelockOperation } from "ponder:schema";

import { lower } from "./shared.js";

ponder.on("CoverTimelock:CallScheduled", async ({ event, context }) => {
  const { id, target, delay } = event.args;
  await context.db
    .insert(timelockOperation)
    .values({
      id,
      calls: 1,
      targets: [lower(target)],
      delay,
      scheduledAt: event.block.timestamp,
      readyAt: event.block.timestamp + delay,
      status: "Scheduled",
    })
    .onConflictDoUpdate((row) => ({ calls: row.calls + 1, targets: [...row.targets, lower(target)] }));
});

ponder.on("CoverTimelock:CallExecuted", async ({ event, context }) => {
  await context.db
    .update(timelockOperation, { id: event.args.id })
    .set({ status: "Executed", executedAt: event.block.timestamp });
});

ponder.on("CoverTimelock:Cancelled", async ({ event, context }) => {
  await context.db
    .update(timelockOperation, { id: event.args.id })
    .set({ status: "Cancelled", cancelledAt: event.block.timestamp });
});
