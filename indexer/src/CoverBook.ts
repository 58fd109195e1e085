/** CoverBook events: products and covers (bought, paid out, changing hands). */
import { ponder } from "ponder:registry";
import { cover, product } from "ponder:schema";

import { addActivity, lower } from "./shared.js";

const ZERO = "0x0000000000000000000000000000000000000000";

ponder.on("CoverBook:ProductAdded", async ({ event, context }) => {
  const { productId, name, riskType, pool } = event.args;
  await context.db.insert(product).values({
    id: productId,
    name,
    riskType,
    pool: lower(pool),
    active: true,
    coversSold: 0,
    coverAmount: 0n,
    premiums: 0n,
    createdAt: event.block.timestamp,
  });
});

ponder.on("CoverBook:ProductUpdated", async ({ event, context }) => {
  await context.db
    .update(product, { id: event.args.productId })
    .set({ name: event.args.name, active: event.args.active });
});

ponder.on("CoverBook:CoverBought", async ({ event, context }) => {
  const { coverId, productId, buyer, amount, start, end, premium } = event.args;
  const row = await context.db.update(product, { id: productId }).set((p) => ({
    coversSold: p.coversSold + 1,
    coverAmount: p.coverAmount + amount,
    premiums: p.premiums + premium,
  }));
  await context.db.insert(cover).values({
    id: coverId,
    productId,
    pool: row.pool,
    buyer: lower(buyer),
    owner: lower(buyer),
    amount,
    premium,
    start: BigInt(start),
    end: BigInt(end),
    paidOut: 0n,
    block: event.block.number,
    tx: event.transaction.hash,
  });
  await addActivity(context.db, event, {
    account: buyer,
    kind: "buyCover",
    contract: "CoverBook",
    ref: coverId.toString(),
    amount,
    detail: row.name,
  });
});

ponder.on("CoverBook:CoverPaidOut", async ({ event, context }) => {
  await context.db
    .update(cover, { id: event.args.coverId })
    .set((row) => ({ paidOut: row.paidOut + event.args.paid }));
});

// A cover changing hands after its purchase (the mint precedes CoverBought, which records the buyer).
ponder.on("CoverBook:Transfer", async ({ event, context }) => {
  const { from, to, tokenId } = event.args;
  if (from === ZERO || to === ZERO) return;
  await context.db.update(cover, { id: tokenId }).set({ owner: lower(to) });
});
