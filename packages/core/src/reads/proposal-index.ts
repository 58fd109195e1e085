/**
 * The Governor's on-chain proposal index ({GovernorProposalIndex}): its head (count), pages of ids and
 * creation blocks (remembered per Governor), and the block ranges a page's events are read from.
 */
import { type Result, getBigInt } from "ethers";
import { CoverGovernor__factory } from "../../../../types/ethers-contracts/index.js";
import { type ReadCall, type Reader, blockInfoCall, exchange, readCall } from "../rpc/batch.js";
import type { Deployment } from "../deployment/schema.js";

export const governorInterface = CoverGovernor__factory.createInterface();
const topicOf = (name: Parameters<typeof governorInterface.getEvent>[0]): string => {
  const event = governorInterface.getEvent(name);
  if (!event) throw new Error(`CoverGovernor has no event ${name}`);
  return event.topicHash;
};
export const CREATED = topicOf("ProposalCreated");

/** Forgets cached proposal indexes (e.g. after the chain was restarted). */
export function clearProposalIndex(): void {
  createdBlocks.clear();
  lastCounts.clear();
}

export const word = (data: string, index: number): bigint =>
  getBigInt(`0x${data.slice(2 + index * 64, 66 + index * 64)}`);

export const INDEX_CHUNK = 500;
/**
 * Widest block range of one `eth_getLogs` for a page's `ProposalCreated` events. Public nodes refuse wide
 * ranges (1k–10k blocks is common), so a page whose proposals lie further apart is read as several narrow
 * ranges around its proposals' blocks, all in the same JSON-RPC batch.
 */
export const PAGE_LOG_SPAN = 1_000;

/** Creation blocks learned from the index, by Governor and proposal id (a proposal opened from the list). */
export const createdBlocks = new Map<string, Map<bigint, number>>();
/** The index's size when last read, by Governor: the next page asks its ids with the count, on that guess. */
export const lastCounts = new Map<string, number>();
export const governorKey = (deployment: Deployment): string =>
  `${deployment.chainId}:${deployment.contracts.CoverGovernor.toLowerCase()}`;
export function remember(deployment: Deployment, ids: readonly bigint[], blocks: readonly number[]): void {
  const key = governorKey(deployment);
  const known = createdBlocks.get(key) ?? new Map<bigint, number>();
  createdBlocks.set(key, known);
  ids.forEach((id, i) => known.set(id, blocks[i]));
}

export interface IndexHead {
  /** Undefined when the Governor has no {GovernorProposalIndex} (refused by {indexCount}). */
  count?: number;
  blockNumber: number;
  timestamp: bigint;
  /** Results of the further calls that rode along. */
  more: (Result | undefined)[];
}

/** The index's size, or a plain error for a Governor without {GovernorProposalIndex} (never deployed by CoverDAO). */
export function indexCount(head: IndexHead): number {
  if (head.count === undefined)
    throw new Error(
      "this Governor has no on-chain proposal index (proposalCount reverts): CoverDAO deploys every Governor with GovernorProposalIndex",
    );
  return head.count;
}

/** Round trip 1: the index's size and the chain's clock (and any further calls), in one batch. */
export async function readHead(r: Reader, more: readonly ReadCall[] = []): Promise<IndexHead> {
  const governor = r.deployment.contracts.CoverGovernor;
  const clockCall = blockInfoCall(r.deployment);
  const calls = [readCall(governorInterface, governor, "proposalCount"), ...more];
  const { results, extra } = await exchange(
    r,
    clockCall ? [...calls, clockCall] : calls,
    clockCall ? [] : [{ method: "eth_getBlockByNumber", params: ["latest", false] }],
  );
  let blockNumber: number;
  let timestamp: bigint;
  if (clockCall) {
    const info = results[calls.length];
    if (!info) throw new Error("the Multicall did not answer blockInfo");
    [blockNumber, timestamp] = [Number(info[0]), BigInt(info[1])];
  } else {
    const block = extra[0].result as { number?: string; timestamp?: string } | undefined;
    if (!block?.number || !block.timestamp) throw new Error(`no latest block: ${extra[0].error}`);
    [blockNumber, timestamp] = [Number(block.number), BigInt(block.timestamp)];
  }
  const count = results[0] ? Number(results[0][0]) : undefined;
  if (count !== undefined) lastCounts.set(governorKey(r.deployment), count);
  return { count, blockNumber, timestamp, more: results.slice(1, calls.length) };
}

/** The `proposalPage(start, limit)` call and its decoder: ids and creation blocks, oldest first. */
export function indexPageCall(deployment: Deployment, start: number, limit: number): ReadCall {
  return readCall(governorInterface, deployment.contracts.CoverGovernor, "proposalPage", [start, limit]);
}
export function decodeIndexPage(result: Result | undefined): { ids: bigint[]; blocks: number[] } {
  if (!result) throw new Error("the Governor's proposalPage reverted");
  return {
    ids: [...(result[0] as bigint[])].map(BigInt),
    blocks: [...(result[1] as bigint[])].map(Number),
  };
}

/** Groups sorted block numbers into ranges of at most {PAGE_LOG_SPAN} blocks. */
export function logRanges(blocks: readonly number[], span = PAGE_LOG_SPAN): [number, number][] {
  const sorted = [...new Set(blocks)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const block of sorted) {
    const last = ranges.at(-1);
    if (last && block - last[0] < span) last[1] = block;
    else ranges.push([block, block]);
  }
  return ranges;
}

/**
 * The live fields of the given proposals, newest first as given: round trip 3 reads their
 * `ProposalCreated` events (only the blocks they were created in, see {logRanges}) and, in the same
 * batch, state, tallies, deadline, ETA, snapshot and `hasVoted`; round trip 4 reads the quorum at each
 * snapshot that has passed (the quorum needs the snapshot; skipped when no snapshot has passed).
 */
