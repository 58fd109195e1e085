/**
 * Batched reads for the UI and the scripts (browser-safe). Many view calls go out as one `eth_call` to the
 * deployment's {Multicall} (`aggregate3`), so a page costs a constant number of JSON-RPC round trips
 * whatever it shows. Without a Multicall in the deployment the calls go out concurrently instead (ethers'
 * JsonRpcProvider sends concurrent requests as one JSON-RPC batch).
 *
 * The proposal list pages the Governor's on-chain proposal index ({GovernorProposalIndex}: ids and creation
 * blocks), so a page reads its `ProposalCreated` events from only the blocks its proposals were created in
 * ({readProposalsPage}). Every CoverDAO Governor has the index; one without it is refused with a plain error.
 */
import { type Provider, type Result, getAddress, getBigInt } from "ethers";

import {
  CapitalPool__factory,
  CoverBook__factory,
  CoverClaims__factory,
  CoverGovernor__factory,
  GovernanceToken__factory,
  StakingVault__factory,
  TestStablecoin__factory,
} from "../../../../types/ethers-contracts/index.js";
import { type ClaimDetail, DECISIONS } from "../claims/claims.js";
import {
  type RawLog,
  type ReadCall,
  type Reader,
  blockInfoCall,
  exchange,
  hex,
  readCall,
  type RpcRequest,
  readMany,
  reader,
} from "../rpc/batch.js";
import type { Deployment } from "../deployment/schema.js";
import { POOL_NAMES, type PoolName } from "../domain/pools.js";
import { CLAIM_STATES, PROPOSAL_STATES, type ProposalStateName } from "../domain/states.js";
import type { PoolSnapshot } from "../pool/pool.js";

// ------------------------------------------------------------------------------------- proposal index

const governorInterface = CoverGovernor__factory.createInterface();
const topicOf = (name: Parameters<typeof governorInterface.getEvent>[0]): string => {
  const event = governorInterface.getEvent(name);
  if (!event) throw new Error(`CoverGovernor has no event ${name}`);
  return event.topicHash;
};
const CREATED = topicOf("ProposalCreated");

/** Forgets cached proposal indexes (e.g. after the chain was restarted). */
export function clearProposalIndex(): void {
  createdBlocks.clear();
  lastCounts.clear();
}

const word = (data: string, index: number): bigint =>
  getBigInt(`0x${data.slice(2 + index * 64, 66 + index * 64)}`);

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

// ----------------------------------------------------------------------------- proposals by the index

/** A proposal by id, with the chain's clock. */
export interface ProposalRead {
  /** Undefined when the Governor never saw the id. */
  proposal?: ProposalSummary;
  blockNumber: number;
  timestamp: bigint;
  roundTrips: number;
}

/** Proposal ids read from the index per call while filtering or looking an id up (one round trip each). */
export const INDEX_CHUNK = 500;
/**
 * Widest block range of one `eth_getLogs` for a page's `ProposalCreated` events. Public nodes refuse wide
 * ranges (1k–10k blocks is common), so a page whose proposals lie further apart is read as several narrow
 * ranges around its proposals' blocks, all in the same JSON-RPC batch.
 */
export const PAGE_LOG_SPAN = 1_000;

/** Creation blocks learned from the index, by Governor and proposal id (a proposal opened from the list). */
const createdBlocks = new Map<string, Map<bigint, number>>();
/** The index's size when last read, by Governor: the next page asks its ids with the count, on that guess. */
const lastCounts = new Map<string, number>();
const governorKey = (deployment: Deployment): string =>
  `${deployment.chainId}:${deployment.contracts.CoverGovernor.toLowerCase()}`;
function remember(deployment: Deployment, ids: readonly bigint[], blocks: readonly number[]): void {
  const key = governorKey(deployment);
  const known = createdBlocks.get(key) ?? new Map<bigint, number>();
  createdBlocks.set(key, known);
  ids.forEach((id, i) => known.set(id, blocks[i]));
}

interface IndexHead {
  /** Undefined when the Governor has no {GovernorProposalIndex} (refused by {indexCount}). */
  count?: number;
  blockNumber: number;
  timestamp: bigint;
  /** Results of the further calls that rode along. */
  more: (Result | undefined)[];
}

/** The index's size, or a plain error for a Governor without {GovernorProposalIndex} (never deployed by CoverDAO). */
function indexCount(head: IndexHead): number {
  if (head.count === undefined)
    throw new Error(
      "this Governor has no on-chain proposal index (proposalCount reverts): CoverDAO deploys every Governor with GovernorProposalIndex",
    );
  return head.count;
}

/** Round trip 1: the index's size and the chain's clock (and any further calls), in one batch. */
async function readHead(r: Reader, more: readonly ReadCall[] = []): Promise<IndexHead> {
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
function indexPageCall(deployment: Deployment, start: number, limit: number): ReadCall {
  return readCall(governorInterface, deployment.contracts.CoverGovernor, "proposalPage", [start, limit]);
}
function decodeIndexPage(result: Result | undefined): { ids: bigint[]; blocks: number[] } {
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
  const governor = deployment.contracts.CoverGovernor;
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

  let matching: { id: bigint; block: number }[] = [];
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
    // Newest first, INDEX_CHUNK ids at a time; each round trip reads the previous chunk's states (and
    // ballots) with the next chunk's ids, until the page is full or the index is read to its start.
    const wanted = (page + 1) * pageSize;
    const found: { id: bigint; block: number }[] = [];
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
      if (found.length >= wanted && (previous || end > 0)) {
        complete = false;
        break;
      }
    }
    matching = found;
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

// ------------------------------------------------------------------------------------------ accounts

/** An account's governance position in one batch: tokens, votes, delegate, stake, unstake request and lock. */
export interface AccountView {
  address: string;
  balance: bigint;
  votes: bigint;
  delegate: string;
  stake: bigint;
  totalStake: bigint;
  unstake: { amount: bigint; readyAt: bigint; expiresAt: bigint };
  lockedUntil: bigint;
  staking: { cooldown: bigint; window: bigint };
  ethBalance?: bigint;
  blockNumber: number;
  timestamp: bigint;
  roundTrips: number;
}

export async function readAccount(
  provider: Provider,
  deployment: Deployment,
  account: string,
): Promise<AccountView> {
  const r = reader(provider, deployment);
  const { GovernanceToken: token, StakingVault: vault } = deployment.contracts;
  const tokenInterface = GovernanceToken__factory.createInterface();
  const vaultInterface = StakingVault__factory.createInterface();
  const calls = [
    readCall(tokenInterface, token, "balanceOf", [account]),
    readCall(tokenInterface, token, "getVotes", [account]),
    readCall(tokenInterface, token, "delegates", [account]),
    readCall(vaultInterface, vault, "stakeOf", [account]),
    readCall(vaultInterface, vault, "totalStake"),
    readCall(vaultInterface, vault, "unstakeRequest", [account]),
    readCall(vaultInterface, vault, "lockedUntil", [account]),
    readCall(vaultInterface, vault, "parameters"),
  ];
  const clockCall = blockInfoCall(deployment);
  const [results, block] = await Promise.all([
    readMany(r, clockCall ? [...calls, clockCall] : calls),
    clockCall ? undefined : provider.getBlock("latest"),
  ]);
  const big = (i: number, k = 0): bigint => BigInt(results[i]?.[k] ?? 0n);
  const request = results[5]?.[0] as { amount: bigint; readyAt: bigint; expiresAt: bigint } | undefined;
  const params = results[7];
  const info = clockCall ? results[calls.length] : undefined;
  return {
    address: account,
    balance: big(0),
    votes: big(1),
    delegate: String(results[2]?.[0] ?? "0x0000000000000000000000000000000000000000"),
    stake: big(3),
    totalStake: big(4),
    unstake: {
      amount: BigInt(request?.amount ?? 0n),
      readyAt: BigInt(request?.readyAt ?? 0n),
      expiresAt: BigInt(request?.expiresAt ?? 0n),
    },
    lockedUntil: big(6),
    staking: { cooldown: BigInt(params?.[0] ?? 0n), window: BigInt(params?.[1] ?? 0n) },
    blockNumber: info ? Number(info[0]) : (block?.number ?? 0),
    timestamp: info ? BigInt(info[1]) : BigInt(block?.timestamp ?? 0),
    roundTrips: r.roundTrips,
  };
}

// --------------------------------------------------------------------------------------------- pools

export interface PoolView extends Omit<PoolSnapshot, "pendingWithdrawalAssets"> {
  name: PoolName;
  /** The asset's ERC-20 symbol. */
  symbol: string;
}

const poolInterface = CapitalPool__factory.createInterface();
const erc20Interface = TestStablecoin__factory.createInterface();

const toObject = (result: Result | undefined): Record<string, unknown> =>
  result ? (result.toObject(true) as Record<string, unknown>) : {};

/** Both pools' books in two round trips (the second reads the assets' symbols). */
export async function readPools(r: Reader): Promise<PoolView[]> {
  const fns = ["asset", "decimals", "DECIMALS_OFFSET", "poolState", "totalSupply", "parameters"] as const;
  const calls = POOL_NAMES.flatMap((name) =>
    fns.map((fn) => readCall(poolInterface, r.deployment.contracts[name], fn)),
  );
  const results = await readMany(r, calls);
  const assets = POOL_NAMES.map((_, i) => String(results[i * fns.length]?.[0] ?? ""));
  const symbols = await readMany(
    r,
    assets.map((asset) => readCall(erc20Interface, asset, "symbol")),
  );
  return POOL_NAMES.map((name, i) => {
    const at = (k: number) => results[i * fns.length + k];
    const state = toObject(at(3)?.[0] as Result | undefined);
    const params = toObject(at(5));
    const big = (value: unknown): bigint => BigInt((value as bigint | undefined) ?? 0n);
    const capital = big(state.capital);
    const activeCover = big(state.activeCover);
    const capacityRatioBps = big(state.capacityRatioBps);
    const capacity = (capital * capacityRatioBps) / 10_000n;
    const shareDecimals = Number(at(1)?.[0] ?? 0n);
    return {
      name,
      symbol: String(symbols[i]?.[0] ?? name),
      address: r.deployment.contracts[name],
      asset: assets[i],
      assetDecimals: shareDecimals - Number(at(2)?.[0] ?? 0n),
      shareDecimals,
      capital,
      activeCover,
      freeCapital: big(state.freeCapital),
      openLiabilities: big(state.openLiabilities),
      utilizationBps: big(state.utilizationBps),
      capacityRatioBps,
      remainingCapacity: capacity > activeCover ? capacity - activeCover : 0n,
      unearnedPremium: big(state.unearnedPremium),
      premiumsReceived: big(state.premiumsReceived),
      premiumsEarned: big(state.premiumsEarned),
      assessorRewardPot: big(state.assessorRewardPot),
      totalShortfall: big(state.totalShortfall),
      totalShares: BigInt(at(4)?.[0] ?? 0n),
      pendingWithdrawalShares: big(state.pendingWithdrawalShares),
      withdrawalCooldown: big(params.cooldown),
      withdrawalWindow: big(params.window),
    };
  });
}

// -------------------------------------------------------------------------------------------- claims

const claimsInterface = CoverClaims__factory.createInterface();
const coverBookInterface = CoverBook__factory.createInterface();
const stakingInterface = StakingVault__factory.createInterface();

export interface ClaimRow extends ClaimDetail {
  /** The cover's pool, for the amount's unit. */
  pool?: PoolView;
  /** The account's ballot, when an account was given. */
  ballot?: { voted: boolean; support: boolean; rewarded: boolean };
  /** The bond escalating the claim needs now (wei): the flat bond, or more for a large claim. */
  escalationBondRequired: bigint;
}

export interface ClaimsRead {
  claims: ClaimRow[];
  pools: PoolView[];
  count: number;
  parameters: Record<string, bigint>;
  timestamp: bigint;
  roundTrips: number;
}

/**
 * The newest `limit` claims (or just `ids`), batched: the count, then every claim with its cover's pool, the
 * account's ballot and the parameters, then the staked weight each claim was filed against.
 */
export async function readClaims(
  provider: Provider,
  deployment: Deployment,
  options: { limit?: number; ids?: bigint[]; account?: string } = {},
): Promise<ClaimsRead> {
  const r = reader(provider, deployment);
  const claimsAddress = deployment.contracts.CoverClaims;
  const [pools, countResult] = await Promise.all([
    readPools(r),
    readMany(r, [readCall(claimsInterface, claimsAddress, "claimCount")]),
  ]);
  r.roundTrips -= 1; // the count went out with the pools' first batch
  const count = Number(countResult[0]?.[0] ?? 0n);
  const limit = options.limit ?? 50;
  const ids = options.ids ?? Array.from({ length: Math.min(limit, count) }, (_, i) => BigInt(count - i));
  const per = options.account ? 3 : 2;
  const calls: ReadCall[] = [];
  for (const id of ids) {
    calls.push(readCall(claimsInterface, claimsAddress, "claim", [id]));
    calls.push(readCall(claimsInterface, claimsAddress, "claimState", [id]));
    if (options.account)
      calls.push(readCall(claimsInterface, claimsAddress, "ballotOf", [id, options.account]));
  }
  const tail = [readCall(claimsInterface, claimsAddress, "parameters")];
  const clockCall = blockInfoCall(deployment);
  if (clockCall) tail.push(clockCall);
  const results = await readMany(r, [...calls, ...tail]);
  const views = ids.map((_, i) => toObject(results[i * per]?.[0] as Result | undefined));
  const parameters = Object.fromEntries(
    Object.entries(toObject(results[calls.length]?.[0] as Result | undefined)).map(([k, v]) => [
      k,
      BigInt(v as bigint),
    ]),
  );
  const info = clockCall ? results[calls.length + 1] : undefined;
  const timestamp = info ? BigInt(info[1]) : BigInt((await provider.getBlock("latest"))?.timestamp ?? 0);
  // Second batch: the stake each claim was filed against, each cover's pool and each claim's escalation bond.
  const second: ReadCall[] = [];
  for (const [i, view] of views.entries()) {
    second.push(
      readCall(stakingInterface, deployment.contracts.StakingVault, "getPastTotalStake", [
        BigInt((view.filedAt as bigint) ?? 1n) - 1n,
      ]),
    );
    second.push(readCall(coverBookInterface, deployment.contracts.CoverBook, "poolOf", [view.coverId ?? 0n]));
    second.push(readCall(claimsInterface, claimsAddress, "escalationBondOf", [ids[i] ?? 0n]));
  }
  const more = await readMany(r, second);
  const claims = views
    .map((v, i): ClaimRow | undefined => {
      if (v.claimId === undefined) return undefined;
      const big = (key: string) => BigInt((v[key] as bigint | undefined) ?? 0n);
      const num = (key: string) => Number(big(key));
      const poolAddress = String(more[i * 3 + 1]?.[0] ?? "").toLowerCase();
      const ballot = options.account ? results[i * per + 2] : undefined;
      const escalator = String(v.escalator ?? "");
      return {
        id: big("claimId"),
        coverId: big("coverId"),
        claimant: String(v.claimant),
        amount: big("amount"),
        deposit: big("deposit"),
        parametric: Boolean(v.parametric),
        // `claimState` is the live state (a lapsed vote reads as Cooldown before anyone settles it).
        state: CLAIM_STATES[Number(results[i * per + 1]?.[0] ?? v.state ?? 0n)],
        decision: DECISIONS[num("decision")],
        approved: Boolean(v.approved),
        yesWeight: big("yesWeight"),
        noWeight: big("noWeight"),
        quorumWeight: big("quorumWeight"),
        stakedWeight: v.parametric ? 0n : BigInt(more[i * 3]?.[0] ?? 0n),
        filedAt: num("filedAt"),
        votingEnd: num("votingEnd"),
        extensions: num("extensions"),
        cooldownEnd: num("cooldownEnd"),
        escalationDeadline: num("escalationDeadline"),
        finalAt: num("finalAt"),
        redeemableUntil: num("redeemableUntil"),
        lockUntil: num("lockUntil"),
        escalator: /^0x0{40}$/.test(escalator) ? undefined : escalator,
        escalationBond: big("escalationBond"),
        escalationBondRequired: BigInt(more[i * 3 + 2]?.[0] ?? parameters.escalationBond ?? 0n),
        settled: Boolean(v.settled),
        pool: pools.find((p) => p.address.toLowerCase() === poolAddress),
        ballot: ballot
          ? { voted: Boolean(ballot[0]), support: Boolean(ballot[1]), rewarded: Boolean(ballot[2]) }
          : undefined,
      };
    })
    .filter((c): c is ClaimRow => c !== undefined);
  return { claims, pools, count, parameters, timestamp, roundTrips: r.roundTrips };
}
