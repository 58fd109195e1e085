/**
 * Turns a revert into plain words. Custom errors are decoded against every known ABI and rendered
 * with their arguments; common OpenZeppelin errors get a sentence of their own.
 */
import { ErrorDescription, Interface, Utf8ErrorFuncs, formatEther, formatUnits, toUtf8String } from "ethers";

import { CONTRACT_NAMES } from "../deployment/schema.js";
import { CLAIM_STATES, CLAIM_STATE_WORDS, PROPOSAL_STATES } from "../domain/states.js";
import { LOCAL_FACTORIES, contractInterface } from "../rpc/contracts.js";
import { plainDecimal } from "./decimals.js";
import { duration } from "./durations.js";
import { utcMinute } from "./times.js";

export interface DecodedError {
  name: string;
  args: Record<string, unknown>;
  message: string;
}

let merged: Interface | undefined;

/** One interface holding every custom error of every known contract (duplicates collapse). */
export function allErrors(): Interface {
  if (!merged) {
    const fragments = new Map<string, string>();
    // With the local test contracts' errors too (the faucet's limit, the settable feed's checks).
    const local = Object.values(LOCAL_FACTORIES).map((factory) => factory.createInterface());
    for (const iface of [...CONTRACT_NAMES.map(contractInterface), ...local]) {
      for (const fragment of iface.fragments) {
        if (fragment.type === "error") fragments.set(fragment.format("sighash"), fragment.format("full"));
      }
    }
    merged = new Interface([...fragments.values()]);
  }
  return merged;
}

const bytes32Text = (value: unknown): string => {
  if (typeof value !== "string" || !value.startsWith("0x")) return String(value);
  const hex = value.slice(2).replace(/(00)+$/, "");
  // ethers' decoder rather than Buffer, so that the browser decodes errors too.
  return toUtf8String(`0x${hex}`, Utf8ErrorFuncs.replace);
};

/** A risk-change key in words: a parameter name ("quorumBps"), or a product id for a queued product update. */
const TERMS_KEY_FLAG = 1n << 255n;
const riskParameter = (key: unknown): string => {
  const value = typeof key === "string" && key.startsWith("0x") ? BigInt(key) : 0n;
  // CoverBook's keys: a product's own id, or its id with the top bit set for its parametric trigger rule.
  if (value >= TERMS_KEY_FLAG && value - TERMS_KEY_FLAG < 2n ** 64n)
    return `product ${value - TERMS_KEY_FLAG}'s trigger rule`;
  return value > 0n && value < 2n ** 64n ? `product ${value}'s terms` : bytes32Text(key);
};

/** When something becomes possible, seen from `now`: "2026-12-09 14:02 UTC, in 2 days 3 hours". */
export function whenFromNow(at: number | bigint, now: number | bigint): string {
  const left = Number(at) - Number(now);
  return `${utcMinute(at)}, ${left > 0 ? `in ${duration(left, 2)}` : "now"}`;
}

const when = (timestamp: unknown): string =>
  new Date(Number(timestamp) * 1000).toISOString().replace(".000Z", "Z");

/** A claim state (an enum index) in words: "in its cooldown"; the raw value when out of range. */
const claimStateWords = (value: unknown): string => {
  const name = CLAIM_STATES[Number(value)];
  return name ? CLAIM_STATE_WORDS[name] : String(value);
};

/** Sentences for errors a user meets; anything else is rendered generically from its ABI. */
/**
 * What a sentence needs to write amounts for people: the asset the transaction moves (a pool's WETH or
 * stablecoin). Without it, pool and cover amounts are written in the asset's smallest unit.
 */
export interface ErrorContext {
  asset?: { decimals: number; symbol: string };
  /** Decimals of price-feed answers (Chainlink USD feeds: 8, the default). */
  priceDecimals?: number;
}

/** A feed answer in human units: 99500000 → "0.995" (8 decimals unless the context says otherwise). */
const feedPrice = (value: unknown, ctx: ErrorContext): string => {
  if (typeof value !== "bigint") return String(value);
  return plainDecimal(value, ctx.priceDecimals ?? 8);
};

/** An amount of the transaction's asset: "0.0105 WETH" with a context, the raw integer without one. */
const assetAmount = (value: unknown, ctx: ErrorContext): string => {
  if (!ctx.asset || typeof value !== "bigint") return String(value);
  return `${plainDecimal(value, ctx.asset.decimals)} ${ctx.asset.symbol}`;
};

const SENTENCES: Record<string, (a: Record<string, unknown>, ctx: ErrorContext) => string> = {
  StakingInsufficientStake: (a) =>
    `You asked for ${formatUnits(a.requested as bigint)} but only ${formatUnits(a.available as bigint)} is staked.`,
  StakingCooldownNotOver: (a) =>
    `The unstake cooldown is not over: you can withdraw from ${when(a.readyAt)}.`,
  StakingWithdrawalWindowClosed: (a) =>
    `The withdrawal window closed at ${when(a.expiredAt)}; request to unstake again.`,
  StakingStakeLocked: (a) => `Your stake is locked until ${when(a.until)} by a claim you voted on.`,
  StakingNoUnstakeRequest: () => `There is no pending unstake request.`,
  StakingZeroAmount: () => `The amount must be greater than zero.`,
  StakingSlashAboveBound: (a) =>
    `A slash of ${formatUnits(a.amount as bigint)} exceeds what the slashing bound still allows in this staker's slash window (${formatUnits(a.maxAmount as bigint)}): slashes within one window share one bound, whatever the number of calls or proposals.`,
  StakingParameterOutOfBounds: (a) =>
    `${bytes32Text(a.parameter)} must be between ${a.min} and ${a.max}; ${a.value} was given.`,
  GovernorParameterOutOfBounds: (a) =>
    `${bytes32Text(a.parameter)} must be between ${a.min} and ${a.max}; ${a.value} was given.`,
  TimelockDelayOutOfBounds: (a) =>
    `The timelock delay must be between ${duration(a.min)} and ${duration(a.max)}; ${duration(a.delay)} was given.`,
  GuardianPausedUntil: (a) => `This action is paused by the guardian until ${when(a.until)}.`,
  GuardianPauseCoolingDown: (a) => `The guardian cannot pause again before ${when(a.allowedAt)}.`,
  GuardianPauseDurationOutOfBounds: (a) =>
    `A pause must last between ${duration(a.min)} and ${duration(a.max)}; ${duration(a.duration)} was given.`,
  AccessManagedUnauthorized: (a) => `${a.caller} is not allowed to call this function (governance only).`,
  GovernorInsufficientProposerVotes: (a) =>
    `You need ${formatUnits(a.threshold as bigint)} votes to propose; ${a.proposer} has ${formatUnits(a.votes as bigint)}.`,
  GovernorUnexpectedProposalState: (a) =>
    `The proposal is ${PROPOSAL_STATES[Number(a.current)] ?? a.current}, which does not allow this action.`,
  GovernorAlreadyCastVote: (a) => `${a.voter} has already voted on this proposal.`,
  GovernorOnlyExecutor: (a) => `${a.account} is not the Timelock: only governance may do this.`,
  GovernorUnableToCancel: (a) => `${a.account} may not cancel this proposal.`,
  GovernorInvalidSignature: (a) => `The vote signature does not belong to ${a.voter}.`,
  ERC20InsufficientBalance: (a) =>
    `Balance too low: ${formatUnits(a.balance as bigint)} available, ${formatUnits(a.needed as bigint)} needed.`,
  ERC20InsufficientAllowance: (a) =>
    `Allowance too low: ${formatUnits(a.allowance as bigint)} approved, ${formatUnits(a.needed as bigint)} needed.`,
  GovernanceTokenDirectVaultTransfer: () =>
    `Tokens cannot be sent to the staking vault directly: use stake, which keeps your votes.`,
  TimelockUnexpectedOperationState: () =>
    `The Timelock operation is not ready for this step (check its ETA).`,
  // Pools. Amounts are in the asset's smallest unit (wei for WETH, 1e-6 for a 6-decimal stablecoin).
  PoolZeroAmount: () => `The amount must be greater than zero.`,
  PoolZeroShares: (a, ctx) =>
    `A deposit of ${assetAmount(a.assets, ctx)} is worth less than one pool share at today's price, so it would buy nothing: deposit more.`,
  PoolZeroAddress: () => `The zero address is not allowed here.`,
  PoolNoWithdrawalRequest: (a) => `${a.owner} has no pending withdrawal request.`,
  PoolWithdrawalCooldown: (a) =>
    `The withdrawal cooldown is not over: you can complete from ${when(a.readyAt)}.`,
  PoolWithdrawalNotCancellable: (a) =>
    `Only the owner may cancel this withdrawal request before its window closes at ${when(a.expiresAt)}.`,
  PoolNoFreeCapital: (a, ctx) =>
    `Active covers require ${assetAmount(a.requiredCapital, ctx)} of the pool's ${assetAmount(a.capital, ctx)} capital (net of open claims): nothing can be withdrawn now; try again when covers expire or claims are settled.`,
  PoolCapacityExceeded: (a, ctx) =>
    `The pool can back ${assetAmount(a.available, ctx)} more cover; ${assetAmount(a.amount, ctx)} was asked.`,
  PoolInvalidCover: () => `A cover must carry a premium and end in the future.`,
  PoolLiabilityExceeded: (a, ctx) =>
    `Only ${assetAmount(a.open, ctx)} of claims are booked as liabilities of the pool; a claim of ${assetAmount(a.amount, ctx)} was never filed there, so it cannot be paid or released.`,
  PoolRewardExceedsPot: (a, ctx) =>
    `The assessor-reward pot holds ${assetAmount(a.pot, ctx)}; a reward of ${assetAmount(a.amount, ctx)} was asked.`,
  PoolExpiriesPending: (a) =>
    `The pool's books stop at ${when(a.accruedUntil)}: call processExpiries to catch up, then try again.`,
  PoolNoPayoutCredit: (a) => `${a.account} has no credited claim payment in this pool.`,
  PoolParameterOutOfBounds: (a) =>
    `${bytes32Text(a.parameter)} must be between ${a.min} and ${a.max}; ${a.value} was given.`,
  ERC4626ExceededMaxRedeem: () =>
    `Pool shares leave through a withdrawal request: request, wait the cooldown, then complete it.`,
  ERC4626ExceededMaxWithdraw: () =>
    `Pool shares leave through a withdrawal request: request, wait the cooldown, then complete it.`,
  ERC4626ExceededMaxDeposit: () => `Deposits into this pool are paused.`,
  // Covers.
  CoverProductNotFound: (a) => `There is no product ${a.productId}.`,
  CoverProductInactive: (a) => `Product ${a.productId} does not sell new covers at the moment.`,
  CoverNotFound: (a) => `There is no cover ${a.coverId}.`,
  CoverZeroAmount: () => `The cover amount must be greater than zero.`,
  CoverPeriodOutOfRange: (a) =>
    `This product sells covers of ${duration(a.min)} to ${duration(a.max)}; ${duration(a.period)} was asked.`,
  CoverPremiumAboveMax: (a, ctx) =>
    `The premium is now ${assetAmount(a.premium, ctx)}, above your maximum of ${assetAmount(a.maxPremium, ctx)}: refresh the quote and try again.`,
  CoverInsufficientCapacity: (a, ctx) =>
    `Product ${a.productId} can sell ${assetAmount(a.available, ctx)} more cover; ${assetAmount(a.requested, ctx)} was asked.`,
  CoverPayoutExceedsRemaining: (a, ctx) =>
    `Cover ${a.coverId} can pay at most ${assetAmount(a.remaining, ctx)} more; ${assetAmount(a.amount, ctx)} was asked.`,
  CoverParameterOutOfBounds: (a) =>
    `${bytes32Text(a.parameter)} must be between ${a.min} and ${a.max}; ${a.value} was given.`,
  CoverInvalidProduct: (a) => `The product's ${bytes32Text(a.reason)} is invalid.`,
  CoverZeroAddress: () => `The zero address is not allowed here.`,
  CoverAmountBelowMinimum: (a, ctx) =>
    `Product ${a.productId} sells covers of at least ${assetAmount(a.minimum, ctx)}; ${assetAmount(a.amount, ctx)} was asked.`,
  CoverProductNotParametric: (a) => `Product ${a.productId} has no price feed: it is not parametric.`,
  CoverParametricTermsUnset: (a) =>
    `Product ${a.productId} has no trigger rule yet (confirmation window, recovery price, heartbeat): it cannot sell until governance sets one.`,
  CoverFeedRoundIncomplete: (a) =>
    `The price feed's latest round ${a.roundId} is incomplete: no cover is sold until the feed answers again.`,
  CoverFeedInvalidAnswer: (a, ctx) =>
    `The price feed's latest round ${a.roundId} answered ${feedPrice(a.answer, ctx)}, not a valid price: no cover is sold.`,
  CoverFeedStale: (a) =>
    `The price feed last updated at ${when(a.updatedAt)}, more than its heartbeat and tolerance (${duration(a.maxAge)}) ago: no cover is sold while the feed is stale.`,
  CoverPriceNearTrigger: (a, ctx) =>
    `The price is ${feedPrice(a.answer, ctx)}, at or below the trigger plus buffer (${feedPrice(a.floor, ctx)}): cover is not sold during or just before a depeg.`,
  CoverTriggerInConfirmation: (a) =>
    `Round ${a.roundId} fell to the trigger and its confirmation window runs until ${when(a.windowEnd)}: cover is not sold until the price recovers or the window ends.`,
  CoverSequencerDown: () =>
    `The L2 sequencer is down: prices cannot be trusted, so no parametric cover is sold.`,
  CoverSequencerGracePeriod: (a) =>
    `The L2 sequencer came back at ${when(a.upSince)}; parametric cover is sold again from ${when(a.graceEnd)}.`,
  // Claims. Deposits and bonds are in ETH; claim amounts in the cover's asset (smallest unit).
  ClaimsNotFound: (a) => `There is no claim ${a.claimId}.`,
  ClaimsUnexpectedState: (a) =>
    `Claim ${a.claimId} is ${claimStateWords(a.current)}; this needs it ${claimStateWords(a.expected)}.`,
  ClaimsNotCoverHolder: (a) =>
    `Only the holder of cover ${a.coverId} (${a.holder}) may do this, not ${a.caller}.`,
  ClaimsOutsideFilingWindow: (a) =>
    `Claims on cover ${a.coverId} can be filed from ${when(a.start)} until ${when(a.deadline)} (cover period plus grace period).`,
  ClaimsAmountAboveCover: (a, ctx) =>
    `Cover ${a.coverId} can pay at most ${assetAmount(a.remaining, ctx)} more; a claim of ${assetAmount(a.amount, ctx)} was filed.`,
  ClaimsZeroAmount: () => `The claim amount must be greater than zero.`,
  ClaimsWrongDeposit: (a) =>
    `A claim needs a deposit of exactly ${formatEther(a.required as bigint)} ETH; ${formatEther(a.sent as bigint)} ETH was sent.`,
  ClaimsCoverHasOpenClaim: (a) =>
    `Cover ${a.coverId} already has claim ${a.claimId} open or awaiting redemption.`,
  ClaimsProductIsParametric: (a) =>
    `Product ${a.productId} is parametric: file with a price-feed round (submitParametricClaim) instead.`,
  ClaimsProductNotParametric: (a) =>
    `Product ${a.productId} is assessed by stakers: file a claim with evidence and a deposit instead.`,
  ClaimsAlreadyVoted: (a) => `${a.voter} has already voted on claim ${a.claimId}.`,
  ClaimsNoWeight: (a) =>
    `${a.voter} had no stake when claim ${a.claimId} was filed; only stake held before filing counts.`,
  ClaimsWrongBond: (a) =>
    `An escalation of this claim needs a bond of at least ${formatEther(a.required as bigint)} ETH (more for a claim that is a large share of its pool); ${formatEther(a.sent as bigint)} ETH was sent.`,
  ClaimsEscalationLapsed: (a) =>
    `Governance could decide claim ${a.claimId} until ${when(a.deadline)}; the assessors' outcome now stands.`,
  ClaimsNoReward: (a) => `${a.voter} did not vote on claim ${a.claimId} or has already taken the reward.`,
  ClaimsRewardWithoutQuorum: (a) => `Claim ${a.claimId} did not reach quorum: it pays no assessor reward.`,
  ClaimsAlreadySettled: (a) => `Claim ${a.claimId} is already settled.`,
  ClaimsNoCredit: (a) => `${a.account} has no refund waiting.`,
  ClaimsTransferFailed: (a) => `Sending ${formatEther(a.amount as bigint)} ETH to ${a.to} failed.`,
  ClaimsParameterOutOfBounds: (a) =>
    `${bytes32Text(a.parameter)} must be between ${a.min} and ${a.max}; ${a.value} was given.`,
  ClaimsZeroAddress: () => `The zero address is not allowed here.`,
  ClaimsOracleRoundUnavailable: (a) => `The price feed has no round ${a.roundId}.`,
  ClaimsOracleRoundIncomplete: (a) =>
    `Round ${a.roundId} of the price feed is incomplete (answered in round ${a.answeredInRound}, updated at ${a.updatedAt}).`,
  ClaimsOracleInvalidAnswer: (a) =>
    `Round ${a.roundId} answered ${a.answer}: only a positive price can prove a trigger.`,
  ClaimsOracleRoundOutsideCover: (a) =>
    `Round ${a.roundId} was published at ${when(a.updatedAt)}, outside the cover period (${when(a.start)} to ${when(a.end)}).`,
  ClaimsOracleTriggerNotReached: (a) =>
    `Round ${a.roundId} answered ${a.answer}, above the product's trigger of ${a.trigger}.`,
  ClaimsOracleRoundStale: (a) =>
    `Round ${a.roundId} is stale: the feed's next update came ${duration(BigInt(a.nextUpdatedAt as bigint) - BigInt(a.updatedAt as bigint))} later, more than the allowed ${duration(a.maxGap)} (heartbeat plus tolerance).`,
  ClaimsOracleRoundBeforeWaitingPeriod: (a) =>
    `Round ${a.roundId} was published at ${when(a.updatedAt)}, before the cover's waiting period ended at ${when(a.countsFrom)}: it proves nothing for this cover.`,
  ClaimsOracleNotFirstTriggerRound: (a) =>
    `Round ${a.roundId} is not the first round of the fall: round ${a.previousRoundId} was already at or below the trigger; name that one.`,
  ClaimsOracleFalseAlarm: (a, ctx) =>
    `A false alarm: after round ${a.roundId}, round ${a.recoveryRoundId} recovered to ${feedPrice(a.answer, ctx)}, at or above the recovery price of ${feedPrice(a.recovery, ctx)}, inside the confirmation window.`,
  ClaimsOracleWindowOpen: (a) =>
    `The confirmation window after round ${a.roundId} runs until ${when(a.windowEnd)}: the claim can be filed after it, if the price stays below the recovery price.`,
  ClaimsOracleWindowTooLong: (a) =>
    `The confirmation window after round ${a.roundId} holds more than ${a.maxRounds} rounds: too many to check in one transaction.`,
  ClaimsSequencerDown: () =>
    `The L2 sequencer is down: prices cannot be trusted, so no parametric claim is approved.`,
  ClaimsSequencerGracePeriod: (a) =>
    `The L2 sequencer came back at ${when(a.upSince)}; parametric claims are approved again from ${when(a.graceEnd)}.`,
  ClaimsParametricNoLoss: (a, ctx) =>
    `The price at the end of the window, ${feedPrice(a.endAnswer, ctx)}, is not below the reference of ${feedPrice(a.referencePrice, ctx)}: there is no loss to pay.`,
  ClaimsTriggerAlreadyClaimed: (a) =>
    `Cover ${a.coverId} was already paid for the fall confirmed until ${when(a.claimedUntil)}; round ${a.roundId} belongs to it.`,
  // Risk changes that wait for the underwriters' exit time (RiskChangeDelay).
  RiskChangeNotQueued: (a) =>
    `No change of ${riskParameter(a.parameter)} is waiting to apply: governance has not raised it, or it already applied.`,
  RiskChangeNotYetEffective: (a) =>
    `The new ${riskParameter(a.parameter)} raises the pool's risk, so it applies only from ${when(a.effectiveAt)}, in ${duration(BigInt(a.effectiveAt as bigint) - BigInt(a.nowTime as bigint))}: underwriters can leave first.`,
  TestStablecoinMintTooLarge: (a) => `The faucet mints at most ${formatUnits(a.max as bigint, 6)} per call.`,
  ReentrancyGuardReentrantCall: () => `Reentrant call refused.`,
};

/** Finds revert data in the shapes ethers and providers nest it. */
export function revertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (value: unknown): string | undefined => {
    if (value === null || typeof value !== "object" || seen.has(value)) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.data === "string" && /^0x[0-9a-fA-F]{8}/.test(record.data)) return record.data;
    for (const key of ["error", "info", "cause", "data", "revert"]) {
      const found = walk(record[key]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(error);
}

/** Decodes revert data (or an error carrying it) into a name, arguments and a sentence. */
export function decodeError(errorOrData: unknown, ctx: ErrorContext = {}): DecodedError | undefined {
  const data = typeof errorOrData === "string" ? errorOrData : revertData(errorOrData);
  if (!data) return undefined;
  let parsed: ErrorDescription | null = null;
  try {
    parsed = allErrors().parseError(data);
  } catch {
    parsed = null;
  }
  if (!parsed) return undefined;
  const args: Record<string, unknown> = {};
  parsed.fragment.inputs.forEach((input, index) => {
    args[input.name || String(index)] = parsed!.args[index];
  });
  const sentence = SENTENCES[parsed.name];
  const message = sentence
    ? sentence(args, ctx)
    : `${parsed.name}(${parsed.fragment.inputs.map((input, i) => `${input.name}=${parsed!.args[i]}`).join(", ")})`;
  return { name: parsed.name, args, message };
}

/** A plain sentence for any error: decoded custom error, Error(string), or the error's own message. */
export function explainError(error: unknown, ctx: ErrorContext = {}): string {
  const decoded = decodeError(error, ctx);
  if (decoded) return decoded.message;
  const reason = (error as { reason?: string })?.reason;
  if (reason) return reason;
  return (error as Error)?.message ?? String(error);
}
