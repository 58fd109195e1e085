/**
 * Claims, shared by the CLI, the scripts, the UI and the tests: read claims (one or a filtered list), explain
 * a claim's outcome in words, and build the governance proposals of the claims module (decide an escalation,
 * slash a fraudulent assessor).
 */
import { type BigNumberish, formatEther, formatUnits } from "ethers";

import type { DAOContracts } from "../rpc/contracts.js";
import { CLAIM_STATES, type ClaimStateName } from "../domain/states.js";
import type { ProposalCall } from "../governance/governance.js";

/** ICoverClaims.Decision, by index: who decided (or will decide) the claim. */
export const DECISIONS = [
  "Pending",
  "Assessors",
  "AssessorsAfterLapsedEscalation",
  "Governance",
  "PriceFeed",
] as const;
export type DecisionName = (typeof DECISIONS)[number];

type Claims = DAOContracts["CoverClaims"];
type ClaimsDAO = Pick<DAOContracts, "CoverClaims" | "StakingVault">;

/** One claim, with everything needed to show and explain it. Times are Unix seconds, 0 when not known. */
export interface ClaimDetail {
  id: bigint;
  coverId: bigint;
  claimant: string;
  /** In the cover's asset, smallest unit. */
  amount: bigint;
  /** Claim deposit in wei (zero for parametric claims). */
  deposit: bigint;
  parametric: boolean;
  state: ClaimStateName;
  decision: DecisionName;
  /** The outcome as it stands: final from `Approved` on, provisional before. */
  approved: boolean;
  yesWeight: bigint;
  noWeight: bigint;
  quorumWeight: bigint;
  /** Total stake the second before filing: the weight that could vote (zero for parametric claims). */
  stakedWeight: bigint;
  filedAt: number;
  votingEnd: number;
  extensions: number;
  cooldownEnd: number;
  escalationDeadline: number;
  finalAt: number;
  redeemableUntil: number;
  lockUntil: number;
  escalator?: string;
  escalationBond: bigint;
  settled: boolean;
}

/** Reads claim `id` (reverts with `ClaimsNotFound` for an unknown id). */
export async function readClaim(dao: ClaimsDAO, id: BigNumberish): Promise<ClaimDetail> {
  const v = await dao.CoverClaims.claim(id);
  const stakedWeight = v.parametric ? 0n : await dao.StakingVault.getPastTotalStake(v.filedAt - 1n);
  return {
    id: v.claimId,
    coverId: v.coverId,
    claimant: v.claimant,
    amount: v.amount,
    deposit: v.deposit,
    parametric: v.parametric,
    state: CLAIM_STATES[Number(v.state)],
    decision: DECISIONS[Number(v.decision)],
    approved: v.approved,
    yesWeight: v.yesWeight,
    noWeight: v.noWeight,
    quorumWeight: v.quorumWeight,
    stakedWeight,
    filedAt: Number(v.filedAt),
    votingEnd: Number(v.votingEnd),
    extensions: Number(v.extensions),
    cooldownEnd: Number(v.cooldownEnd),
    escalationDeadline: Number(v.escalationDeadline),
    finalAt: Number(v.finalAt),
    redeemableUntil: Number(v.redeemableUntil),
    lockUntil: Number(v.lockUntil),
    escalator: v.escalator === "0x0000000000000000000000000000000000000000" ? undefined : v.escalator,
    escalationBond: v.escalationBond,
    settled: v.settled,
  };
}

export interface ClaimFilter {
  /** Only claims in one of these states. */
  states?: ClaimStateName[];
  /** Only claims on this cover. */
  coverId?: bigint;
  /** Only claims this account filed. */
  claimant?: string;
  /** Only claims `voter` has not voted on yet (meaningful with `states: ["Voting"]`). */
  notVotedBy?: string;
}

/** Every claim matching `filter`, newest first (at most `limit`). */
export async function listClaims(
  dao: ClaimsDAO,
  filter: ClaimFilter = {},
  limit = 100,
): Promise<ClaimDetail[]> {
  const count = await dao.CoverClaims.claimCount();
  const found: ClaimDetail[] = [];
  for (let id = count; id >= 1n && found.length < limit; id--) {
    const detail = await readClaim(dao, id);
    if (filter.states && !filter.states.includes(detail.state)) continue;
    if (filter.coverId !== undefined && detail.coverId !== filter.coverId) continue;
    if (filter.claimant && detail.claimant.toLowerCase() !== filter.claimant.toLowerCase()) continue;
    if (filter.notVotedBy) {
      const [voted] = await dao.CoverClaims.ballotOf(id, filter.notVotedBy);
      if (voted) continue;
    }
    found.push(detail);
  }
  return found;
}

/** The evidence URI a claim was filed with, from its `ClaimSubmitted` event (undefined for parametric claims). */
export async function evidenceOf(
  claims: Claims,
  id: BigNumberish,
  fromBlock = 0,
): Promise<string | undefined> {
  const events = await claims.queryFilter(claims.filters.ClaimSubmitted(id), fromBlock);
  return events[0]?.args.evidenceURI;
}

/** A weight (18-decimal token units) in short form: 1.2M, 350k, 12.5. */
export function compactWeight(weight: bigint): string {
  const tokens = Number(formatEther(weight));
  const units: [number, string][] = [
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [size, suffix] of units) {
    if (tokens >= size) return `${trim(tokens / size)}${suffix}`;
  }
  return trim(tokens);
}

const trim = (value: number): string => String(Number(value.toFixed(value >= 100 ? 0 : 1)));

/** `part / whole` as a whole percentage ("72 %"), or "0 %" when `whole` is zero. */
export function percent(part: bigint, whole: bigint): string {
  if (whole === 0n) return "0 %";
  return `${Number((part * 1000n) / whole) / 10} %`;
}

const date = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

export interface ExplainOptions {
  /** Decimals of the cover's asset, for the amount (default 18). */
  assetDecimals?: number;
  /** Symbol of the cover's asset (default none). */
  assetSymbol?: string;
}

/**
 * The claim's state and outcome in one or two plain sentences, e.g. "Approved by assessors: 72 % yes of 1.2M
 * staked weight, quorum 10 % reached (30 % voted); redeemable until 2026-03-01T12:00:00Z."
 */
export function explainClaim(claim: ClaimDetail, options: ExplainOptions = {}): string {
  const units = formatUnits(claim.amount, options.assetDecimals ?? 18).replace(/\.0$/, "");
  const amount = `${units}${options.assetSymbol ? ` ${options.assetSymbol}` : ""}`;
  const head = `Claim ${claim.id} on cover ${claim.coverId} for ${amount}`;
  const votes = claim.yesWeight + claim.noWeight;
  const quorumReached = votes !== 0n && votes >= claim.quorumWeight;
  const quorum = `quorum ${percent(claim.quorumWeight, claim.stakedWeight)} ${quorumReached ? "reached" : "not reached"}`;
  const tally =
    `${percent(claim.yesWeight, votes)} yes of ${compactWeight(claim.stakedWeight)} staked weight, ` +
    `${quorum} (${percent(votes, claim.stakedWeight)} voted)`;
  const outcome = quorumReached ? (claim.approved ? "approve" : "deny") : "deny for lack of quorum";
  const redeemable = `redeemable by the cover's holder until ${date(claim.redeemableUntil)}`;

  switch (claim.state) {
    case "None":
      return `Claim ${claim.id} does not exist.`;
    case "Voting": {
      const extended = claim.extensions > 0 ? ` (extended ${claim.extensions}×)` : "";
      return `${head}: assessors are voting until ${date(claim.votingEnd)}${extended}. So far ${tally}; it would ${outcome}.`;
    }
    case "Cooldown":
      return `${head}: voting closed, assessors ${quorumReached ? (claim.approved ? "approved" : "denied") : "did not reach quorum"} (${tally}). It can be escalated to governance until ${date(claim.cooldownEnd)}.`;
    case "Escalated":
      return `${head}: escalated to governance by ${claim.escalator}${claim.escalationBond > 0n ? ` with a ${formatEther(claim.escalationBond)} ETH bond` : " (guardian, no bond)"}. Governance decides until ${date(claim.escalationDeadline)}; otherwise the assessors' outcome (${quorumReached && claim.approved ? "approved" : "denied"}) stands and the bond is forfeited.`;
    default:
      break;
  }

  const by = decidedBy(claim, tally);
  switch (claim.state) {
    case "Approved":
      return `${head}: approved ${by}; ${redeemable}.`;
    case "Paid":
      return `${head}: approved ${by}; paid to the cover's holder.`;
    case "Expired":
      return `${head}: approved ${by}, but nobody redeemed it before ${date(claim.redeemableUntil)}.`;
    default: {
      const deposit =
        claim.decision !== "Governance" && !quorumReached
          ? "the deposit is returned, less the quorum-miss fee"
          : "the deposit is forfeited to the treasury";
      return `${head}: denied ${by}; ${deposit}${claim.settled ? "" : " when the claim is settled"}.`;
    }
  }
}

function decidedBy(claim: ClaimDetail, tally: string): string {
  switch (claim.decision) {
    case "PriceFeed":
      return "by the price feed (parametric cover: the fall was confirmed on-chain over the product's window)";
    case "Governance":
      return `by governance after an escalation (assessors: ${tally})`;
    case "AssessorsAfterLapsedEscalation":
      return `by assessors, ${tally}; governance did not decide the escalation in time`;
    default:
      return `by assessors: ${tally}`;
  }
}

/** A proposal that decides escalated claim `claimId` (the Timelock calls `resolveEscalation`). */
export async function resolveEscalationProposal(
  dao: Pick<DAOContracts, "CoverClaims">,
  claimId: bigint,
  approve: boolean,
  reasons = "",
): Promise<ProposalCall> {
  const claims = dao.CoverClaims;
  return {
    actions: [
      {
        target: await claims.getAddress(),
        value: 0n,
        calldata: claims.interface.encodeFunctionData("resolveEscalation", [claimId, approve]),
      },
    ],
    description: `# ${approve ? "Approve" : "Deny"} escalated claim ${claimId}\n\n${reasons}`.trimEnd(),
  };
}

/** A proposal that slashes `amount` of `assessor`'s stake for fraudulent assessment (bounded by the vault). */
export async function slashAssessorProposal(
  dao: Pick<DAOContracts, "StakingVault">,
  assessor: string,
  amount: bigint,
  reasons = "",
): Promise<ProposalCall> {
  const staking = dao.StakingVault;
  return {
    actions: [
      {
        target: await staking.getAddress(),
        value: 0n,
        calldata: staking.interface.encodeFunctionData("slash", [assessor, amount]),
      },
    ],
    description:
      `# Slash ${formatEther(amount)} staked tokens of assessor ${assessor}\n\n${reasons}`.trimEnd(),
  };
}
