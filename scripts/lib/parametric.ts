/**
 * Parametric claims (browser-safe, no `node:` import): for a cover of a parametric product, the recent rounds
 * of the product's price feed, each checked the way `CoverClaims.submitParametricClaim` checks its round
 * (`OracleRounds.checkTriggerRound`): complete, a positive answer, updated inside the cover period, at or
 * below the product's trigger, and not stale (the next round, or now for the latest one, within the claims
 * module's `maxRoundGap`, read from the contract). Used by the UI's parametric claim form and the tests.
 *
 * The walk goes back from `latestRoundData` through `getRoundData` (one batched round trip), at most
 * {MAX_ROUNDS} rounds, and stops at the first round updated before the cover started, at a round the feed
 * does not have, or at the start of the feed's current aggregator phase (Chainlink round ids carry the phase
 * in their top 16 bits: the round before the first of a phase is another aggregator's).
 */
import { type Provider, type Result, Interface, formatUnits, getAddress, zeroPadValue } from "ethers";

import { CoverBook__factory, CoverClaims__factory } from "../../types/ethers-contracts/index.js";
import { CLAIM_STATES, type ClaimStateName } from "./claims.js";
import type { Deployment } from "./deployment-schema.js";
import { type PoolView, blockInfoCall, readCall, readMany, readPools, reader } from "./reads.js";

/** How many rounds the walk reads at most. */
export const MAX_ROUNDS = 50;

/** Chainlink's AggregatorV3Interface, the part the claims module reads. */
export const aggregatorInterface = new Interface([
  "function decimals() view returns (uint8)",
  "function description() view returns (string)",
  "function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
  "function getRoundData(uint80 roundId) view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)",
]);

const bookInterface = CoverBook__factory.createInterface();
const claimsInterface = CoverClaims__factory.createInterface();

/** One round of a feed as `getRoundData` answers it. */
export interface FeedRound {
  roundId: bigint;
  answer: bigint;
  updatedAt: bigint;
  answeredInRound: bigint;
}

/** What a round is checked against: the cover's period, the product's trigger, the module's gap, the clock. */
export interface RoundRules {
  /** Cover start and end, Unix seconds: a round must be updated in [start, end). */
  start: bigint;
  end: bigint;
  /** The product's trigger, in the feed's decimals. */
  trigger: bigint;
  /** `CoverClaims.parameters().maxRoundGap`, seconds. */
  maxRoundGap: bigint;
  /** The chain's time (the latest block's timestamp): stands in for the next round of the latest one. */
  now: bigint;
}

/** Why a round cannot prove the trigger, in the contract's order of checks. */
export type RoundProblem =
  | { kind: "incomplete"; answeredInRound: bigint }
  | { kind: "notPositive" }
  | { kind: "beforeCover" }
  | { kind: "afterCover" }
  | { kind: "aboveTrigger" }
  /** `gap`: seconds until the next round (or until now, `latest`), more than the allowed `maxRoundGap`. */
  | { kind: "stale"; gap: bigint; latest: boolean };

/**
 * The problems of `round` by the contract's rule (empty: it qualifies). `next` is round `roundId + 1` as the
 * feed answers it, undefined when the feed has none (then, as for an incomplete next round, `now` counts).
 */
export function roundProblems(
  round: FeedRound,
  next: FeedRound | undefined,
  rules: RoundRules,
): RoundProblem[] {
  // A round never updated has no time to check: it is only incomplete.
  if (round.updatedAt === 0n) return [{ kind: "incomplete", answeredInRound: round.answeredInRound }];
  const problems: RoundProblem[] = [];
  if (round.answeredInRound < round.roundId)
    problems.push({ kind: "incomplete", answeredInRound: round.answeredInRound });
  if (round.answer <= 0n) problems.push({ kind: "notPositive" });
  if (round.updatedAt < rules.start) problems.push({ kind: "beforeCover" });
  else if (round.updatedAt >= rules.end) problems.push({ kind: "afterCover" });
  if (round.answer > rules.trigger) problems.push({ kind: "aboveTrigger" });
  const latest = next === undefined || next.updatedAt === 0n;
  const nextAt = latest ? rules.now : next.updatedAt;
  if (nextAt < round.updatedAt || nextAt - round.updatedAt > rules.maxRoundGap)
    problems.push({ kind: "stale", gap: nextAt - round.updatedAt, latest });
  return problems;
}

/** How to write prices and durations in a sentence. */
export interface WordingContext {
  /** The feed's decimals. */
  decimals: number;
  /** The unit of the feed's answers, e.g. "USD" (none by default). */
  unit?: string;
  trigger: bigint;
  maxRoundGap: bigint;
}

/** A feed answer in human units: 95000000 with 8 decimals → "0.95". */
export function formatPrice(answer: bigint, decimals: number): string {
  const text = formatUnits(answer, decimals);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** A gap in seconds in words, exactly: 93600 → "1 day 2 hours", 5400 → "1 hour 30 minutes", 61 → "1 minute 1 second". */
export function spellDuration(seconds: bigint): string {
  if (seconds < 0n) return `minus ${spellDuration(-seconds)}`;
  if (seconds === 0n) return "0 seconds";
  const parts: string[] = [];
  let rest = seconds;
  for (const [word, scale] of [
    ["day", 86_400n],
    ["hour", 3_600n],
    ["minute", 60n],
    ["second", 1n],
  ] as const) {
    const n = rest / scale;
    rest %= scale;
    if (n > 0n) parts.push(`${n} ${word}${n === 1n ? "" : "s"}`);
  }
  return parts.join(" ");
}

/** One problem in words, e.g. "above the trigger (0.97 USD > 0.95 USD)". */
export function describeProblem(problem: RoundProblem, round: FeedRound, context: WordingContext): string {
  const price = (value: bigint) =>
    `${formatPrice(value, context.decimals)}${context.unit ? ` ${context.unit}` : ""}`;
  switch (problem.kind) {
    case "incomplete":
      return round.updatedAt === 0n
        ? "incomplete (the round was never updated)"
        : `incomplete (answered in round ${problem.answeredInRound})`;
    case "notPositive":
      return `not a valid price (${price(round.answer)})`;
    case "beforeCover":
      return "updated before the cover started";
    case "afterCover":
      return "updated after the cover ended";
    case "aboveTrigger":
      return `above the trigger (${price(round.answer)} > ${price(context.trigger)})`;
    case "stale":
      return problem.latest
        ? `stale: the feed has not updated for ${spellDuration(problem.gap)}, more than the allowed ${spellDuration(context.maxRoundGap)}`
        : `stale: the next round came ${spellDuration(problem.gap)} later, more than the allowed ${spellDuration(context.maxRoundGap)}`;
  }
}

/** Why a round does not qualify, in one phrase ("above the trigger (…); stale: …"), or "qualifies". */
export function describeRound(problems: RoundProblem[], round: FeedRound, context: WordingContext): string {
  if (problems.length === 0) return "qualifies";
  return problems.map((p) => describeProblem(p, round, context)).join("; ");
}

/** A round listed for a parametric cover, with its check. */
export interface TriggerRoundRow extends FeedRound {
  /** The answer in the feed's decimals, e.g. "0.912". */
  price: string;
  problems: RoundProblem[];
  qualifies: boolean;
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
  maxRoundGap: bigint;
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

/** The qualifying round with the lowest answer (the deepest depeg), the older one on a tie. */
export function lowestQualifying(rounds: readonly TriggerRoundRow[]): TriggerRoundRow | undefined {
  let best: TriggerRoundRow | undefined;
  for (const round of rounds) {
    if (!round.qualifies) continue;
    if (!best || round.answer < best.answer || (round.answer === best.answer && round.roundId < best.roundId))
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
  const book = deployment.contracts.CoverBook;
  const claims = deployment.contracts.CoverClaims;
  const clock = blockInfoCall(deployment);

  // 1. Covers, owners, the module's parameters and the clock; the pools with them.
  const first = coverIds.flatMap((id) => [
    readCall(bookInterface, book, "cover", [id]),
    readCall(bookInterface, book, "ownerOf", [id]),
    readCall(bookInterface, book, "poolOf", [id]),
  ]);
  const tail = [readCall(claimsInterface, claims, "parameters")];
  if (clock) tail.push(clock);
  const [pools, answers] = await Promise.all([readPools(r), readMany(r, [...first, ...tail])]);
  const parameters = answers[first.length]?.[0] as Result | undefined;
  const maxRoundGap = big(parameters?.maxRoundGap);
  const gracePeriod = big(parameters?.gracePeriod);
  const info = clock ? answers[first.length + 1] : undefined;
  const now = info ? big(info[1]) : BigInt((await provider.getBlock("latest"))?.timestamp ?? 0);
  const covers = coverIds
    .map((id, i) => {
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

  // 2. Products, names, latest claims' states; each product's feed once.
  const second = covers.flatMap((c) => [
    readCall(bookInterface, book, "product", [c.productId]),
    readCall(bookInterface, book, "productName", [c.productId]),
    readCall(claimsInterface, claims, "claim", [c.latestClaim]),
    readCall(claimsInterface, claims, "claimState", [c.latestClaim]),
  ]);
  const products = await readMany(r, second);
  const withFeed = covers
    .map((c, i) => {
      const p = products[i * 4]?.[0] as Result | undefined;
      const feed = String(p?.priceFeed ?? "0x0000000000000000000000000000000000000000");
      if (!p || /^0x0{40}$/.test(feed)) return undefined;
      const latest = products[i * 4 + 2]?.[0] as Result | undefined;
      const state = CLAIM_STATES[Number(big(products[i * 4 + 3]?.[0]))];
      // The module counts the recorded claim only if it is its own claim on this cover.
      const own = c.latestClaim !== 0n && latest !== undefined && big(latest.coverId) === c.id;
      const open = own && !["Denied", "Paid", "Expired", "None"].includes(state);
      return {
        ...c,
        feed,
        trigger: big(p.triggerPrice),
        productName: String(products[i * 4 + 1]?.[0] ?? `Product ${c.productId}`),
        openClaim: open ? { id: c.latestClaim, state } : undefined,
      };
    })
    .filter((c) => c !== undefined);
  if (withFeed.length === 0) return [];

  // 3. Each feed's decimals, description and latest round.
  const feeds = [...new Set(withFeed.map((c) => c.feed.toLowerCase()))];
  const heads = await readMany(
    r,
    feeds.flatMap((feed) => [
      readCall(aggregatorInterface, feed, "decimals"),
      readCall(aggregatorInterface, feed, "description"),
      readCall(aggregatorInterface, feed, "latestRoundData"),
    ]),
  );
  const feedInfo = new Map(
    feeds.map((feed, i) => [
      feed,
      {
        decimals: Number(big(heads[i * 3]?.[0])),
        description: String(heads[i * 3 + 1]?.[0] ?? ""),
        latest: toRound(heads[i * 3 + 2]),
      },
    ]),
  );

  // 4. The rounds of each feed back from its latest, within the latest round's phase: one batch.
  const wanted = new Map<string, bigint[]>();
  for (const feed of feeds) {
    const latest = feedInfo.get(feed)?.latest;
    if (!latest) continue;
    const ids: bigint[] = [];
    for (let id = latest.roundId; ids.length < maxRounds && (id & PHASE_MASK) > 0n; id--) ids.push(id);
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

  return withFeed.map((c): ParametricCover => {
    const info = feedInfo.get(c.feed.toLowerCase());
    const decimals = info?.decimals ?? 0;
    const known = byFeed.get(c.feed.toLowerCase()) ?? new Map<bigint, FeedRound | undefined>();
    const rules: RoundRules = { start: c.start, end: c.end, trigger: c.trigger, maxRoundGap, now };
    const context: WordingContext = {
      decimals,
      unit: unitOf(info?.description),
      trigger: c.trigger,
      maxRoundGap,
    };
    const rows: TriggerRoundRow[] = [];
    let stopped = false;
    for (const [id, round] of known) {
      // A round the feed does not have, or one updated before the cover: nothing older can qualify.
      if (!round || (round.updatedAt !== 0n && round.updatedAt < c.start)) {
        stopped = true;
        break;
      }
      const problems = roundProblems(round, known.get(id + 1n), rules);
      rows.push({
        ...round,
        price: formatPrice(round.answer, decimals),
        problems,
        qualifies: problems.length === 0,
        reason: describeRound(problems, round, context),
      });
    }
    const oldest = [...known.keys()].at(-1);
    const truncated = !stopped && oldest !== undefined && (oldest & PHASE_MASK) > 1n;
    const pool = pools.find((p) => p.address.toLowerCase() === c.pool);
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
      remaining: c.amount - c.paidOut,
      pool,
      maxRoundGap,
      filingDeadline: c.end + gracePeriod,
      filingOpen: now >= c.start && now < c.end + gracePeriod,
      openClaim: c.openClaim,
      now,
      rounds: rows,
      truncated,
    };
  });
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
