/**
 * `depeg-replay`: drives the local depeg feed through a recorded history of Chainlink rounds (a CSV with the
 * columns roundId, answer, updatedAt; the answers' decimals in a `# decimals: N` line or `--decimals`), with
 * depeg covers bought before, during and after the fall, then files every claim the core finds and reports
 * which paid, how much, and the trigger timeline in words.
 *
 * The chain cannot go back to the history's dates: every round is posted at its own time shifted by one
 * offset (gaps and order kept exactly, `postRound` stamping each round's `updatedAt`); the report writes the
 * history's own dates. The product is the deployment's depeg product (Etherisc-like by default: trigger
 * 0.995, recovery 0.999, 24-hour window, loss-proportional, 2-day waiting period, 24 h heartbeat + 30 min).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { parseUnits } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { Deployment } from "../deployment/schema.js";
import { explainError } from "../format/errors.js";
import {
  type FeedRound,
  type TriggerRules,
  formatPrice,
  judgeTrigger,
  lowestQualifying,
  readParametricCovers,
} from "../claims/parametric.js";
import { spellDuration } from "../format/durations.js";
import { spellTime } from "../format/times.js";
import {
  type Figure,
  type Report,
  SCRIPTED,
  type StatedAssumption,
  TUSD,
  roundName,
  scenarioReport,
  table,
} from "./report.js";
import {
  DAY,
  HOUR,
  type ScenarioOptions,
  PRODUCTS,
  agents,
  buyCovers,
  deposit,
  type World,
  redeem,
  poolLosses,
  startWorld,
} from "./setup.js";
import { lineChart } from "./svg.js";
import { type Agent, encode } from "./engine.js";

/** One recorded round. */
export interface HistoryRound {
  roundId: bigint;
  answer: bigint;
  updatedAt: number;
}

/** A feed history read from CSV. */
export interface FeedHistory {
  decimals: number;
  rounds: HistoryRound[];
}

/**
 * Parses a feed history: a header line naming the columns roundId, answer and updatedAt (any order, other
 * columns ignored), one round per line, `#` comment lines (`# decimals: 8` sets the decimals unless
 * `decimals` is given). Rounds must be in time order (equal times allowed). Errors name the line.
 */
export function parseFeedHistory(text: string, source: string, decimals?: number): FeedHistory {
  let found: number | undefined;
  let columns: string[] | undefined;
  const rounds: HistoryRound[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const where = `${source}:${i + 1}`;
    if (line === "") return;
    if (line.startsWith("#")) {
      const m = /decimals\s*[:=]\s*(\d+)/i.exec(line);
      if (m) found = Number(m[1]);
      return;
    }
    const cells = line.split(",").map((c) => c.trim());
    if (!columns) {
      columns = cells;
      for (const need of ["roundId", "answer", "updatedAt"])
        if (!columns.includes(need)) throw new Error(`${where}: the header has no "${need}" column`);
      return;
    }
    const cell = (name: string) => cells[columns!.indexOf(name)] ?? "";
    if (!/^\d+$/.test(cell("roundId")) || !/^-?\d+$/.test(cell("answer")) || !/^\d+$/.test(cell("updatedAt")))
      throw new Error(`${where}: expected integers roundId, answer, updatedAt; got "${line}"`);
    const round = {
      roundId: BigInt(cell("roundId")),
      answer: BigInt(cell("answer")),
      updatedAt: Number(cell("updatedAt")),
    };
    const last = rounds.at(-1);
    if (last && round.updatedAt < last.updatedAt)
      throw new Error(`${where}: round ${round.roundId} is older than the round before it`);
    rounds.push(round);
  });
  const chosen = decimals ?? found;
  if (chosen === undefined)
    throw new Error(`${source}: no decimals: add a "# decimals: 8" line or pass --decimals`);
  if (rounds.length < 2) throw new Error(`${source}: a history needs at least two rounds`);
  return { decimals: chosen, rounds };
}

/** Reads {parseFeedHistory} from a file. */
export function readFeedHistory(file: string, decimals?: number): FeedHistory {
  return parseFeedHistory(readFileSync(file, "utf8"), file, decimals);
}

/** One fall of the price to the trigger, judged over the whole history (no cover's waiting period). */
export interface Fall {
  roundId: bigint;
  at: number;
  answer: bigint;
  outcome: string;
  confirmed: boolean;
  endAnswer?: bigint;
}

/**
 * The trigger timeline of a history under a product's rule, in words: every first round of a fall to the
 * trigger, and what became of it (confirmed with the price at the window's end, a false alarm, stale, still
 * open at the end of the data); the minimum; the first round back at or above the recovery price.
 */
export function triggerTimeline(
  history: FeedHistory,
  rule: { trigger: bigint; recovery: bigint; window: bigint; maxGap: bigint },
  offset = 0,
): { falls: Fall[]; lines: string[] } {
  const byId = new Map<bigint, FeedRound>();
  history.rounds.forEach((r, i) =>
    byId.set(BigInt(i + 1), {
      roundId: BigInt(i + 1),
      answer: r.answer,
      updatedAt: BigInt(r.updatedAt + offset),
      answeredInRound: BigInt(i + 1),
    }),
  );
  const last = history.rounds.at(-1)!;
  const rules: TriggerRules = {
    countsFrom: 0n,
    coverEnd: BigInt(last.updatedAt + offset) + 1n,
    trigger: rule.trigger,
    recovery: rule.recovery,
    window: rule.window,
    maxGap: rule.maxGap,
    now: BigInt(last.updatedAt + offset),
  };
  const price = (v: bigint) => formatPrice(v, history.decimals);
  const falls: Fall[] = [];
  const lines: string[] = [];
  history.rounds.forEach((r, i) => {
    const before = history.rounds[i - 1];
    if (r.answer > rule.trigger || (before && before.answer > 0n && before.answer <= rule.trigger)) return;
    const verdict = judgeTrigger((id) => byId.get(id), BigInt(i + 1), rules);
    const when = spellTime(BigInt(r.updatedAt));
    let outcome: string;
    if (verdict.ok) {
      const c = verdict.confirmation;
      outcome = `confirmed at ${spellTime(c.windowEnd - BigInt(offset))}: every round of the ${spellDuration(rule.window)} window stayed below ${price(rule.recovery)}; the window's last round answered ${price(c.endAnswer)} (${c.rounds} rounds walked)`;
    } else if (verdict.problem.kind === "falseAlarm") {
      const back = byId.get(verdict.problem.recoveryRoundId)!;
      outcome = `a false alarm: the price was back at ${price(verdict.problem.answer)} at ${spellTime(back.updatedAt - BigInt(offset))}, inside the window`;
    } else if (verdict.problem.kind === "windowOpen") {
      outcome = `still in confirmation when the data ends (its window would end at ${spellTime(verdict.problem.windowEnd - BigInt(offset))})`;
    } else if (verdict.problem.kind === "stale") {
      outcome = `not confirmable: the feed went ${spellDuration(verdict.problem.gap)} without a round inside the window, more than ${spellDuration(rule.maxGap)}`;
    } else {
      outcome = `not confirmable (${verdict.problem.error})`;
    }
    falls.push({
      roundId: r.roundId,
      at: r.updatedAt,
      answer: r.answer,
      outcome,
      confirmed: verdict.ok,
      endAnswer: verdict.ok ? verdict.confirmation.endAnswer : undefined,
    });
    lines.push(
      `- ${when}: ${price(r.answer)}, at or below the ${price(rule.trigger)} trigger (${roundName(r.roundId)}); ${outcome}.`,
    );
  });
  const min = history.rounds.reduce((a, b) => (b.answer < a.answer ? b : a));
  lines.push(
    `- Lowest price: ${price(min.answer)} at ${spellTime(BigInt(min.updatedAt))} (${roundName(min.roundId)}).`,
  );
  const lastFall = falls.at(-1);
  if (lastFall) {
    const back = history.rounds.find((r) => r.updatedAt > lastFall.at && r.answer >= rule.recovery);
    lines.push(
      back
        ? `- Back at or above the ${price(rule.recovery)} recovery price at ${spellTime(BigInt(back.updatedAt))} (${price(back.answer)}).`
        : `- The data ends at ${spellTime(BigInt(last.updatedAt))} (${price(last.answer)}) before the price is back at ${price(rule.recovery)}.`,
    );
  } else {
    lines.push(`- The price never fell to the ${price(rule.trigger)} trigger.`);
  }
  return { falls, lines };
}

const COVER = parseUnits("100000", 6);

/** A cover purchase the replay tries: who, when, at what price, and what became of it. */
interface Attempt {
  who: string;
  when: string;
  at?: number;
  price?: string;
  coverId?: bigint;
  refused?: string;
  firstRefused?: { at: number; why: string };
}
type Moment = "before" | "during" | "after";

/** The replay's world, product rule and history. */
interface Replay {
  world: World;
  history: FeedHistory;
  rule: { trigger: bigint; recovery: bigint; window: bigint; maxGap: bigint };
  terms: { waitingPeriod: bigint; payoutRule: bigint };
  offset: number;
  period: number;
  timeline: ReturnType<typeof triggerTimeline>;
  buyers: Record<Moment, Agent>;
  attempts: Record<Moment, Attempt>;
}

/** The `depeg-replay` scenario. */
export async function depegReplay(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const started = performance.now();
  if (!options.feed) throw new Error("depeg-replay needs --feed <csv> (columns roundId, answer, updatedAt)");
  const history = readFeedHistory(options.feed, options.decimals);
  if (history.decimals !== 8)
    throw new Error(
      `${options.feed}: the local depeg feed answers with 8 decimals; this history has ${history.decimals}`,
    );
  const world = await startWorld(connection, options, 0n);
  const replay = await prepareReplay(world, history);
  const base = await driveFeed(replay);
  const results = await claimBest(replay, base);
  return replayReport(replay, options, started, results);
}

/** The product's rule, an underwriter's 1,000,000 tUSD, three would-be buyers and the history's offset. */
async function prepareReplay(world: World, history: FeedHistory): Promise<Replay> {
  const { triggerPrice: trigger, terms } = await world.dao.CoverBook.parametricSettings(
    PRODUCTS.depegStablecoin,
  );
  const rule = {
    trigger,
    recovery: terms.recoveryPrice,
    window: terms.confirmationWindow,
    maxGap: terms.heartbeat + terms.heartbeatTolerance,
  };
  const [underwriter] = await agents(world, "underwriter", 1);
  await deposit(world, "StablecoinPool", [{ agent: underwriter, amount: parseUnits("1000000", 6) }]);
  const [before, during, after] = await agents(world, "buyer", 3);
  await world.chain.fund([world.chain.agent("oracle")]);
  const first = history.rounds[0];
  const span = history.rounds.at(-1)!.updatedAt - first.updatedAt;
  const offset = Math.max(0, world.chain.clock + HOUR - first.updatedAt);
  return {
    world,
    history,
    rule,
    terms: { waitingPeriod: terms.waitingPeriod, payoutRule: BigInt(terms.payoutRule) },
    offset,
    period: Math.min(180 * DAY, Math.max(7 * DAY, span + 2 * DAY)),
    timeline: triggerTimeline(history, rule, offset),
    buyers: { before, during, after },
    attempts: {
      before: { who: "bought before the fall", when: "with the first round" },
      during: { who: "tried at the fall", when: "with the first round of the (confirmed) fall" },
      after: { who: "tried after the confirmation", when: "from the first round after the confirmed window" },
    },
  };
}

/** One purchase attempt at `round`; a refusal is asked of the node and kept in words. */
async function tryBuy(r: Replay, key: Moment, round: HistoryRound): Promise<void> {
  const { world } = r;
  const a = r.attempts[key];
  const agent = r.buyers[key];
  a.at = round.updatedAt;
  a.price = formatPrice(round.answer, r.history.decimals);
  const [id] = await buyCovers(world, PRODUCTS.depegStablecoin, [{ agent, amount: COVER, period: r.period }]);
  if (id !== undefined) {
    a.coverId = id;
    a.refused = undefined;
    return;
  }
  // Refused: ask the node why, in words (the asset and its approval are in place by now).
  try {
    await world.connection.ethers.provider.call({
      from: agent.address,
      to: world.address.CoverBook,
      data: encode(world.dao.CoverBook, "buyCover", [PRODUCTS.depegStablecoin, COVER, r.period, COVER]),
    });
    a.refused = "the purchase reverted";
  } catch (error) {
    a.refused = explainError(error, { priceDecimals: r.history.decimals });
  }
}

/**
 * Drives the feed through the history (local round `base + i + 1` is the history's round i), trying to buy before
 * the fall, at its first round and from the end of the confirmed window on. Returns `base`.
 */
async function driveFeed(r: Replay): Promise<bigint> {
  const { world, history, timeline } = r;
  const confirmedFall = timeline.falls.find((f) => f.confirmed);
  const firstFall = confirmedFall ?? timeline.falls[0];
  const afterFrom = confirmedFall ? confirmedFall.at + Number(r.rule.window) : undefined;
  const base = (await world.dao.DepegFeed.latestRoundData()).roundId;
  for (const [i, round] of history.rounds.entries()) {
    const at = round.updatedAt + r.offset;
    await world.chain.advanceTo(at);
    await world.chain.send([
      {
        from: world.chain.agent("oracle"),
        to: world.address.DepegFeed,
        data: encode(world.dao.DepegFeed, "postRound", [round.answer, at, at, 0n]),
        gas: 200_000n,
      },
    ]);
    if (i === 0) await tryBuy(r, "before", round);
    if (firstFall && round.roundId === firstFall.roundId) await tryBuy(r, "during", round);
    if (afterFrom !== undefined && round.updatedAt >= afterFrom && r.attempts.after.coverId === undefined) {
      // Tried at every round from the window's end until a purchase goes through; the first refusal is kept.
      const firstRefusal = r.attempts.after.refused;
      const firstAt = r.attempts.after.at;
      await tryBuy(r, "after", round);
      if (firstRefusal) r.attempts.after.firstRefused ??= { at: firstAt!, why: firstRefusal };
    }
  }
  return base;
}

interface ClaimResult {
  who: string;
  coverId: bigint;
  round?: bigint;
  paid: bigint;
  gas?: bigint;
  why: string;
}

/** Each cover files from the round the core says pays most, if any, then redeems. */
async function claimBest(r: Replay, base: bigint): Promise<ClaimResult[]> {
  const { world } = r;
  const deployment: Deployment = world.deployment;
  const held = (Object.keys(r.attempts) as Moment[]).filter((k) => r.attempts[k].coverId !== undefined);
  const covers = await readParametricCovers(
    world.connection.ethers.provider,
    deployment,
    held.map((k) => r.attempts[k].coverId!),
    { maxRounds: 1_000 },
  );
  const results: ClaimResult[] = [];
  for (const cover of covers) {
    const key = held.find((k) => r.attempts[k].coverId === cover.coverId)!;
    const who = r.attempts[key].who;
    const best = lowestQualifying(cover.rounds);
    if (!best) {
      const reasons = [
        ...new Set(cover.rounds.filter((x) => x.answer <= cover.trigger).map((x) => x.reason)),
      ];
      results.push({
        who,
        coverId: cover.coverId,
        paid: 0n,
        why: reasons[0] ?? "no round at or below the trigger",
      });
      continue;
    }
    const agent = r.buyers[key];
    const [sent] = await world.chain.send([
      {
        from: agent,
        to: world.address.CoverClaims,
        data: encode(world.dao.CoverClaims, "submitParametricClaim", [
          cover.coverId,
          cover.remaining,
          best.roundId,
        ]),
        gas: 16_000_000n,
      },
    ]);
    if (!sent.ok) {
      results.push({ who, coverId: cover.coverId, round: best.roundId, paid: 0n, why: "the claim reverted" });
      continue;
    }
    const claimId = await world.dao.CoverClaims.claimCount();
    const [paid] = await redeem(world, [{ agent, claimId }]);
    results.push({
      who,
      coverId: cover.coverId,
      round: r.history.rounds[Number(best.roundId - base) - 1]?.roundId,
      paid: paid ?? 0n,
      gas: sent.gasUsed,
      why: `claim ${claimId} from the round of ${spellTime(best.updatedAt - BigInt(r.offset))} (${best.price}), paying the loss at the window's end`,
    });
  }
  return results;
}

/** The report: assumptions and findings first, then the trigger timeline, the claims and the price chart. */
async function replayReport(
  r: Replay,
  options: ScenarioOptions,
  started: number,
  results: ClaimResult[],
): Promise<Report> {
  const { history, rule, attempts, world } = r;
  const price = (v: bigint) => formatPrice(v, history.decimals);
  const usd = (v: bigint) => Number(formatPrice(v, 6)).toLocaleString("en-US");
  const first = history.rounds[0];
  const last = history.rounds.at(-1)!;
  const payout = r.terms.payoutRule === 1n ? "loss-proportional" : "full";
  const outcome = {
    rounds: history.rounds.length,
    from: spellTime(BigInt(first.updatedAt)),
    to: spellTime(BigInt(last.updatedAt)),
    falls: r.timeline.falls.map((f) => ({
      roundId: f.roundId,
      at: spellTime(BigInt(f.at)),
      confirmed: f.confirmed,
    })),
    covers: Object.fromEntries(
      Object.entries(attempts).map(([k, a]) => [
        k,
        {
          coverId: a.coverId,
          at: a.at ? spellTime(BigInt(a.at)) : undefined,
          price: a.price,
          refused: a.refused,
        },
      ]),
    ),
    claims: results.map((x) => ({ who: x.who, coverId: x.coverId, round: x.round, paid: x.paid })),
    claimGas: results.map((x) => x.gas ?? 0n),
    paid: results.reduce((a, x) => a + x.paid, 0n),
  };
  const sold = Object.values(attempts).filter((a) => a.coverId !== undefined).length;
  return scenarioReport(
    "depeg-replay",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: {
        feed: path.basename(options.feed!),
        rounds: history.rounds.length,
        trigger: price(rule.trigger),
        recovery: price(rule.recovery),
        window: spellDuration(rule.window),
        payout,
      },
      assumptions: replayAssumptions(r, options, outcome, payout, usd),
      findings: replayFindings(r, outcome.paid, usd),
      losses: await poolLosses(world, "StablecoinPool", {
        capital: parseUnits("1000000", 6),
        asked: outcome.paid,
        paid: outcome.paid,
      }),
      outcome: { ...outcome, coversSold: sold },
      units: { amount: TUSD },
      sections: replaySections(r, results, usd),
      figures: [replayFigure(r)],
    },
  );
}

/** The purchases and the payout, in words. */
function replayFindings(r: Replay, paid: bigint, usd: (v: bigint) => string): string[] {
  return [
    ...Object.values(r.attempts).map(
      (a) =>
        (a.firstRefused
          ? `The holder who ${a.who} was first refused at ${spellTime(BigInt(a.firstRefused.at))} (${a.firstRefused.why.replace(/\.$/, "")}), then `
          : `The holder who ${a.who} `) +
        `(${a.at ? spellTime(BigInt(a.at)) : "never reached"}, price ${a.price ?? "—"}): ` +
        (a.coverId !== undefined
          ? `bought cover ${a.coverId}.`
          : `was refused: ${(a.refused ?? "no such moment in the data").replace(/\.$/, "")}.`),
    ),
    `In total the covers were paid ${usd(paid)} tUSD.`,
  ];
}

/** The trigger timeline and the claims table. */
function replaySections(r: Replay, results: ClaimResult[], usd: (v: bigint) => string) {
  return [
    {
      heading: "What happened",
      body:
        `The recorded rounds drove the local depeg feed (times shifted by one offset; the dates below are the history's). ` +
        `Every cover files from the round the core finds pays most, then redeems.`,
    },
    { heading: "Trigger timeline", body: r.timeline.lines.join("\n") },
    {
      heading: "Claims",
      body: table(
        ["holder", "cover", "paid (tUSD)", "claim gas", "why"],
        results.map((x) => [
          x.who,
          String(x.coverId),
          usd(x.paid),
          x.gas ? x.gas.toLocaleString("en-US") : "—",
          x.why,
        ]),
      ),
    },
  ];
}

/** The feed's price by day of the history, with the trigger's first rounds marked. */
function replayFigure(r: Replay): Figure {
  const first = r.history.rounds[0];
  const days = r.history.rounds.map((x) => (x.updatedAt - first.updatedAt) / DAY);
  const prices = r.history.rounds.map((x) => Number(formatPrice(x.answer, r.history.decimals)));
  const markers = r.timeline.falls.map((f) => ({
    x: (f.at - first.updatedAt) / DAY,
    label: f.confirmed ? "fall (confirmed)" : "fall (false alarm)",
  }));
  return {
    file: "price.svg",
    title: "Feed price by day of the history",
    svg: lineChart(
      "Feed price",
      days,
      [{ name: "answer", values: prices }],
      "price",
      "days",
      markers,
      "trigger event",
    ),
  };
}

/** What the replay assumes: the history, the product rule and the buyers. */
function replayAssumptions(
  r: Replay,
  options: ScenarioOptions,
  o: { from: string; to: string },
  payout: string,
  usd: (v: bigint) => string,
): StatedAssumption[] {
  const { history, rule } = r;
  const price = (v: bigint) => formatPrice(v, history.decimals);
  const outcome = o;
  return [
    {
      name: "Feed history",
      value: `${history.rounds.length} recorded rounds from ${outcome.from} to ${outcome.to} (${path.basename(options.feed!)}), replayed with their gaps`,
      source: "the recorded feed history given with --feed",
    },
    {
      name: "Product rule",
      value: `trigger ${price(rule.trigger)}, recovery ${price(rule.recovery)}, confirmation over ${spellDuration(rule.window)}, rounds counted ${spellDuration(r.terms.waitingPeriod)} after purchase, ${payout} payout`,
      source: "the deployment's depeg product (ignition/modules/Pool.ts)",
    },
    {
      name: "Buyers",
      value: `three holders try to buy ${usd(COVER)} tUSD of cover: before the fall, at its first round, and after the confirmed window`,
      source: SCRIPTED,
    },
    { name: "Underwriter", value: "one underwriter deposits 1,000,000 tUSD", source: SCRIPTED },
  ];
}
