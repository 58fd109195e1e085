/**
 * Batched reads for the UI and the scripts (browser-safe). Many view calls go out as one `eth_call` to the
 * deployment's {Multicall} (`aggregate3`), so a page costs a constant number of JSON-RPC round trips
 * whatever it shows. Without a Multicall in the deployment the calls go out concurrently instead (ethers'
 * JsonRpcProvider sends concurrent requests as one JSON-RPC batch).
 *
 * The proposal list comes from the Governor's `ProposalCreated` events (it keeps no on-chain index): they
 * are read in pages of blocks, newest first, and kept in a per-Governor cache so the next page only reads
 * the blocks mined since.
 */
import { type Interface, type Provider, type Result, getBigInt, getAddress } from "ethers";

import {
  CapitalPool__factory,
  CoverBook__factory,
  CoverClaims__factory,
  CoverGovernor__factory,
  GovernanceToken__factory,
  Multicall__factory,
  StakingVault__factory,
  TestStablecoin__factory,
} from "../../types/ethers-contracts/index.js";
import { CLAIM_STATES, type ClaimDetail, DECISIONS } from "./claims.js";
import type { RpcProvider } from "./chain.js";
import { type Deployment, optionalContract } from "./deployment-schema.js";
import { PROPOSAL_STATES, type ProposalStateName } from "./governance.js";
import type { PoolSnapshot } from "./pool.js";

// ------------------------------------------------------------------------------------------ batching

/** One view call, with the decoder of its result. */
export interface ReadCall {
  target: string;
  data: string;
  decode: (data: string) => Result;
}

/** A view call of `fn` on `target` through `iface`. */
export function readCall(
  iface: Interface,
  target: string,
  fn: string,
  args: readonly unknown[] = [],
): ReadCall {
  return {
    target,
    data: iface.encodeFunctionData(fn, args),
    decode: (data) => iface.decodeFunctionResult(fn, data),
  };
}

/** Where reads go, and how many round trips they have cost so far (a benchmark and test figure). */
export interface Reader {
  provider: Provider;
  deployment: Deployment;
  /** Sequential JSON-RPC exchanges made through this reader (concurrent requests count once). */
  roundTrips: number;
}

export function reader(provider: Provider, deployment: Deployment): Reader {
  return { provider, deployment, roundTrips: 0 };
}

/** Calls per `aggregate3`: keeps each `eth_call` far below a node's gas cap. */
export const CALLS_PER_BATCH = 250;

const multicallInterface = Multicall__factory.createInterface();

/**
 * Makes every call in one round trip; a call that reverts yields `undefined` (its revert is not an error
 * of the batch). Calls beyond {CALLS_PER_BATCH} go out as further `aggregate3` calls in the same round trip.
 */
export async function readMany(r: Reader, calls: readonly ReadCall[]): Promise<(Result | undefined)[]> {
  if (calls.length === 0) return [];
  r.roundTrips++;
  const multicall = optionalContract(r.deployment, "Multicall");
  const decode = (call: ReadCall, success: boolean, data: string): Result | undefined => {
    if (!success) return undefined;
    try {
      return call.decode(data);
    } catch {
      return undefined;
    }
  };
  if (!multicall) {
    return Promise.all(
      calls.map(async (call) => {
        try {
          return decode(call, true, await r.provider.call({ to: call.target, data: call.data }));
        } catch {
          return undefined;
        }
      }),
    );
  }
  const chunks: ReadCall[][] = [];
  for (let i = 0; i < calls.length; i += CALLS_PER_BATCH) chunks.push(calls.slice(i, i + CALLS_PER_BATCH));
  const answers = await Promise.all(
    chunks.map(async (chunk) => {
      const data = multicallInterface.encodeFunctionData("aggregate3", [
        chunk.map((call) => ({ target: call.target, allowFailure: true, callData: call.data })),
      ]);
      const raw = await r.provider.call({ to: multicall, data });
      const [results] = multicallInterface.decodeFunctionResult("aggregate3", raw) as unknown as [
        { success: boolean; returnData: string }[],
      ];
      return results.map((result, i) => decode(chunk[i], result.success, result.returnData));
    }),
  );
  return answers.flat();
}

/** The chain's clock as one more call of a batch (needs the Multicall; otherwise read separately). */
export function blockInfoCall(deployment: Deployment): ReadCall | undefined {
  const multicall = optionalContract(deployment, "Multicall");
  return multicall ? readCall(multicallInterface, multicall, "blockInfo") : undefined;
}

// ------------------------------------------------------------------------------------- proposal index

/** A `ProposalCreated` event, with only the fixed-position fields decoded (fast for thousands of them). */
export interface ProposalIndexEntry {
  id: bigint;
  voteStart: bigint;
  voteEnd: bigint;
  blockNumber: number;
  transactionHash: string;
  /** The raw log, decoded in full only for the proposals shown. */
  log: { topics: readonly string[]; data: string };
}

interface ProposalIndex {
  /** Last block scanned; entries cover `startBlock..scannedTo`. */
  scannedTo: number;
  /** Oldest first. */
  entries: ProposalIndexEntry[];
}

const governorInterface = CoverGovernor__factory.createInterface();
const proposalCreated = governorInterface.getEvent("ProposalCreated");
const indexes = new Map<string, ProposalIndex>();
const updating = new Map<string, Promise<ProposalIndex>>();

/** Blocks per `eth_getLogs` request (public nodes limit the range; local nodes take any). */
export const LOG_BLOCK_SPAN = 50_000;
/** `eth_getLogs` requests sent together in one round trip. */
const LOG_REQUESTS_PER_ROUND = 20;

/** The latest block number, uncached when the provider takes raw JSON-RPC (ethers caches `getBlockNumber` briefly). */
async function latestBlock(provider: Provider): Promise<number> {
  const send = (provider as Partial<RpcProvider>).send;
  if (typeof send === "function")
    return Number(BigInt((await send.call(provider, "eth_blockNumber", [])) as string));
  return provider.getBlockNumber();
}

/** Forgets cached proposal indexes (e.g. after the chain was restarted). */
export function clearProposalIndex(): void {
  indexes.clear();
  updating.clear();
}

const word = (data: string, index: number): bigint =>
  getBigInt(`0x${data.slice(2 + index * 64, 66 + index * 64)}`);

function indexEntry(log: {
  topics: readonly string[];
  data: string;
  blockNumber: number;
  transactionHash: string;
}): ProposalIndexEntry {
  // ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values,
  // string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description):
  // nothing is indexed, so the id and the vote window sit in words 0, 6 and 7 of the data.
  return {
    id: word(log.data, 0),
    voteStart: word(log.data, 6),
    voteEnd: word(log.data, 7),
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    log: { topics: log.topics, data: log.data },
  };
}

/**
 * Brings the Governor's proposal index up to the latest block: one round trip for the block number, then
 * block ranges newest first, {LOG_REQUESTS_PER_ROUND} ranges per round trip, until the range is covered
 * (or, with `enough`, until that many new proposals were found and older ranges are not needed yet).
 */
async function updateIndex(r: Reader): Promise<ProposalIndex> {
  const key = `${r.deployment.chainId}:${r.deployment.contracts.CoverGovernor}`;
  // One update at a time per Governor: two concurrent scans of the same blocks would index them twice.
  const previous = updating.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => scanNewBlocks(r, key));
  updating.set(key, next);
  return next;
}

async function scanNewBlocks(r: Reader, key: string): Promise<ProposalIndex> {
  const governor = r.deployment.contracts.CoverGovernor;
  r.roundTrips++;
  const latest = await latestBlock(r.provider);
  let index = indexes.get(key);
  if (!index || index.scannedTo > latest) {
    index = { scannedTo: r.deployment.startBlock - 1, entries: [] };
    indexes.set(key, index);
  }
  const ranges: [number, number][] = [];
  for (let to = latest; to > index.scannedTo; to -= LOG_BLOCK_SPAN) {
    ranges.push([Math.max(index.scannedTo + 1, to - LOG_BLOCK_SPAN + 1), to]);
  }
  const found: ProposalIndexEntry[] = [];
  for (let i = 0; i < ranges.length; i += LOG_REQUESTS_PER_ROUND) {
    r.roundTrips++;
    const rounds = await Promise.all(
      ranges
        .slice(i, i + LOG_REQUESTS_PER_ROUND)
        .map(([fromBlock, toBlock]) =>
          r.provider.getLogs({ address: governor, topics: [proposalCreated.topicHash], fromBlock, toBlock }),
        ),
    );
    for (const logs of rounds) for (const log of logs) found.push(indexEntry(log));
  }
  found.sort((a, b) => a.blockNumber - b.blockNumber);
  index.entries.push(...found);
  index.scannedTo = latest;
  return index;
}

// ------------------------------------------------------------------------------------- proposal pages

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
  /** Proposals matching the query (all of them, not just this page). */
  total: number;
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

/**
 * One page of proposals, newest first, in a constant number of round trips: the block number, the new
 * `ProposalCreated` events (cached per Governor), then ONE batch reading state, tallies, quorum, deadline,
 * ETA and `hasVoted` of the page's proposals. A state or "not yet voted" filter adds one batch reading the
 * states (and ballots) of every proposal. The page is filtered on chain state, never on guesses.
 */
export async function readProposalsPage(
  provider: Provider,
  deployment: Deployment,
  query: ProposalsQuery = {},
): Promise<ProposalsPage> {
  const r = reader(provider, deployment);
  const page = Math.max(0, query.page ?? 0);
  const pageSize = Math.max(1, query.pageSize ?? 20);
  const index = await updateIndex(r);
  const governor = deployment.contracts.CoverGovernor;
  const newestFirst = [...index.entries].reverse();

  let matching = newestFirst;
  const filtering = (query.states && query.states.length > 0) || query.notVotedBy;
  if (filtering) {
    const calls: ReadCall[] = [];
    for (const entry of newestFirst) {
      calls.push(readCall(governorInterface, governor, "state", [entry.id]));
      if (query.notVotedBy) {
        calls.push(readCall(governorInterface, governor, "hasVoted", [entry.id, query.notVotedBy]));
      }
    }
    const results = await readMany(r, calls);
    const stride = query.notVotedBy ? 2 : 1;
    matching = newestFirst.filter((_, i) => {
      const state = results[i * stride];
      if (!state) return false;
      const name = PROPOSAL_STATES[Number(state[0])];
      if (query.states && query.states.length > 0 && !query.states.includes(name)) return false;
      if (query.notVotedBy) {
        const voted = results[i * stride + 1];
        if (name !== "Active" || !voted || voted[0] === true) return false;
      }
      return true;
    });
  }
  const shown = matching.slice(page * pageSize, (page + 1) * pageSize);
  const { proposals, blockNumber, timestamp } = await readProposalDetails(r, shown, query.account);
  return {
    proposals,
    page,
    pageSize,
    total: matching.length,
    blockNumber,
    timestamp,
    roundTrips: r.roundTrips,
  };
}

/** Reads the live fields of indexed proposals in one batch (with the chain's clock). */
async function readProposalDetails(
  r: Reader,
  entries: readonly ProposalIndexEntry[],
  account?: string,
): Promise<{ proposals: ProposalSummary[]; blockNumber: number; timestamp: bigint }> {
  const governor = r.deployment.contracts.CoverGovernor;
  const perProposal = account ? 6 : 5;
  const calls: ReadCall[] = [];
  for (const entry of entries) {
    calls.push(
      readCall(governorInterface, governor, "state", [entry.id]),
      readCall(governorInterface, governor, "proposalVotes", [entry.id]),
      readCall(governorInterface, governor, "proposalDeadline", [entry.id]),
      readCall(governorInterface, governor, "proposalEta", [entry.id]),
      // Reverts (ERC5805FutureLookup) until the snapshot has passed: quorum is then unknown.
      readCall(governorInterface, governor, "quorum", [entry.voteStart]),
    );
    if (account) calls.push(readCall(governorInterface, governor, "hasVoted", [entry.id, account]));
  }
  const clockCall = blockInfoCall(r.deployment);
  if (clockCall) calls.push(clockCall);
  let clock: { blockNumber: number; timestamp: bigint };
  let results: (Result | undefined)[];
  if (clockCall) {
    results = await readMany(r, calls);
    const info = results.at(-1);
    clock = { blockNumber: Number(info?.[0] ?? 0n), timestamp: BigInt(info?.[1] ?? 0n) };
  } else {
    const [many, block] = await Promise.all([readMany(r, calls), r.provider.getBlock("latest")]);
    results = many;
    clock = { blockNumber: block?.number ?? 0, timestamp: BigInt(block?.timestamp ?? 0) };
  }
  const proposals = entries.map((entry, i): ProposalSummary => {
    const at = (k: number) => results[i * perProposal + k];
    const parsed = governorInterface.parseLog(entry.log);
    const args = parsed?.args;
    const description = String(args?.description ?? "");
    const votes = at(1);
    const quorum = at(4);
    return {
      id: entry.id,
      proposer: args ? getAddress(String(args.proposer)) : "",
      title: titleOf(description),
      description,
      targets: args ? [...(args.targets as string[])] : [],
      values: args ? [...(args[3] as bigint[])] : [],
      calldatas: args ? [...(args.calldatas as string[])] : [],
      state: PROPOSAL_STATES[Number(at(0)?.[0] ?? 0n)],
      voteStart: entry.voteStart,
      deadline: BigInt(at(2)?.[0] ?? entry.voteEnd),
      eta: BigInt(at(3)?.[0] ?? 0n),
      votes: {
        against: BigInt(votes?.[0] ?? 0n),
        for: BigInt(votes?.[1] ?? 0n),
        abstain: BigInt(votes?.[2] ?? 0n),
      },
      quorum: quorum ? BigInt(quorum[0]) : undefined,
      hasVoted: account ? Boolean(at(5)?.[0]) : undefined,
      blockNumber: entry.blockNumber,
      transactionHash: entry.transactionHash,
    };
  });
  return { proposals, ...clock };
}

/** One proposal by id (undefined when the Governor never saw it), with the chain's clock. */
export async function readProposal(
  provider: Provider,
  deployment: Deployment,
  id: bigint,
  account?: string,
): Promise<{ proposal?: ProposalSummary; blockNumber: number; timestamp: bigint; roundTrips: number }> {
  const r = reader(provider, deployment);
  const index = await updateIndex(r);
  const entry = index.entries.find((e) => e.id === id);
  const { proposals, blockNumber, timestamp } = await readProposalDetails(r, entry ? [entry] : [], account);
  return { proposal: proposals[0], blockNumber, timestamp, roundTrips: r.roundTrips };
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

/** The deployment names of the capital pools. */
export const POOL_NAMES = ["WethPool", "StablecoinPool"] as const;
export type PoolName = (typeof POOL_NAMES)[number];

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
  ballot?: { voted: boolean; support: boolean };
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
  // Second batch: the stake each claim was filed against, and each cover's pool.
  const second: ReadCall[] = [];
  for (const view of views) {
    second.push(
      readCall(stakingInterface, deployment.contracts.StakingVault, "getPastTotalStake", [
        BigInt((view.filedAt as bigint) ?? 1n) - 1n,
      ]),
    );
    second.push(readCall(coverBookInterface, deployment.contracts.CoverBook, "poolOf", [view.coverId ?? 0n]));
  }
  const more = await readMany(r, second);
  const claims = views
    .map((v, i): ClaimRow | undefined => {
      if (v.claimId === undefined) return undefined;
      const big = (key: string) => BigInt((v[key] as bigint | undefined) ?? 0n);
      const num = (key: string) => Number(big(key));
      const poolAddress = String(more[i * 2 + 1]?.[0] ?? "").toLowerCase();
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
        stakedWeight: v.parametric ? 0n : BigInt(more[i * 2]?.[0] ?? 0n),
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
        settled: Boolean(v.settled),
        pool: pools.find((p) => p.address.toLowerCase() === poolAddress),
        ballot: ballot ? { voted: Boolean(ballot[0]), support: Boolean(ballot[1]) } : undefined,
      };
    })
    .filter((c): c is ClaimRow => c !== undefined);
  return { claims, pools, count, parameters, timestamp, roundTrips: r.roundTrips };
}
