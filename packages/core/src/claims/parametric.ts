/**
 * Parametric claims (browser-safe, no `node:` import): for a cover of a parametric product, the recent rounds
 * of the product's price feed, each judged as `CoverClaims.submitParametricClaim` would judge it if named as
 * the trigger round now ({judgeTrigger}, the TypeScript twin of `OracleRounds.confirmTrigger`): the first
 * complete round at or below the trigger after the cover's waiting period, whose confirmation window has
 * passed with every round below the recovery price and the feed reporting within its heartbeat plus
 * tolerance; and what it pays ({parametricPayout}: full, or the loss at the end of the window). Used by the
 * UI's parametric claim form, the CLI and the tests (which check, round by round, that the contract agrees).
 *
 * The walk goes back from `latestRoundData` through `getRoundData` (one batched round trip), at most
 * {MAX_ROUNDS} rounds, and stops at the first round updated before the cover started, at a round the feed
 * does not have, or at the start of the feed's current aggregator phase (Chainlink round ids carry the phase
 * in their top 16 bits: the round before the first of a phase is another aggregator's).
 */
import { type Provider, type Result, getAddress, zeroPadValue } from "ethers";

import {
  AggregatorV3Interface__factory,
  CoverBook__factory,
  CoverClaims__factory,
} from "../../../../types/ethers-contracts/index.js";
import type { Deployment } from "../deployment/schema.js";
import { PAYOUT_RULES, type PayoutRule } from "../domain/products.js";
import { CLAIM_STATES, type ClaimStateName } from "../domain/states.js";
import { plainDecimal } from "../format/decimals.js";
import { spellDuration } from "../format/durations.js";
import { spellTime } from "../format/times.js";
import { type PoolView, readPools } from "../reads/index.js";
import { type Reader, blockInfoCall, readCall, readMany, reader } from "../rpc/batch.js";

/** How many rounds the walk reads at most. */
export const MAX_ROUNDS = 50;

/** Chainlink's AggregatorV3Interface, as the claims module reads the product's feed. */
export const aggregatorInterface = AggregatorV3Interface__factory.createInterface();

const bookInterface = CoverBook__factory.createInterface();
const claimsInterface = CoverClaims__factory.createInterface();

/** One round of a feed as `getRoundData` answers it. */
export interface FeedRound {
  roundId: bigint;
  answer: bigint;
  updatedAt: bigint;
  answeredInRound: bigint;
}

/** Chainlink proxy round ids carry the aggregator phase in their top bits: `(phaseId << 64) | aggregatorRound`. */
const PHASE_SHIFT = 64n;
/** `OracleRounds.MAX_WINDOW_ROUNDS`: most rounds one confirmation window may hold. */
export const MAX_WINDOW_ROUNDS = 2_000n;

/**
 * What a trigger round is judged against, as `CoverClaims.submitParametricClaim` builds `OracleRounds.Rule`:
 * the cover, the product's trigger rule and the clock.
 */
export interface TriggerRules {
  /** Rounds updated before this second prove nothing: the cover's start plus the product's waiting period. */
  countsFrom: bigint;
  /** The cover's end: the trigger round must be updated before it. */
  coverEnd: bigint;
  /** The trigger and the recovery price, in the feed's decimals. */
  trigger: bigint;
  recovery: bigint;
  /** The confirmation window, seconds. */
  window: bigint;
  /** The longest gap between two rounds: the product's heartbeat plus its tolerance, seconds. */
  maxGap: bigint;
  /** The chain's time (the latest block's timestamp). */
  now: bigint;
}

/** Why a named round is not a confirmed trigger: the contract's first failed check, with the error it reverts with. */
export type TriggerProblem =
  | { kind: "unavailable"; error: "ClaimsOracleRoundUnavailable" }
  | { kind: "incomplete"; error: "ClaimsOracleRoundIncomplete"; roundId: bigint; answeredInRound: bigint }
  | { kind: "notPositive"; error: "ClaimsOracleInvalidAnswer"; roundId: bigint; answer: bigint }
  | { kind: "beforeWaitingPeriod"; error: "ClaimsOracleRoundBeforeWaitingPeriod" }
  | { kind: "afterCover"; error: "ClaimsOracleRoundOutsideCover" }
  | { kind: "aboveTrigger"; error: "ClaimsOracleTriggerNotReached" }
  | { kind: "notFirst"; error: "ClaimsOracleNotFirstTriggerRound"; previousRoundId: bigint }
  /** `gap`: from round `roundId` to the next round (or to the end of the window), more than `maxGap`. */
  | { kind: "stale"; error: "ClaimsOracleRoundStale"; roundId: bigint; gap: bigint; windowEnd: boolean }
  | { kind: "falseAlarm"; error: "ClaimsOracleFalseAlarm"; recoveryRoundId: bigint; answer: bigint }
  | { kind: "tooManyRounds"; error: "ClaimsOracleWindowTooLong" }
  | { kind: "windowOpen"; error: "ClaimsOracleWindowOpen"; windowEnd: bigint };

/** A confirmed trigger: the window and its last round, whose price measures the loss. */
export interface Confirmation {
  triggerAnswer: bigint;
  triggeredAt: bigint;
  windowEnd: bigint;
  endRoundId: bigint;
  endAnswer: bigint;
  /** Rounds walked after the trigger round. */
  rounds: bigint;
}

export type TriggerVerdict =
  { ok: true; confirmation: Confirmation } | { ok: false; problem: TriggerProblem };

/** Reads one round as the feed answers `getRoundData`; undefined when the feed reverts (does not have it). */
export type RoundLookup = (roundId: bigint) => FeedRound | undefined;

/** The round after `roundId`: the next of its phase, else round 1 of the next phase (undefined: none yet). */
export function nextRound(lookup: RoundLookup, roundId: bigint): FeedRound | undefined {
  const same = lookup(roundId + 1n);
  if (same && same.updatedAt !== 0n) return same;
  const next = lookup((((roundId >> PHASE_SHIFT) + 1n) << PHASE_SHIFT) | 1n);
  return next && next.updatedAt !== 0n ? next : undefined;
}

/**
 * The contract's verdict on naming `roundId` as a trigger round (`OracleRounds.confirmTrigger`), check by
 * check in its order: the round itself (present, complete, positive, after the waiting period, before the
 * cover's end, at or below the trigger), the first of its fall (the round before it in its phase is not a
 * trigger round), then the rounds of the confirmation window (complete, positive, within `maxGap` of the
 * previous, below the recovery price), the window over, and the feed live to its end.
 */
export function judgeTrigger(lookup: RoundLookup, roundId: bigint, rules: TriggerRules): TriggerVerdict {
  const r = lookup(roundId);
  if (!r || r.updatedAt === 0n)
    return { ok: false, problem: { kind: "unavailable", error: "ClaimsOracleRoundUnavailable" } };
  const problem = triggerRoundProblem(lookup, roundId, r, rules);
  if (problem) return { ok: false, problem };
  const c: Confirmation = {
    triggerAnswer: r.answer,
    triggeredAt: r.updatedAt,
    windowEnd: r.updatedAt + rules.window,
    endRoundId: roundId,
    endAnswer: r.answer,
    rounds: 0n,
  };
  const windowProblem = confirmWindow(lookup, c, rules);
  return windowProblem ? { ok: false, problem: windowProblem } : { ok: true, confirmation: c };
}

/** {judgeTrigger}'s checks of the named round `r` itself and of the round before it in its phase. */
function triggerRoundProblem(
  lookup: RoundLookup,
  roundId: bigint,
  r: FeedRound,
  rules: TriggerRules,
): TriggerProblem | undefined {
  if (r.answeredInRound < roundId)
    return {
      kind: "incomplete",
      error: "ClaimsOracleRoundIncomplete",
      roundId,
      answeredInRound: r.answeredInRound,
    };
  if (r.answer <= 0n)
    return { kind: "notPositive", error: "ClaimsOracleInvalidAnswer", roundId, answer: r.answer };
  if (r.updatedAt < rules.countsFrom)
    return { kind: "beforeWaitingPeriod", error: "ClaimsOracleRoundBeforeWaitingPeriod" };
  if (r.updatedAt >= rules.coverEnd) return { kind: "afterCover", error: "ClaimsOracleRoundOutsideCover" };
  if (r.answer > rules.trigger) return { kind: "aboveTrigger", error: "ClaimsOracleTriggerNotReached" };
  if ((roundId & ((1n << PHASE_SHIFT) - 1n)) > 1n) {
    const before = lookup(roundId - 1n);
    if (
      before &&
      before.updatedAt >= rules.countsFrom &&
      before.answeredInRound >= roundId - 1n &&
      before.answer > 0n &&
      before.answer <= rules.trigger
    )
      return {
        kind: "notFirst",
        error: "ClaimsOracleNotFirstTriggerRound",
        previousRoundId: roundId - 1n,
      };
  }
  return undefined;
}

/**
 * {judgeTrigger}'s walk through the confirmation window after the trigger round: moves `c`'s end round along
 * and counts its rounds; the first problem found, or undefined when the window confirms the trigger.
 */
function confirmWindow(
  lookup: RoundLookup,
  c: Confirmation,
  rules: TriggerRules,
): TriggerProblem | undefined {
  let lastAt = c.triggeredAt;
  for (
    let n = nextRound(lookup, c.endRoundId);
    n && n.updatedAt < c.windowEnd;
    n = nextRound(lookup, n.roundId)
  ) {
    if (n.answeredInRound < n.roundId)
      return {
        kind: "incomplete",
        error: "ClaimsOracleRoundIncomplete",
        roundId: n.roundId,
        answeredInRound: n.answeredInRound,
      };
    if (n.answer <= 0n)
      return {
        kind: "notPositive",
        error: "ClaimsOracleInvalidAnswer",
        roundId: n.roundId,
        answer: n.answer,
      };
    if (n.updatedAt < lastAt || n.updatedAt - lastAt > rules.maxGap)
      return {
        kind: "stale",
        error: "ClaimsOracleRoundStale",
        roundId: c.endRoundId,
        gap: n.updatedAt - lastAt,
        windowEnd: false,
      };
    if (n.answer >= rules.recovery)
      return {
        kind: "falseAlarm",
        error: "ClaimsOracleFalseAlarm",
        recoveryRoundId: n.roundId,
        answer: n.answer,
      };
    c.rounds += 1n;
    if (c.rounds > MAX_WINDOW_ROUNDS) return { kind: "tooManyRounds", error: "ClaimsOracleWindowTooLong" };
    lastAt = n.updatedAt;
    c.endRoundId = n.roundId;
    c.endAnswer = n.answer;
  }
  if (rules.now < c.windowEnd)
    return { kind: "windowOpen", error: "ClaimsOracleWindowOpen", windowEnd: c.windowEnd };
  if (c.windowEnd - lastAt > rules.maxGap)
    return {
      kind: "stale",
      error: "ClaimsOracleRoundStale",
      roundId: c.endRoundId,
      gap: c.windowEnd - lastAt,
      windowEnd: true,
    };
  return undefined;
}

/**
 * What a confirmed trigger pays on `amount` (`CoverClaims._parametricPayout`): all of it, or
 * `amount × (1 − endAnswer / reference)`, rounded down; zero when the end price is not below the reference.
 */
export function parametricPayout(
  amount: bigint,
  rule: PayoutRule,
  reference: bigint,
  endAnswer: bigint,
): bigint {
  if (rule === "Full") return amount;
  if (endAnswer >= reference) return 0n;
  return (amount * (reference - endAnswer)) / reference;
}

/** A feed answer in human units: 95000000 with 8 decimals → "0.95". */
export function formatPrice(answer: bigint, decimals: number): string {
  return plainDecimal(answer, decimals);
}

/** How to write prices and durations in a sentence. */
export interface WordingContext {
  /** The feed's decimals. */
  decimals: number;
  /** The unit of the feed's answers, e.g. "USD" (none by default). */
  unit?: string;
  trigger: bigint;
  recovery: bigint;
  maxGap: bigint;
}

/** One problem in words, e.g. "above the trigger (0.997 USD > 0.995 USD)". */
export function describeProblem(problem: TriggerProblem, round: FeedRound, context: WordingContext): string {
  const price = (value: bigint) =>
    `${formatPrice(value, context.decimals)}${context.unit ? ` ${context.unit}` : ""}`;
  switch (problem.kind) {
    case "unavailable":
      return "not on the feed";
    case "incomplete":
      return problem.roundId === round.roundId
        ? `incomplete (answered in round ${problem.answeredInRound})`
        : `round ${problem.roundId} inside the window is incomplete`;
    case "notPositive":
      return problem.roundId === round.roundId
        ? `not a valid price (${price(round.answer)})`
        : `round ${problem.roundId} inside the window is not a valid price (${price(problem.answer)})`;
    case "beforeWaitingPeriod":
      return "updated before the cover's waiting period ended: it proves nothing for this cover";
    case "afterCover":
      return "updated after the cover ended";
    case "aboveTrigger":
      return `above the trigger (${price(round.answer)} > ${price(context.trigger)})`;
    case "notFirst":
      return `not the first round of the fall: round ${problem.previousRoundId} was already at or below the trigger`;
    case "stale":
      return problem.windowEnd
        ? `stale: the feed did not report in the last ${spellDuration(problem.gap)} of the window, more than the allowed ${spellDuration(context.maxGap)}`
        : `stale: after round ${problem.roundId} the next round came ${spellDuration(problem.gap)} later, more than the allowed ${spellDuration(context.maxGap)}`;
    case "falseAlarm":
      return `a false alarm: round ${problem.recoveryRoundId} recovered to ${price(problem.answer)} (the recovery price is ${price(context.recovery)}) inside the window`;
    case "tooManyRounds":
      return `its window holds more than ${MAX_WINDOW_ROUNDS} rounds`;
    case "windowOpen":
      return `in confirmation: it counts if the price stays below ${price(context.recovery)} until ${spellTime(problem.windowEnd)}, when the claim can be filed`;
  }
}

/** Why a round does not qualify, in one phrase, or "qualifies". */
export function describeVerdict(verdict: TriggerVerdict, round: FeedRound, context: WordingContext): string {
  return verdict.ok ? "qualifies" : describeProblem(verdict.problem, round, context);
}

/** A round listed for a parametric cover, with its check. */
export interface TriggerRoundRow extends FeedRound {
  /** The answer in the feed's decimals, e.g. "0.912". */
  price: string;
  /** The contract's verdict on naming this round as the trigger round now. */
  verdict: TriggerVerdict;
  /** The round's fall was already paid on this cover (a confirmed window ending after it was claimed). */
  claimed: boolean;
  qualifies: boolean;
  /** What a claim of the cover's whole remaining amount from this round pays now (zero unless it qualifies). */
  payout: bigint;
  /** "qualifies", or why not in words. */
  reason: string;
}

/** A parametric cover and the recent rounds of its product's feed. */
export interface ParametricCover {
  coverId: bigint;
  productId: bigint;
  productName: string;
  owner: string;
  feed: string;
  /** The feed's description, e.g. "tUSD / USD" (empty if it has none). */
  feedDescription: string;
  decimals: number;
  /** The unit of the feed's answers from its description ("USD"), if it names one. */
  unit?: string;
  /** The trigger in the feed's decimals, and in words ("0.95"). */
  trigger: bigint;
  triggerPrice: string;
  start: bigint;
  end: bigint;
  /** The cover's amount not yet paid out, in the pool asset's smallest unit. */
  remaining: bigint;
  pool?: PoolView;
  /** The product's trigger rule (see `ICoverBook.ParametricTerms`). */
  recovery: bigint;
  recoveryPrice: string;
  reference: bigint;
  confirmationWindow: bigint;
  waitingPeriod: bigint;
  /** Rounds updated before this second prove nothing for the cover: start plus waiting period. */
  countsFrom: bigint;
  heartbeat: bigint;
  heartbeatTolerance: bigint;
  /** Heartbeat plus tolerance: the longest gap between rounds. */
  maxGap: bigint;
  payoutRule: PayoutRule;
  /** The feed's answer when the cover was bought, in words ("1"). */
  startPrice: string;
  /** A trigger round must be updated at or after this second (the end of the last window paid), zero if none. */
  claimedUntil: bigint;
  /** Claims may be filed in [start, end + gracePeriod). */
  filingDeadline: bigint;
  filingOpen: boolean;
  /** The cover's latest claim when it is still open (not Denied, Paid or Expired): no new claim until it closes. */
  openClaim?: { id: bigint; state: ClaimStateName };
  now: bigint;
  /** Newest first. */
  rounds: TriggerRoundRow[];
  /** True when the walk stopped at {MAX_ROUNDS} with older rounds of the cover period left unread. */
  truncated: boolean;
}

/** The product's trigger rule for one cover, in words: which rounds count, when to file, what it pays. */
export interface TriggerRuleWords {
  counts: string;
  confirms: string;
  files: string;
  pays: string;
}

/**
 * {TriggerRuleWords} for `cover`, e.g. counts: "Only rounds updated from 2026-01-03 10:00:00 UTC (the cover's
 * start plus its 2 days waiting period) until the cover ends at … count; the trigger round is the first of
 * them at or below 0.995 USD."
 */
export function describeTriggerRule(cover: ParametricCover): TriggerRuleWords {
  const unit = cover.unit ? ` ${cover.unit}` : "";
  const price = (value: bigint) => `${formatPrice(value, cover.decimals)}${unit}`;
  const window = spellDuration(cover.confirmationWindow);
  return {
    counts:
      `Only rounds updated from ${spellTime(cover.countsFrom)} (the cover's start plus its ${spellDuration(cover.waitingPeriod)} ` +
      `waiting period) until the cover ends at ${spellTime(cover.end)} count; the trigger round is the first of them ` +
      `at or below ${price(cover.trigger)}.`,
    confirms:
      `The fall is confirmed when every round in the ${window} after the trigger round stays below the recovery price ` +
      `of ${price(cover.recovery)} (a round at or above it is a false alarm) and the feed reports at least every ` +
      `${spellDuration(cover.maxGap)} (its ${spellDuration(cover.heartbeat)} heartbeat plus ${spellDuration(cover.heartbeatTolerance)} tolerance).`,
    files:
      `The claim can be filed once the ${window} confirmation window after the trigger round has passed, ` +
      `until ${spellTime(cover.filingDeadline)}; it is then approved at once, with no deposit and no vote.`,
    pays:
      cover.payoutRule === "Full"
        ? "It pays the whole amount claimed."
        : `It pays the loss: the amount claimed × (1 − the price of the window's last round / ${price(cover.reference)}).`,
  };
}

/** The qualifying round that pays most (the deepest loss at the end of its window), the older one on a tie. */
export function lowestQualifying(rounds: readonly TriggerRoundRow[]): TriggerRoundRow | undefined {
  let best: TriggerRoundRow | undefined;
  for (const round of rounds) {
    if (!round.qualifies) continue;
    if (!best || round.payout > best.payout || (round.payout === best.payout && round.roundId < best.roundId))
      best = round;
  }
  return best;
}

/** The quote unit of a feed's description: "tUSD / USD" → "USD" (undefined when it names none). */
export function unitOf(description: string | undefined): string | undefined {
  const quote = description?.split("/")[1]?.trim();
  return quote || undefined;
}

const big = (value: unknown): bigint => BigInt((value as bigint | undefined) ?? 0n);
const PHASE_MASK = (1n << 64n) - 1n;

function toRound(result: Result | undefined): FeedRound | undefined {
  if (!result) return undefined;
  return {
    roundId: big(result[0]),
    answer: big(result[1]),
    updatedAt: big(result[3]),
    answeredInRound: big(result[4]),
  };
}

/** A cover as the book stores it, with its owner and pool (lower case). */
interface CoverRecord {
  id: bigint;
  productId: bigint;
  amount: bigint;
  paidOut: bigint;
  start: bigint;
  end: bigint;
  latestClaim: bigint;
  owner: string;
  pool: string;
}

/** A cover of a product with a feed: its product's trigger rule, its start price and its claims. */
interface CoverTerms extends CoverRecord {
  feed: string;
  trigger: bigint;
  productName: string;
  openClaim?: { id: bigint; state: ClaimStateName };
  recovery: bigint;
  reference: bigint;
  confirmationWindow: bigint;
  waitingPeriod: bigint;
  heartbeat: bigint;
  heartbeatTolerance: bigint;
  payoutRule: PayoutRule;
  startAnswer: bigint;
  claimedUntil: bigint;
}

/** A feed's decimals, description and latest round. */
interface FeedHead {
  decimals: number;
  description: string;
  latest: FeedRound | undefined;
}

/**
 * The parametric covers among `coverIds` (others are left out), each with its feed's recent rounds checked.
 * Four batched round trips whatever the number of covers and rounds.
 */
export async function readParametricCovers(
  provider: Provider,
  deployment: Deployment,
  coverIds: readonly bigint[],
  options: { maxRounds?: number } = {},
): Promise<ParametricCover[]> {
  const maxRounds = Math.max(1, Math.min(options.maxRounds ?? MAX_ROUNDS, 1_000));
  const r = reader(provider, deployment);
  const { pools, covers, gracePeriod, now } = await readCovers(r, provider, deployment, coverIds);
  const withFeed = await readCoverTerms(r, deployment, covers);
  if (withFeed.length === 0) return [];
  const feeds = [...new Set(withFeed.map((c) => c.feed.toLowerCase()))];
  const feedInfo = await readFeedHeads(r, feeds);
  const byFeed = await readFeedRounds(r, feedInfo, maxRounds);
  return withFeed.map((c): ParametricCover => {
    const info = feedInfo.get(c.feed.toLowerCase());
    const known = byFeed.get(c.feed.toLowerCase()) ?? new Map<bigint, FeedRound | undefined>();
    const pool = pools.find((p) => p.address.toLowerCase() === c.pool);
    return parametricCover(c, info, known, { now, gracePeriod, maxRounds, pool });
  });
}

/** Step 1: the covers (parametric or not), owners, the module's grace period and the clock; the pools with them. */
async function readCovers(
  r: Reader,
  provider: Provider,
  deployment: Deployment,
  coverIds: readonly bigint[],
): Promise<{ pools: PoolView[]; covers: CoverRecord[]; gracePeriod: bigint; now: bigint }> {
  const book = deployment.contracts.CoverBook;
  const clock = blockInfoCall(deployment);
  const first = coverIds.flatMap((id) => [
    readCall(bookInterface, book, "cover", [id]),
    readCall(bookInterface, book, "ownerOf", [id]),
    readCall(bookInterface, book, "poolOf", [id]),
  ]);
  const tail = [readCall(claimsInterface, deployment.contracts.CoverClaims, "parameters")];
  if (clock) tail.push(clock);
  const [pools, answers] = await Promise.all([readPools(r), readMany(r, [...first, ...tail])]);
  const parameters = answers[first.length]?.[0] as Result | undefined;
  const info = clock ? answers[first.length + 1] : undefined;
  const now = info ? big(info[1]) : BigInt((await provider.getBlock("latest"))?.timestamp ?? 0);
  const covers = coverIds
    .map((id, i): CoverRecord | undefined => {
      const c = answers[i * 3]?.[0] as Result | undefined;
      if (!c) return undefined;
      return {
        id,
        productId: big(c.productId),
        amount: big(c.amount),
        paidOut: big(c.paidOut),
        start: big(c.start),
        end: big(c.end),
        latestClaim: big(c.latestClaim),
        owner: String(answers[i * 3 + 1]?.[0] ?? ""),
        pool: String(answers[i * 3 + 2]?.[0] ?? "").toLowerCase(),
      };
    })
    .filter((c) => c !== undefined);
  return { pools, covers, gracePeriod: big(parameters?.gracePeriod), now };
}

/** Step 2: products, names, latest claims' states and trigger terms; covers of products without a feed left out. */
async function readCoverTerms(
  r: Reader,
  deployment: Deployment,
  covers: CoverRecord[],
): Promise<CoverTerms[]> {
  const book = deployment.contracts.CoverBook;
  const claims = deployment.contracts.CoverClaims;
  const STRIDE = 7;
  const second = covers.flatMap((c) => [
    readCall(bookInterface, book, "product", [c.productId]),
    readCall(bookInterface, book, "productName", [c.productId]),
    readCall(claimsInterface, claims, "claim", [c.latestClaim]),
    readCall(claimsInterface, claims, "claimState", [c.latestClaim]),
    readCall(bookInterface, book, "parametricSettings", [c.productId]),
    readCall(bookInterface, book, "startPrice", [c.id]),
    readCall(claimsInterface, claims, "parametricClaimedUntil", [c.id]),
  ]);
  const products = await readMany(r, second);
  return covers
    .map((c, i): CoverTerms | undefined => {
      const p = products[i * STRIDE]?.[0] as Result | undefined;
      const feed = String(p?.priceFeed ?? "0x0000000000000000000000000000000000000000");
      if (!p || /^0x0{40}$/.test(feed)) return undefined;
      const latest = products[i * STRIDE + 2]?.[0] as Result | undefined;
      const state = CLAIM_STATES[Number(big(products[i * STRIDE + 3]?.[0]))];
      const terms = (products[i * STRIDE + 4]?.[0] as Result | undefined)?.terms as Result | undefined;
      // The module counts the recorded claim only if it is its own claim on this cover.
      const own = c.latestClaim !== 0n && latest !== undefined && big(latest.coverId) === c.id;
      const open = own && !["Denied", "Paid", "Expired", "None"].includes(state);
      return {
        ...c,
        feed,
        trigger: big(p.triggerPrice),
        productName: String(products[i * STRIDE + 1]?.[0] ?? `Product ${c.productId}`),
        openClaim: open ? { id: c.latestClaim, state } : undefined,
        recovery: big(terms?.recoveryPrice),
        reference: big(terms?.referencePrice),
        confirmationWindow: big(terms?.confirmationWindow),
        waitingPeriod: big(terms?.waitingPeriod),
        heartbeat: big(terms?.heartbeat),
        heartbeatTolerance: big(terms?.heartbeatTolerance),
        payoutRule: PAYOUT_RULES[Number(big(terms?.payoutRule))] ?? "Full",
        startAnswer: big(products[i * STRIDE + 5]?.[1]),
        claimedUntil: big(products[i * STRIDE + 6]?.[0]),
      };
    })
    .filter((c) => c !== undefined);
}

/** Step 3: each feed's decimals, description and latest round, by lower-case feed address. */
async function readFeedHeads(r: Reader, feeds: string[]): Promise<Map<string, FeedHead>> {
  const heads = await readMany(
    r,
    feeds.flatMap((feed) => [
      readCall(aggregatorInterface, feed, "decimals"),
      readCall(aggregatorInterface, feed, "description"),
      readCall(aggregatorInterface, feed, "latestRoundData"),
    ]),
  );
  return new Map(
    feeds.map((feed, i) => [
      feed,
      {
        decimals: Number(big(heads[i * 3]?.[0])),
        description: String(heads[i * 3 + 1]?.[0] ?? ""),
        latest: toRound(heads[i * 3 + 2]),
      },
    ]),
  );
}

/** Step 4: the rounds of each feed back from its latest, within the latest round's phase, newest first: one batch. */
async function readFeedRounds(
  r: Reader,
  feedInfo: Map<string, FeedHead>,
  maxRounds: number,
): Promise<Map<string, Map<bigint, FeedRound | undefined>>> {
  const wanted = new Map<string, bigint[]>();
  for (const [feed, head] of feedInfo) {
    if (!head.latest) continue;
    const ids: bigint[] = [];
    // One round more than listed: the oldest listed round's predecessor decides whether it starts a fall.
    for (let id = head.latest.roundId; ids.length <= maxRounds && (id & PHASE_MASK) > 0n; id--) ids.push(id);
    wanted.set(feed, ids);
  }
  const calls = [...wanted].flatMap(([feed, ids]) =>
    ids.map((id) => readCall(aggregatorInterface, feed, "getRoundData", [id])),
  );
  const rounds = await readMany(r, calls);
  const byFeed = new Map<string, Map<bigint, FeedRound | undefined>>();
  let k = 0;
  for (const [feed, ids] of wanted) {
    const map = new Map<bigint, FeedRound | undefined>();
    for (const id of ids) map.set(id, toRound(rounds[k++]));
    byFeed.set(feed, map);
  }
  return byFeed;
}

/** What {parametricCover} needs beyond the cover and its feed: the clock, the filing grace and the cover's pool. */
interface CoverReadContext {
  now: bigint;
  gracePeriod: bigint;
  maxRounds: number;
  pool: PoolView | undefined;
}

/** One cover's view: its terms in words and its feed's `known` rounds (newest first) each judged as a trigger. */
function parametricCover(
  c: CoverTerms,
  info: FeedHead | undefined,
  known: Map<bigint, FeedRound | undefined>,
  { now, gracePeriod, maxRounds, pool }: CoverReadContext,
): ParametricCover {
  const decimals = info?.decimals ?? 0;
  const maxGap = c.heartbeat + c.heartbeatTolerance;
  const countsFrom = c.start + c.waitingPeriod;
  const rules: TriggerRules = {
    countsFrom,
    coverEnd: c.end,
    trigger: c.trigger,
    recovery: c.recovery,
    window: c.confirmationWindow,
    maxGap,
    now,
  };
  const context: WordingContext = {
    decimals,
    unit: unitOf(info?.description),
    trigger: c.trigger,
    recovery: c.recovery,
    maxGap,
  };
  const remaining = c.amount - c.paidOut;
  const { rows, truncated } = judgeRounds(c, known, rules, context, remaining, maxRounds);
  return {
    coverId: c.id,
    productId: c.productId,
    productName: c.productName,
    owner: c.owner,
    feed: c.feed,
    feedDescription: info?.description ?? "",
    unit: context.unit,
    decimals,
    trigger: c.trigger,
    triggerPrice: formatPrice(c.trigger, decimals),
    start: c.start,
    end: c.end,
    remaining,
    pool,
    recovery: c.recovery,
    recoveryPrice: formatPrice(c.recovery, decimals),
    reference: c.reference,
    confirmationWindow: c.confirmationWindow,
    waitingPeriod: c.waitingPeriod,
    countsFrom,
    heartbeat: c.heartbeat,
    heartbeatTolerance: c.heartbeatTolerance,
    maxGap,
    payoutRule: c.payoutRule,
    startPrice: formatPrice(c.startAnswer, decimals),
    claimedUntil: c.claimedUntil,
    filingDeadline: c.end + gracePeriod,
    filingOpen: now >= c.start && now < c.end + gracePeriod,
    openClaim: c.openClaim,
    now,
    rounds: rows,
    truncated,
  };
}

/**
 * The cover's listed rounds (at most `maxRounds`, newest first), each judged as the trigger round with its
 * payout on `remaining`; `truncated` when older rounds of the phase were left unread.
 */
function judgeRounds(
  c: CoverTerms,
  known: Map<bigint, FeedRound | undefined>,
  rules: TriggerRules,
  context: WordingContext,
  remaining: bigint,
  maxRounds: number,
): { rows: TriggerRoundRow[]; truncated: boolean } {
  const lookup: RoundLookup = (roundId) => known.get(roundId);
  const rows: TriggerRoundRow[] = [];
  let stopped = false;
  for (const [id, round] of [...known].slice(0, maxRounds)) {
    // A round the feed does not have, or one updated before the cover: nothing older can qualify.
    if (!round || (round.updatedAt !== 0n && round.updatedAt < c.start)) {
      stopped = true;
      break;
    }
    const verdict = judgeTrigger(lookup, id, rules);
    const claimed = verdict.ok && verdict.confirmation.triggeredAt < c.claimedUntil;
    const payout = verdict.ok
      ? parametricPayout(remaining, c.payoutRule, c.reference, verdict.confirmation.endAnswer)
      : 0n;
    const qualifies = verdict.ok && !claimed && payout > 0n;
    rows.push({
      ...round,
      price: formatPrice(round.answer, context.decimals),
      verdict,
      claimed,
      qualifies,
      payout: qualifies ? payout : 0n,
      reason: claimed
        ? "already paid: this fall's window was claimed on this cover"
        : verdict.ok && payout === 0n
          ? "no loss: the price at the end of the window is not below the reference"
          : describeVerdict(verdict, round, context),
    });
  }
  const oldest = [...known.keys()].slice(0, maxRounds).at(-1);
  const truncated = !stopped && oldest !== undefined && (oldest & PHASE_MASK) > 1n;
  return { rows, truncated };
}

/** The ids of the covers `account` holds now: received by transfer (mint included) and still owned. */
export async function coversHeldBy(
  provider: Provider,
  deployment: Deployment,
  account: string,
): Promise<bigint[]> {
  const transfer = bookInterface.getEvent("Transfer");
  const logs = await provider.getLogs({
    address: deployment.contracts.CoverBook,
    topics: [transfer.topicHash, null, zeroPadValue(getAddress(account), 32)],
    fromBlock: deployment.startBlock,
    toBlock: "latest",
  });
  const ids = [...new Set(logs.map((log) => BigInt(log.topics[3])))];
  const owners = await readMany(
    reader(provider, deployment),
    ids.map((id) => readCall(bookInterface, deployment.contracts.CoverBook, "ownerOf", [id])),
  );
  return ids.filter((_, i) => String(owners[i]?.[0] ?? "").toLowerCase() === account.toLowerCase());
}

/** The parametric covers `account` holds, newest first, each with its feed's recent rounds checked. */
export async function readAccountParametricCovers(
  provider: Provider,
  deployment: Deployment,
  account: string,
  options: { maxRounds?: number } = {},
): Promise<ParametricCover[]> {
  const ids = (await coversHeldBy(provider, deployment, account)).sort((a, b) =>
    a < b ? 1 : a > b ? -1 : 0,
  );
  return readParametricCovers(provider, deployment, ids, options);
}
