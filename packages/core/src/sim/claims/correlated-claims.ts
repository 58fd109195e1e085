/**
 * The `correlated-claims` scenario: a depeg, every cover claims; who is paid and the shortfall.
 */
import { parseUnits } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { Progress, encode, rng } from "../engine.js";
import { type Report, scenarioReport, table } from "../report.js";
import {
  DAY,
  HOUR,
  type ScenarioOptions,
  agents as makeAgents,
  buyCovers,
  createdIds,
  completeWithdrawals,
  deposit,
  fileParametricClaims,
  redeem,
  startWorld,
} from "../setup.js";
import { barChart } from "../svg.js";
import {
  DEPEG,
  LOSS_NOTE,
  type Party,
  lossTable,
  underwriterHolding,
  usd,
  whoBoreTheLoss,
} from "./common.js";

// ------------------------------------------------------------------------------------- correlated-claims

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
  const random = rng(options.seed);
  const pool = world.dao.StablecoinPool;
  const n = Math.max(4, options.voters);
  // Underwriters: 1M tUSD; the first three (70 %) will leave.
  const underwriters = await makeAgents(world, "underwriter", 5);
  const deposits = [300_000, 250_000, 150_000, 200_000, 100_000].map((v) => parseUnits(String(v), 6));
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

  progress.tick("covers bought");
  // Day 7: the larger underwriters ask to withdraw (a 7-day cooldown, then a 2-day window).
  await world.chain.advance(7 * DAY);
  const leaving = underwriters.slice(0, 3);
  const leavingShares = await Promise.all(leaving.map((u) => pool.balanceOf(u.address)));
  await world.chain.sendAll(
    leaving.map((agent, i) => ({
      from: agent,
      to: world.address.StablecoinPool,
      data: encode(pool, "requestWithdrawal", [leavingShares[i]]),
      gas: 200_000n,
    })),
    "withdrawal requests",
  );

  // Day 12: the depeg, a collapse: the feed reports 0.10 and stays there, a round every 6 hours, through the
  // product's 24-hour confirmation window; claims can be filed once it has passed (day 13).
  await world.chain.advance(5 * DAY);
  const oracle = world.chain.agent("oracle");
  await world.chain.fund([oracle]);
  const feed = world.dao.DepegFeed;
  const post = async (answer: bigint, label: string) =>
    createdIds(
      world,
      await world.chain.sendAll(
        [
          {
            from: oracle,
            to: world.address.DepegFeed,
            data: encode(feed, "setAnswer", [answer]),
            gas: 200_000n,
          },
        ],
        label,
      ),
      "DepegFeed",
      "AnswerUpdated",
      "roundId",
    );
  const [round] = await post(10_000_000n, "depeg round");
  const depegRound = round ?? (await feed.latestRoundData()).roundId;
  for (let i = 0; i < 3; i++) {
    await world.chain.advance(6 * HOUR);
    await post(10_000_000n, "depeg round");
  }
  await world.chain.advance(6 * HOUR);
  const capitalAtDepeg = (await pool.poolState()).capital;
  const held = buyers
    .map((b, i) => ({ agent: b, coverId: coverIds[i], amount: amounts[i] }))
    .filter((h) => h.coverId !== undefined);
  const half = Math.ceil(held.length / 2);
  const fast = held.slice(0, half);
  const late = held.slice(half);
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
  await post(100_000_000n, "recovery round");

  progress.tick("depeg: fast claims paid");
  // Covers end on day 14, but the pool backs them through their 30-day grace period; the leaving underwriters
  // complete their withdrawals an hour after the day ends, inside their window, and take what no cover needs
  // (a completion with nothing free reverts and gives 0; what is not taken stays escrowed until the window
  // closes, then goes back to its owner).
  const lastEnd = Math.max(
    ...(await Promise.all(held.map(async (h) => Number((await world.dao.CoverBook.cover(h.coverId!)).end)))),
  );
  await world.chain.advanceTo(Math.ceil(lastEnd / DAY) * DAY + HOUR);
  const withdrawn = await completeWithdrawals(world, "StablecoinPool", leaving);
  const capitalBeforeLate = (await pool.poolState()).capital;

  progress.tick("underwriters left");
  // Day 20: the late claimants claim in the grace period and redeem in the order they claimed.
  await world.chain.advance(5 * DAY);
  const lateIds = await fileParametricClaims(
    world,
    late.map((h) => ({ agent: h.agent, coverId: h.coverId!, amount: h.amount })),
    depegRound,
  );
  const latePaid = await redeem(
    world,
    late.map((h, i) => ({ agent: h.agent, claimId: lateIds[i] })),
  );
  progress.tick("late claims redeemed");
  const end = await pool.poolState();
  const holdings = await Promise.all(underwriters.map((u) => underwriterHolding(pool, u.address)));
  // What each approved claim pays: the loss at the end of the window (90 % of the cover at 0.10).
  const due = async (id: bigint) => (await world.dao.CoverClaims.claim(id)).amount;
  const claimsRows = [
    ...(await Promise.all(
      fastIds.map(async (id, i) => ({
        wave: "at the depeg",
        claimId: id,
        amount: await due(id),
        paid: fastPaid[i] ?? 0n,
      })),
    )),
    ...(await Promise.all(
      lateIds.map(async (id, i) => ({
        wave: "grace period",
        claimId: id,
        amount: await due(id),
        paid: latePaid[i] ?? 0n,
      })),
    )),
  ];
  const requested = claimsRows.reduce((a, r) => a + r.amount, 0n);
  const paidTotal = claimsRows.reduce((a, r) => a + r.paid, 0n);
  const lossByGroup = whoBoreTheLoss([
    ...underwriters.map((_, i): Party => ({
      group: i < leaving.length ? "leavers" : "stayers",
      putIn: deposits[i],
      tookOut: i < leaving.length ? (withdrawn[i] ?? 0n) : 0n,
      held: holdings[i],
    })),
    ...claimsRows.map((r): Party => ({ group: "claimants", putIn: r.amount, tookOut: r.paid, held: 0n })),
  ]);
  const outcome = {
    capitalAtStart: capital0,
    coverSold: sold,
    capitalAtDepeg,
    withdrawnByLeavers: withdrawn.reduce((a: bigint, b) => a + (b ?? 0n), 0n),
    capitalBeforeLateClaims: capitalBeforeLate,
    claims: claimsRows,
    requested,
    paid: paidTotal,
    shortfall: requested - paidTotal,
    poolTotalShortfall: end.totalShortfall,
    capitalAtEnd: end.capital,
    lossByGroup,
  };
  const [stayers, leavers, claimants] = lossByGroup;
  return scenarioReport(
    "correlated-claims",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: { buyers: n, underwriters: underwriters.length },
      outcome,
      sections: [
        {
          heading: "What happened",
          body:
            `Five underwriters put ${usd(capital0).toLocaleString()} tUSD into the stablecoin pool; ${n} holders bought 14-day ` +
            `depeg cover for ${usd(sold).toLocaleString()} tUSD (the product sells at most 70 % of capital). On day 7 the three ` +
            `largest underwriters (70 % of the capital) asked to withdraw. On day 12 the stablecoin collapsed to 0.10, below the ` +
            `0.995 trigger, and stayed below the 0.999 recovery price through the 24-hour confirmation window: on day 13 ` +
            `${fast.length} holders claimed the loss (90 % of their cover) and were paid. The covers ended on day 14, but the pool ` +
            `backs each cover until its end plus the 30-day grace period: on day 15 the leaving underwriters could take only ` +
            `the capital no cover needs, ${usd(outcome.withdrawnByLeavers).toLocaleString()} tUSD, priced net of the claims ` +
            `already paid, leaving ${usd(capitalBeforeLate).toLocaleString()} tUSD. On day 20 the other ${late.length} holders ` +
            `claimed in the grace period: ${usd(paidTotal).toLocaleString()} of ${usd(requested).toLocaleString()} tUSD was paid ` +
            `in all, a shortfall of **${usd(outcome.shortfall).toLocaleString()} tUSD** (the pool records ` +
            `${usd(end.totalShortfall).toLocaleString()}). The claims were borne by the underwriters: the stayers lost ` +
            `${(stayers.lossPerUnit * 100).toFixed(2)} % of what they put in, the leavers ${(leavers.lossPerUnit * 100).toFixed(2)} % ` +
            `(they bore the claims paid before they left, not those filed after their capital had gone), and the claimants ` +
            `${usd(claimants.loss).toLocaleString()} tUSD.`,
        },
        {
          heading: "Who bore the loss (tUSD)",
          body: `${lossTable(lossByGroup, (v) => usd(v).toLocaleString())}\n\n${LOSS_NOTE}`,
        },
        {
          heading: "Claims, in the order they were redeemed",
          body: table(
            ["claim", "filed", "asked (tUSD)", "paid (tUSD)"],
            claimsRows.map((r) => [
              String(r.claimId),
              r.wave,
              usd(r.amount).toLocaleString(),
              usd(r.paid).toLocaleString(),
            ]),
          ),
        },
      ],
      figures: [
        {
          file: "payouts.svg",
          title: "Asked and paid by wave",
          svg: barChart(
            "Depeg claims (tUSD)",
            [
              { label: "capital at depeg", value: usd(capitalAtDepeg) },
              {
                label: "asked at depeg",
                value: usd(
                  claimsRows.filter((r) => r.wave === "at the depeg").reduce((a, r) => a + r.amount, 0n),
                ),
              },
              {
                label: "paid at depeg",
                value: usd(
                  claimsRows.filter((r) => r.wave === "at the depeg").reduce((a, r) => a + r.paid, 0n),
                ),
              },
              { label: "capital left", value: usd(capitalBeforeLate) },
              {
                label: "asked late",
                value: usd(
                  claimsRows.filter((r) => r.wave !== "at the depeg").reduce((a, r) => a + r.amount, 0n),
                ),
              },
              {
                label: "paid late",
                value: usd(
                  claimsRows.filter((r) => r.wave !== "at the depeg").reduce((a, r) => a + r.paid, 0n),
                ),
              },
              { label: "shortfall", value: usd(outcome.shortfall) },
            ],
            "tUSD",
          ),
        },
      ],
    },
  );
}
