/**
 * The `correlated-claims` scenario: a depeg, every cover claims; who is paid and the shortfall.
 */
import { parseUnits } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { Progress, encode, rng } from "../engine.js";
import {
  type Report,
  SCRIPTED,
  type StatedAssumption,
  TUSD,
  amount,
  percent,
  scenarioReport,
  table,
} from "../report.js";
import {
  DAY,
  HOUR,
  type ScenarioOptions,
  type World,
  agents as makeAgents,
  buyCovers,
  createdIds,
  completeWithdrawals,
  deposit,
  fileParametricClaims,
  redeem,
  poolLosses,
  startWorld,
} from "../setup.js";
import { groupedBarChart } from "../svg.js";
import {
  DEPEG,
  LOSS_NOTE,
  type Party,
  lossTable,
  underwriterHolding,
  usd,
  whoBoreTheLoss,
} from "./common.js";

/** Underwriters' deposits (tUSD); the first three (70 %) will leave. */
const DEPOSITS = [300_000, 250_000, 150_000, 200_000, 100_000];
const LEAVING = 3;
/** The depeg's price (8 decimals: 0.10) and the feed's answer after it recovers (1.00). */
const DEPEG_PRICE = 10_000_000n;
const RECOVERED = 100_000_000n;

/**
 * A stablecoin depegs: every depeg cover may claim. Fast claimants claim and redeem at once; meanwhile
 * underwriters who had asked to withdraw try to leave when the covers end; late claimants claim in the grace
 * period. Covers stay backed until their end plus the grace period, so the leavers take only the capital no
 * cover needs, and every claim is paid in full. The report says who bore the loss: stayers, leavers, claimants.
 */
export async function correlatedClaims(
  connection: NetworkConnection,
  options: ScenarioOptions,
): Promise<Report> {
  const started = performance.now();
  const progress = new Progress(4, options.progress ?? false);
  const world = await startWorld(connection, options, 0n);
  const n = Math.max(4, options.voters);
  const book = await fundAndSell(world, n, rng(options.seed));
  progress.tick("covers bought");
  const depeg = await depegAndFastClaims(world, book);
  progress.tick("depeg: fast claims paid");
  const late = await leaveThenLateClaims(world, book, depeg, progress);
  return correlatedReport(world, options, started, n, book, depeg, late);
}

/** Five underwriters fund the stablecoin pool; `n` buyers share 14-day depeg cover for about 65 % of it. */
async function fundAndSell(world: World, n: number, random: () => number) {
  const pool = world.dao.StablecoinPool;
  const underwriters = await makeAgents(world, "underwriter", DEPOSITS.length);
  const deposits = DEPOSITS.map((v) => parseUnits(String(v), 6));
  await deposit(
    world,
    "StablecoinPool",
    underwriters.map((agent, i) => ({ agent, amount: deposits[i] })),
  );
  const capital0 = (await pool.poolState()).capital;
  // Buyers share about 65 % of the capital (the product's capacity is 70 %).
  const buyers = await makeAgents(world, "buyer", n);
  const shares = buyers.map(() => 0.5 + random());
  const total = shares.reduce((a, b) => a + b, 0);
  const amounts = shares.map((s) => (capital0 * BigInt(Math.floor((s / total) * 650_000))) / 1_000_000n);
  const coverIds = await buyCovers(
    world,
    DEPEG,
    buyers.map((agent, i) => ({ agent, amount: amounts[i], period: 14 * DAY })),
  );
  const sold = amounts.filter((_, i) => coverIds[i] !== undefined).reduce((a, b) => a + b, 0n);
  const held = buyers
    .map((b, i) => ({ agent: b, coverId: coverIds[i], amount: amounts[i] }))
    .filter((h) => h.coverId !== undefined);
  return { underwriters, deposits, capital0, sold, held, leaving: underwriters.slice(0, LEAVING) };
}

type Book = Awaited<ReturnType<typeof fundAndSell>>;

/** The oracle posts `answer` as a new round; returns the round's id. */
async function post(world: World, answer: bigint, label: string): Promise<bigint | undefined> {
  const oracle = world.chain.agent("oracle");
  const results = await world.chain.sendAll(
    [
      {
        from: oracle,
        to: world.address.DepegFeed,
        data: encode(world.dao.DepegFeed, "setAnswer", [answer]),
        gas: 200_000n,
      },
    ],
    label,
  );
  return (await createdIds(world, results, "DepegFeed", "AnswerUpdated", "roundId"))[0];
}

/**
 * Day 7: the larger underwriters ask to withdraw (a 7-day cooldown, then a 2-day window). Day 12: the depeg, a
 * collapse to 0.10 that stays through the 24-hour confirmation window (a round every 6 hours); on day 13 the
 * first half of the holders claim and redeem; then the price recovers.
 */
async function depegAndFastClaims(world: World, book: Book) {
  const pool = world.dao.StablecoinPool;
  await world.chain.advance(7 * DAY);
  const leavingShares = await Promise.all(book.leaving.map((u) => pool.balanceOf(u.address)));
  await world.chain.sendAll(
    book.leaving.map((agent, i) => ({
      from: agent,
      to: world.address.StablecoinPool,
      data: encode(pool, "requestWithdrawal", [leavingShares[i]]),
      gas: 200_000n,
    })),
    "withdrawal requests",
  );
  await world.chain.advance(5 * DAY);
  await world.chain.fund([world.chain.agent("oracle")]);
  const round = await post(world, DEPEG_PRICE, "depeg round");
  const depegRound = round ?? (await world.dao.DepegFeed.latestRoundData()).roundId;
  for (let i = 0; i < 3; i++) {
    await world.chain.advance(6 * HOUR);
    await post(world, DEPEG_PRICE, "depeg round");
  }
  await world.chain.advance(6 * HOUR);
  const capitalAtDepeg = (await pool.poolState()).capital;
  const fast = book.held.slice(0, Math.ceil(book.held.length / 2));
  const fastIds = await fileParametricClaims(
    world,
    fast.map((h) => ({ agent: h.agent, coverId: h.coverId!, amount: h.amount })),
    depegRound,
  );
  const fastPaid = await redeem(
    world,
    fast.map((h, i) => ({ agent: h.agent, claimId: fastIds[i] })),
  );
  await world.chain.advance(12 * HOUR);
  await post(world, RECOVERED, "recovery round");
  return { depegRound, capitalAtDepeg, fast, fastIds, fastPaid };
}

type Depeg = Awaited<ReturnType<typeof depegAndFastClaims>>;

/**
 * Covers end on day 14, but the pool backs them through their 30-day grace period; the leaving underwriters
 * complete their withdrawals an hour after the day ends and take what no cover needs (a completion with nothing
 * free reverts and gives 0; what is not taken stays escrowed until the window closes). Day 20: the other holders
 * claim in the grace period and redeem in the order they claimed.
 */
async function leaveThenLateClaims(world: World, book: Book, depeg: Depeg, progress: Progress) {
  const pool = world.dao.StablecoinPool;
  const lastEnd = Math.max(
    ...(await Promise.all(
      book.held.map(async (h) => Number((await world.dao.CoverBook.cover(h.coverId!)).end)),
    )),
  );
  await world.chain.advanceTo(Math.ceil(lastEnd / DAY) * DAY + HOUR);
  const withdrawn = await completeWithdrawals(world, "StablecoinPool", book.leaving);
  const capitalBeforeLate = (await pool.poolState()).capital;
  progress.tick("underwriters left");
  await world.chain.advance(5 * DAY);
  const late = book.held.slice(depeg.fast.length);
  const lateIds = await fileParametricClaims(
    world,
    late.map((h) => ({ agent: h.agent, coverId: h.coverId!, amount: h.amount })),
    depeg.depegRound,
  );
  const latePaid = await redeem(
    world,
    late.map((h, i) => ({ agent: h.agent, claimId: lateIds[i] })),
  );
  progress.tick("late claims redeemed");
  return { withdrawn, capitalBeforeLate, late, lateIds, latePaid };
}

/** Every claim, in the order redeemed: what it asked (the loss at the window's end) and what it was paid. */
async function claimRows(world: World, depeg: Depeg, late: Awaited<ReturnType<typeof leaveThenLateClaims>>) {
  const due = async (id: bigint) => (await world.dao.CoverClaims.claim(id)).amount;
  const wave = async (wave: string, ids: bigint[], paid: (bigint | undefined)[]) =>
    Promise.all(
      ids.map(async (id, i) => ({ wave, claimId: id, amount: await due(id), paid: paid[i] ?? 0n })),
    );
  return [
    ...(await wave("at the depeg", depeg.fastIds, depeg.fastPaid)),
    ...(await wave("grace period", late.lateIds, late.latePaid)),
  ];
}

/** The report: assumptions, findings and losses first, then who bore the loss, the claims and the chart. */
async function correlatedReport(
  world: World,
  options: ScenarioOptions,
  started: number,
  n: number,
  book: Book,
  depeg: Depeg,
  late: Awaited<ReturnType<typeof leaveThenLateClaims>>,
): Promise<Report> {
  const pool = world.dao.StablecoinPool;
  const end = await pool.poolState();
  const holdings = await Promise.all(book.underwriters.map((u) => underwriterHolding(pool, u.address)));
  const claimsRows = await claimRows(world, depeg, late);
  const requested = claimsRows.reduce((a, r) => a + r.amount, 0n);
  const paidTotal = claimsRows.reduce((a, r) => a + r.paid, 0n);
  const lossByGroup = whoBoreTheLoss([
    ...book.underwriters.map((_, i): Party => ({
      group: i < LEAVING ? "leavers" : "stayers",
      putIn: book.deposits[i],
      tookOut: i < LEAVING ? (late.withdrawn[i] ?? 0n) : 0n,
      held: holdings[i],
    })),
    ...claimsRows.map((r): Party => ({ group: "claimants", putIn: r.amount, tookOut: r.paid, held: 0n })),
  ]);
  const outcome = {
    capitalAtStart: book.capital0,
    coverSold: book.sold,
    capitalAtDepeg: depeg.capitalAtDepeg,
    withdrawnByLeavers: late.withdrawn.reduce((a: bigint, b) => a + (b ?? 0n), 0n),
    capitalBeforeLateClaims: late.capitalBeforeLate,
    claims: claimsRows,
    requested,
    paid: paidTotal,
    shortfall: requested - paidTotal,
    poolTotalShortfall: end.totalShortfall,
    capitalAtEnd: end.capital,
    lossByGroup,
  };
  const [stayers, leavers, claimants] = lossByGroup;
  const t = (v: bigint) => `${amount(usd(v), 2)} tUSD`;
  return scenarioReport(
    "correlated-claims",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: { buyers: n, underwriters: book.underwriters.length },
      assumptions: correlatedAssumptions(n),
      findings: [
        `Claims asked ${t(requested)} (the loss at the window's end: 90 % of each cover) and were paid ${t(paidTotal)}: a shortfall of ${t(outcome.shortfall)} (the pool records ${t(end.totalShortfall)}).`,
        `The leaving underwriters could take only the capital no cover needed: ${t(outcome.withdrawnByLeavers)}, leaving ${t(late.capitalBeforeLate)} for the grace-period claims.`,
        `The stayers lost ${percent(stayers.lossPerUnit)} of what they put in, the leavers ${percent(leavers.lossPerUnit)} (they bore the claims paid before they left); the claimants lost ${t(claimants.loss)}.`,
      ],
      losses: await poolLosses(world, "StablecoinPool", {
        capital: book.deposits.reduce((a, b) => a + b, 0n),
        asked: requested,
        paid: paidTotal,
      }),
      outcome,
      units: { amount: TUSD },
      sections: correlatedSections(lossByGroup, claimsRows),
      figures: [correlatedFigure(claimsRows, depeg.capitalAtDepeg, late.capitalBeforeLate)],
    },
  );
}

/** Capital before each wave against what the wave asked and was paid. */
function correlatedFigure(
  rows: { wave: string; amount: bigint; paid: bigint }[],
  atDepeg: bigint,
  beforeLate: bigint,
) {
  const sum = (wave: string, f: (r: (typeof rows)[number]) => bigint) =>
    usd(rows.filter((r) => r.wave === wave).reduce((a, r) => a + f(r), 0n));
  return {
    file: "payouts.svg",
    title: "Capital, asked and paid, by wave",
    svg: groupedBarChart(
      "Depeg claims by wave (tUSD)",
      ["at the depeg (day 13)", "grace period (day 20)"],
      [
        { name: "capital before the wave", values: [usd(atDepeg), usd(beforeLate)] },
        {
          name: "asked",
          values: [sum("at the depeg", (r) => r.amount), sum("grace period", (r) => r.amount)],
        },
        { name: "paid", values: [sum("at the depeg", (r) => r.paid), sum("grace period", (r) => r.paid)] },
      ],
      "tUSD",
    ),
  };
}

/** What the depeg scenario assumes: its script. */
function correlatedAssumptions(n: number): StatedAssumption[] {
  return [
    {
      name: "Underwriters",
      value: `five deposit ${DEPOSITS.map((d) => amount(d)).join(", ")} tUSD; the three largest (70 %) ask to withdraw on day 7`,
      source: SCRIPTED,
    },
    {
      name: "Buyers",
      value: `${n} holders buy 14-day depeg cover, together about 65 % of the capital (the product sells at most 70 %)`,
      source: SCRIPTED,
    },
    {
      name: "Depeg",
      value:
        "on day 12 the stablecoin collapses to 0.10 and stays there through the 24-hour confirmation window (a round every 6 hours)",
      source: SCRIPTED,
    },
    {
      name: "Claims",
      value: "every holder claims: half on day 13, the rest on day 20 in the 30-day grace period",
      source: SCRIPTED,
    },
  ];
}

/** Who bore the loss, and every claim in the order redeemed. */
function correlatedSections(
  lossByGroup: ReturnType<typeof whoBoreTheLoss>,
  claimsRows: { wave: string; claimId: bigint; amount: bigint; paid: bigint }[],
) {
  return [
    {
      heading: "Who bore the loss (tUSD)",
      body: `${lossTable(lossByGroup, (v) => amount(usd(v), 2))}\n\n${LOSS_NOTE}`,
    },
    {
      heading: "Claims, in the order they were redeemed",
      body: table(
        ["claim", "filed", "asked (tUSD)", "paid (tUSD)"],
        claimsRows.map((r) => [String(r.claimId), r.wave, amount(usd(r.amount), 2), amount(usd(r.paid), 2)]),
      ),
    },
  ];
}
