/** Helpers shared by the handlers: an account's delegate row and its activity lines. */
import type { Context } from "ponder:registry";
import { activity, delegate } from "ponder:schema";

type Hex = `0x${string}`;
type Db = Context["db"];

/** The minimal event fields every history row records. */
export interface EventPlace {
  id: string;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex };
}

export const lower = (address: Hex): Hex => address.toLowerCase() as Hex;

/** Creates the delegate row of `account` if it has none (every column at zero). */
export async function ensureDelegate(db: Db, account: Hex, timestamp: bigint): Promise<void> {
  await db
    .insert(delegate)
    .values({
      id: lower(account),
      votingPower: 0n,
      delegatorsCount: 0,
      votesCast: 0,
      claimVotesCast: 0,
      proposalsCreated: 0,
      firstSeenAt: timestamp,
    })
    .onConflictDoNothing();
}

/** Adds one line to `account`'s history; `suffix` tells apart several lines of one event. */
export async function addActivity(
  db: Db,
  event: EventPlace,
  line: {
    account: Hex;
    kind: string;
    contract: string;
    ref?: string;
    amount?: bigint;
    detail?: string;
  },
  suffix = "",
): Promise<void> {
  await db.insert(activity).values({
    id: event.id + suffix,
    account: lower(line.account),
    kind: line.kind,
    contract: line.contract,
    ref: line.ref ?? null,
    amount: line.amount ?? null,
    detail: line.detail ?? null,
    block: event.block.number,
    timestamp: event.block.timestamp,
    tx: event.transaction.hash,
  });
}

/** The title of a proposal: its description's first non-empty line, without Markdown heading marks. */
export function proposalTitle(description: string): string {
  const first = description.split("\n").find((line) => line.trim() !== "") ?? "";
  return first
    .replace(/^#+\s*/, "")
    .trim()
    .slice(0, 200);
}
