/**
 * Proposals read through the Governor's proposal index: a page of summaries ({readProposalsPage}) whose
 * `ProposalCreated` events come from only the blocks its proposals were created in, and one proposal.
 */
import { type Provider, getAddress } from "ethers";
import {
  type RawLog,
  type ReadCall,
  type Reader,
  exchange,
  hex,
  readCall,
  type RpcRequest,
  reader,
} from "../rpc/batch.js";
import type { Deployment } from "../deployment/schema.js";
import { PROPOSAL_STATES, type ProposalStateName } from "../domain/states.js";
import {
  CREATED,
  INDEX_CHUNK,
  type IndexHead,
  createdBlocks,
  decodeIndexPage,
  governorInterface,
  governorKey,
  indexCount,
  indexPageCall,
  lastCounts,
  logRanges,
  readHead,
  remember,
  word,
} from "./proposal-index.js";

/** A proposal as a list or its own page shows it. */
export interface ProposalSummary {
  id: bigint;
  proposer: string;
  /** The first line of the description without its `#`. */
  title: string;
  description: string;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  state: ProposalStateName;
  /** Snapshot timepoint: voting power held (or delegated) before it counts. */
  voteStart: bigint;
  /** Deadline now (late-quorum protection may have extended it). */
  deadline: bigint;
  /** Timelock ETA, 0 until queued. */
  eta: bigint;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** Votes needed (for + abstain); undefined until the snapshot has passed. */
  quorum?: bigint;
  /** Whether `account` has voted, when an account was given. */
  hasVoted?: boolean;
  blockNumber: number;
  transactionHash: string;
}

export interface ProposalsQuery {
  /** 0-based page number, newest first. */
  page?: number;
  pageSize?: number;
  /** Only proposals in one of these states. */
  states?: ProposalStateName[];
  /** Only Active proposals this account has not voted on yet. */
  notVotedBy?: string;
  /** Reads `hasVoted` of this account for the proposals shown. */
  account?: string;
}

export interface ProposalsPage {
  proposals: ProposalSummary[];
  page: number;
  pageSize: number;
  /** Proposals matching the query (all of them, not just this page) — a lower bound unless `complete`. */
  total: number;
  /** Whether every block since the deployment was read (filters always read them all). */
  complete: boolean;
  /** The chain's clock when read: block number and timestamp. */
  blockNumber: number;
  timestamp: bigint;
  /** JSON-RPC round trips this page cost. */
  roundTrips: number;
}

/** "# Title\n\nbody" → "Title". */
export function titleOf(description: string): string {
  const line = description.split("\n").find((l) => l.trim().length > 0) ?? "";
  return line.replace(/^#+\s*/, "").trim() || "(untitled)";
}

/** A proposal by id, with the chain's clock. */
export interface ProposalRead {
  /** Undefined when the Governor never saw the id. */
  proposal?: ProposalSummary;
  blockNumber: number;
  timestamp: bigint;
  roundTrips: number;
}

/** Proposal ids read from the index per call while filtering or looking an id up (one round trip each). */

async function readIndexedDetails(
  r: Reader,
  head: IndexHead,
  shown: readonly { id: bigint; block: number }[],
  account?: string,
): Promise<ProposalSummary[]> {
  if (shown.length === 0) return [];
  const governor = r.deployment.contracts.CoverGovernor;
  const fns = ["state", "proposalVotes", "proposalDeadline", "proposalEta", "proposalSnapshot"] as const;
  const per = fns.length + (account ? 1 : 0);
  const calls = shown.flatMap(({ id }) => [
    ...fns.map((fn) => readCall(governorInterface, governor, fn, [id])),
    ...(account ? [readCall(governorInterface, governor, "hasVoted", [id, account])] : []),
  ]);
  const logRequests = logRanges(shown.map((p) => p.block)).map(([from, to]): RpcRequest => ({
    method: "eth_getLogs",
    params: [{ address: governor, topics: [CREATED], fromBlock: hex(from), toBlock: hex(to) }],
  }));
  const { results, extra } = await exchange(r, calls, logRequests);
  const logs = new Map<bigint, RawLog>();
  for (const answer of extra) {
    if (!Array.isArray(answer.result)) throw new Error(`eth_getLogs failed: ${answer.error}`);
    for (const raw of answer.result as {
      topics: string[];
      data: string;
      blockNumber: string;
      transactionHash: string;
    }[])
      logs.set(word(raw.data, 0), { ...raw, blockNumber: Number(raw.blockNumber) });
  }
  const at = (i: number, k: number) => results[i * per + k];
  const snapshots = shown.map((_, i) => BigInt(at(i, 4)?.[0] ?? 0n));
  // Quorum reverts (ERC5805FutureLookup) until the snapshot has passed: only past snapshots are asked.
  const past = shown.map((_, i) => i).filter((i) => snapshots[i] > 0n && snapshots[i] < head.timestamp);
  const quorums = new Map<number, bigint>();
  if (past.length > 0) {
    const read = await exchange(
      r,
      past.map((i) => readCall(governorInterface, governor, "quorum", [snapshots[i]])),
    );
    past.forEach((i, k) => {
      const quorum = read.results[k];
      if (quorum) quorums.set(i, BigInt(quorum[0]));
    });
  }
  return shown.map(({ id, block }, i): ProposalSummary => {
    const log = logs.get(id);
    const args = log ? governorInterface.parseLog(log)?.args : undefined;
    const description = String(args?.description ?? "");
    const votes = at(i, 1);
    return {
      id,
      proposer: args ? getAddress(String(args.proposer)) : "",
      title: titleOf(description),
      description,
      targets: args ? [...(args.targets as string[])] : [],
      values: args ? [...(args[3] as bigint[])] : [],
      calldatas: args ? [...(args.calldatas as string[])] : [],
      state: PROPOSAL_STATES[Number(at(i, 0)?.[0] ?? 0n)],
      voteStart: snapshots[i],
      deadline: BigInt(at(i, 2)?.[0] ?? 0n),
      eta: BigInt(at(i, 3)?.[0] ?? 0n),
      votes: {
        against: BigInt(votes?.[0] ?? 0n),
        for: BigInt(votes?.[1] ?? 0n),
        abstain: BigInt(votes?.[2] ?? 0n),
      },
      quorum: quorums.get(i),
      hasVoted: account ? Boolean(at(i, 5)?.[0]) : undefined,
      blockNumber: block,
      transactionHash: log?.transactionHash ?? "",
    };
  });
}

/**
 * One page of proposals, newest first, from the Governor's on-chain index ({GovernorProposalIndex}), in a
 * number of round trips that depends neither on how many proposals there are nor on how far apart:
 *
 * 1. `proposalCount` and the chain's clock (one Multicall);
 * 2. `proposalPage` of the page's index range: ids and creation blocks (every later read is pinned to the
 *    block of round trip 1, so the page is one consistent view);
 * 3. the page's `ProposalCreated` events, only from the blocks they were created in, and state, tallies,
 *    deadline, ETA, snapshot and `hasVoted` (one JSON-RPC batch);
 * 4. the quorum at each snapshot that has passed.
 *
 * A state or "not yet voted" filter walks the index newest first, {INDEX_CHUNK} ids per round trip (their
 * states and ballots are read in the next round trip, together with the next chunk of ids), and stops
 * once the page is full: `total` is then a lower bound and `complete` false. Round trips: 2 + chunks read
 * + 2 (at most 4 + ⌈count / INDEX_CHUNK⌉).
 */
export async function readProposalsPage(
  provider: Provider,
  deployment: Deployment,
  query: ProposalsQuery = {},
): Promise<ProposalsPage> {
  const r = reader(provider, deployment);
  const page = Math.max(0, query.page ?? 0);
  const pageSize = Math.max(1, query.pageSize ?? 20);
  const voter = query.notVotedBy ? getAddress(query.notVotedBy) : undefined;
  const states = query.states && query.states.length > 0 ? query.states : undefined;
  const range = (count: number) => {
    const end = count - page * pageSize;
    return { start: Math.max(0, end - pageSize), end };
  };
  // When this session has read the index before (the next page, back to the list), the page's ids ride
  // along with the count on the guess that no proposal was made since; a wrong guess costs round trip 2.
  const guess = !states && !voter ? lastCounts.get(governorKey(deployment)) : undefined;
  const guessed = guess === undefined ? undefined : range(guess);
  const head = await readHead(
    r,
    guessed && guessed.end > 0 ? [indexPageCall(deployment, guessed.start, guessed.end - guessed.start)] : [],
  );
  const count = indexCount(head);

  let matching: IndexEntry[] = [];
  let complete = true;
  if (!states && !voter) {
    const { start, end } = range(count);
    if (end > 0) {
      const result =
        guess === count && head.more[0]
          ? head.more[0]
          : (await exchange(r, [indexPageCall(deployment, start, end - start)])).results[0];
      const { ids, blocks } = decodeIndexPage(result);
      remember(deployment, ids, blocks);
      matching = ids.map((id, i) => ({ id, block: blocks[i] })).reverse();
    }
  } else {
    ({ found: matching, complete } = await filterIndex(r, count, (page + 1) * pageSize, states, voter));
  }
  const shownEntries = !states && !voter ? matching : matching.slice(page * pageSize, (page + 1) * pageSize);
  const proposals = await readIndexedDetails(r, head, shownEntries, query.account);
  return {
    proposals,
    page,
    pageSize,
    total: !states && !voter ? count : matching.length,
    complete,
    blockNumber: head.blockNumber,
    timestamp: head.timestamp,
    roundTrips: r.roundTrips,
  };
}

/** A proposal in the Governor's index: its id and the block it was created in. */
interface IndexEntry {
  id: bigint;
  block: number;
}

/**
 * The index's proposals in `states` (any when undefined) that `voter` (when given) may still vote on, newest
 * first: {INDEX_CHUNK} ids at a time, each round trip reading the previous chunk's states (and ballots) with
 * the next chunk's ids, until `wanted` are found or the index is read to its start (`complete`).
 */
async function filterIndex(
  r: Reader,
  count: number,
  wanted: number,
  states: readonly ProposalStateName[] | undefined,
  voter: string | undefined,
): Promise<{ found: IndexEntry[]; complete: boolean }> {
  const { deployment } = r;
  const governor = deployment.contracts.CoverGovernor;
  const found: IndexEntry[] = [];
  let end = count;
  let previous: { ids: bigint[]; blocks: number[] } | undefined;
  while (previous || end > 0) {
    const calls: ReadCall[] = [];
    const per = voter ? 2 : 1;
    for (const id of previous?.ids ?? []) {
      calls.push(readCall(governorInterface, governor, "state", [id]));
      if (voter) calls.push(readCall(governorInterface, governor, "hasVoted", [id, voter]));
    }
    const start = Math.max(0, end - INDEX_CHUNK);
    const next = end > 0 ? indexPageCall(deployment, start, end - start) : undefined;
    const { results } = await exchange(r, next ? [...calls, next] : calls);
    if (previous) {
      for (let i = previous.ids.length - 1; i >= 0; i--) {
        const state = results[i * per] ? PROPOSAL_STATES[Number(results[i * per]?.[0])] : undefined;
        const voted = voter ? Boolean(results[i * per + 1]?.[0]) : false;
        if (state === undefined) continue;
        if (states && !states.includes(state)) continue;
        if (voter && (state !== "Active" || voted)) continue;
        found.push({ id: previous.ids[i], block: previous.blocks[i] });
      }
    }
    previous = next ? decodeIndexPage(results.at(-1)) : undefined;
    if (previous) remember(deployment, previous.ids, previous.blocks);
    end = start;
    if (found.length >= wanted && (previous || end > 0)) return { found, complete: false };
  }
  return { found, complete: true };
}

/**
 * One proposal by id, with the chain's clock. With the Governor's index: round trip 1 reads the count, the
 * clock and the id's snapshot (0: no such proposal); the creation block is known when the proposal was
 * listed by {readProposalsPage} in this session, otherwise the index is read newest first, {INDEX_CHUNK}
 * ids per round trip, until the id is found; then the details as for a page (two round trips).
 */
export async function readProposal(
  provider: Provider,
  deployment: Deployment,
  id: bigint,
  account?: string,
): Promise<ProposalRead> {
  const r = reader(provider, deployment);
  const governor = deployment.contracts.CoverGovernor;
  const head = await readHead(r, [readCall(governorInterface, governor, "proposalSnapshot", [id])]);
  const count = indexCount(head);
  const clock = { blockNumber: head.blockNumber, timestamp: head.timestamp };
  if (BigInt(head.more[0]?.[0] ?? 0n) === 0n)
    return { proposal: undefined, ...clock, roundTrips: r.roundTrips };
  let block = createdBlocks.get(governorKey(deployment))?.get(id);
  for (let end = count; block === undefined && end > 0; end -= INDEX_CHUNK) {
    const start = Math.max(0, end - INDEX_CHUNK);
    const { results } = await exchange(r, [indexPageCall(deployment, start, end - start)]);
    const { ids, blocks } = decodeIndexPage(results[0]);
    remember(deployment, ids, blocks);
    const i = ids.indexOf(id);
    if (i >= 0) block = blocks[i];
  }
  if (block === undefined) return { proposal: undefined, ...clock, roundTrips: r.roundTrips };
  const [proposal] = await readIndexedDetails(r, head, [{ id, block }], account);
  return { proposal, ...clock, roundTrips: r.roundTrips };
}
