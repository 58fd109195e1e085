/**
 * Claims with their covers and the caller's votes, in one batch.
 */
import type { Provider, Result } from "ethers";
import {
  CoverBook__factory,
  CoverClaims__factory,
  StakingVault__factory,
} from "../../../../types/ethers-contracts/index.js";
import { type ClaimDetail, DECISIONS } from "../claims/claims.js";
import { type ReadCall, type Reader, blockInfoCall, readCall, readMany, reader } from "../rpc/batch.js";
import type { Deployment } from "../deployment/schema.js";
import { CLAIM_STATES } from "../domain/states.js";
import { type PoolView, readPools, toObject } from "./pools.js";

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
  const { views, ballots, states, parameters, timestamp } = await readClaimViews(
    r,
    provider,
    ids,
    options.account,
  );
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
      const poolAddress = String(more[i * 3 + 1]?.[0] ?? "").toLowerCase();
      return claimRow(v, {
        state: states[i],
        ballot: ballots[i],
        stakedWeight: BigInt(more[i * 3]?.[0] ?? 0n),
        escalationBondRequired: BigInt(more[i * 3 + 2]?.[0] ?? parameters.escalationBond ?? 0n),
        pool: pools.find((p) => p.address.toLowerCase() === poolAddress),
      });
    })
    .filter((c): c is ClaimRow => c !== undefined);
  return { claims, pools, count, parameters, timestamp, roundTrips: r.roundTrips };
}

/** The first batch of {readClaims}: each claim, its live state and `account`'s ballot; the parameters and the clock. */
async function readClaimViews(
  r: Reader,
  provider: Provider,
  ids: readonly bigint[],
  account: string | undefined,
): Promise<{
  views: Record<string, unknown>[];
  states: unknown[];
  ballots: (Result | undefined)[];
  parameters: Record<string, bigint>;
  timestamp: bigint;
}> {
  const claimsAddress = r.deployment.contracts.CoverClaims;
  const per = account ? 3 : 2;
  const calls: ReadCall[] = [];
  for (const id of ids) {
    calls.push(readCall(claimsInterface, claimsAddress, "claim", [id]));
    calls.push(readCall(claimsInterface, claimsAddress, "claimState", [id]));
    if (account) calls.push(readCall(claimsInterface, claimsAddress, "ballotOf", [id, account]));
  }
  const tail = [readCall(claimsInterface, claimsAddress, "parameters")];
  const clockCall = blockInfoCall(r.deployment);
  if (clockCall) tail.push(clockCall);
  const results = await readMany(r, [...calls, ...tail]);
  const parameters = Object.fromEntries(
    Object.entries(toObject(results[calls.length]?.[0] as Result | undefined)).map(([k, v]) => [
      k,
      BigInt(v as bigint),
    ]),
  );
  const info = clockCall ? results[calls.length + 1] : undefined;
  const timestamp = info ? BigInt(info[1]) : BigInt((await provider.getBlock("latest"))?.timestamp ?? 0);
  return {
    views: ids.map((_, i) => toObject(results[i * per]?.[0] as Result | undefined)),
    states: ids.map((_, i) => results[i * per + 1]?.[0]),
    ballots: ids.map((_, i) => (account ? results[i * per + 2] : undefined)),
    parameters,
    timestamp,
  };
}

/** What {claimRow} takes from reads other than the claim's own struct. */
interface ClaimRowReads {
  /** `claimState`'s answer. */
  state: unknown;
  ballot: Result | undefined;
  /** The total stake when the claim was filed. */
  stakedWeight: bigint;
  escalationBondRequired: bigint;
  pool: PoolView | undefined;
}

/** One claim's row from its `claim` struct `v` and the other reads about it. */
function claimRow(v: Record<string, unknown>, reads: ClaimRowReads): ClaimRow {
  const big = (key: string) => BigInt((v[key] as bigint | undefined) ?? 0n);
  const num = (key: string) => Number(big(key));
  const { ballot } = reads;
  const escalator = String(v.escalator ?? "");
  return {
    id: big("claimId"),
    coverId: big("coverId"),
    claimant: String(v.claimant),
    amount: big("amount"),
    deposit: big("deposit"),
    parametric: Boolean(v.parametric),
    // `claimState` is the live state (a lapsed vote reads as Cooldown before anyone settles it).
    state: CLAIM_STATES[Number(reads.state ?? v.state ?? 0n)],
    decision: DECISIONS[num("decision")],
    approved: Boolean(v.approved),
    yesWeight: big("yesWeight"),
    noWeight: big("noWeight"),
    quorumWeight: big("quorumWeight"),
    stakedWeight: v.parametric ? 0n : reads.stakedWeight,
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
    escalationBondRequired: reads.escalationBondRequired,
    settled: Boolean(v.settled),
    pool: reads.pool,
    ballot: ballot
      ? { voted: Boolean(ballot[0]), support: Boolean(ballot[1]), rewarded: Boolean(ballot[2]) }
      : undefined,
  };
}
