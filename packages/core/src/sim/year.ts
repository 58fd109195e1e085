/**
 * `year`: 52 weeks of a WETH pool's life. Underwriters deposit and withdraw, holders buy and renew
 * cover, some claim after incidents and assessors decide, and governance changes the product's pricing
 * and capacity twice. Capital, utilization, premiums and claims are recorded week by week.
 */
import { type BigNumberish, formatEther, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { readClaim } from "../claims/claims.js";
import { productParams } from "../pool/pricing.js";
import type { ProposalCall } from "../governance/governance.js";
import { type Agent, Progress, encode, rng } from "./engine.js";
import { type Report, scenarioReport, table } from "./report.js";
import {
  DAY,
  PRODUCTS,
  type ScenarioOptions,
  WEEK,
  type World,
  agents as makeAgents,
  applyDueRiskChanges,
  assess,
  buyCovers,
  completeWithdrawals,
  decide,
  delegateAndStake,
  deposit,
  fileClaims,
  giveTokens,
  redeem,
  settle,
  startWorld,
} from "./setup.js";
import { lineChart } from "./svg.js";

export interface Week {
  week: number;
  capital: bigint;
  activeCover: bigint;
  utilizationBps: number;
  /** Premium paid by buyers this week (pool's share, streamed in over each cover's period). */
  premiumsReceived: bigint;
  /** Premium the pool earned this week. */
  premiumsEarned: bigint;
  deposits: bigint;
  withdrawals: bigint;
  claimsPaid: bigint;
  coversSold: number;
  coversTurnedAway: number;
  claimsFiled: number;
  /** Claims filed and not yet final, deducted from capital (docs/liabilities.md). */
  openLiabilities: bigint;
  /** Cumulative deposits - withdrawals + premiums earned - claims paid - open liabilities, to compare with `capital`. */
  expectedCapital: bigint;
}

interface Holding {
  coverId: bigint;
  amount: bigint;
  end: number;
  claimed: boolean;
}

interface PendingClaim {
  claimId: bigint;
  holder: Agent;
}

const PROPOSAL_WEEKS = { 13: "price", 39: "capacity" } as const;

/** The year's population and running books, shared by its days. */
interface YearRun {
  world: World;
  random: () => number;
  assessors: Agent[];
  underwriters: Agent[];
  buyers: Agent[];
  holdings: Map<Agent, Holding>;
  requested: Set<Agent>;
  pending: PendingClaim[];
  proposals: { week: number; title: string; state: string }[];
  /** Advances the chain to day `day` of week `week` (0-based) of the year. */
  at: (week: number, day: number) => Promise<unknown>;
}

/** One week's flows, filled in day by day. */
interface WeekTally {
  deposits: bigint;
  withdrawals: bigint;
  claimsPaid: bigint;
  sold: number;
  turnedAway: number;
  filed: number;
}

export async function year(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const started = performance.now();
  const random = rng(options.seed);
  const progress = new Progress(53, options.progress ?? false);
  const world = await startWorld(connection, options, parseEther("6000000"));
  const pool = world.dao.WethPool;
  const n = Math.max(8, options.voters);
  const nAssessors = Math.max(5, Math.floor(n / 4));
  const assessors = await makeAgents(world, "assessor", nAssessors);
  const each = parseEther("6000000") / BigInt(nAssessors);
  await giveTokens(
    world,
    assessors.map((a) => ({ to: a, amount: each })),
  );
  await delegateAndStake(
    world,
    assessors.map((a) => ({ agent: a, stake: each / 2n })),
  );
  const underwriters = await makeAgents(world, "underwriter", Math.max(4, Math.floor(n / 4)));
  const buyers = await makeAgents(world, "buyer", Math.max(6, Math.floor(n / 2)));
  const start = world.chain.clock;
  const at = (week: number, day: number) => world.chain.advanceTo(start + week * WEEK + day * DAY);
  progress.tick("population ready");

  const totals = { deposits: 0n, withdrawals: 0n, claimsPaid: 0n };
  const holdings = new Map<Agent, Holding>();
  const requested = new Set<Agent>();
  const pending: PendingClaim[] = [];
  const weeks: Week[] = [];
  const proposals: { week: number; title: string; state: string }[] = [];
  const riskChanges: { week: number; applied: string }[] = [];
  let previous = await pool.poolState();
  const claimParams = await world.dao.CoverClaims.parameters();
  const run: YearRun = {
    world,
    random,
    assessors,
    underwriters,
    buyers,
    holdings,
    requested,
    pending,
    proposals,
    at,
  };

  for (let w = 0; w < 52; w++) {
    const week: WeekTally = {
      deposits: 0n,
      withdrawals: 0n,
      claimsPaid: 0n,
      sold: 0,
      turnedAway: 0,
      filed: 0,
    };
    await salesDay(run, w, week);
    await withdrawalDay(run, w, week);
    await redemptionDay(run, w, week);
    await incidentDay(run, w, week);
    await governanceDay(run, w);

    // Day 6: a keeper applies governance's risk-raising changes once underwriters could leave, then the books.
    await at(w, 6);
    for (const applied of await applyDueRiskChanges(world, assessors[0]))
      riskChanges.push({ week: w, applied });
    const state = await pool.poolState();
    totals.deposits += week.deposits;
    totals.withdrawals += week.withdrawals;
    totals.claimsPaid += week.claimsPaid;
    weeks.push({
      week: w + 1,
      capital: state.capital,
      activeCover: state.activeCover,
      utilizationBps: Number(state.utilizationBps),
      premiumsReceived: state.premiumsReceived - previous.premiumsReceived,
      premiumsEarned: state.premiumsEarned - previous.premiumsEarned,
      deposits: week.deposits,
      withdrawals: week.withdrawals,
      claimsPaid: week.claimsPaid,
      coversSold: week.sold,
      coversTurnedAway: week.turnedAway,
      claimsFiled: week.filed,
      openLiabilities: state.openLiabilities,
      expectedCapital:
        totals.deposits -
        totals.withdrawals +
        state.premiumsEarned -
        totals.claimsPaid -
        state.openLiabilities,
    });
    previous = state;
    progress.tick(`week ${w + 1}`);
  }

  const last = weeks.at(-1)!;
  const sum = (f: (w: Week) => bigint) => weeks.reduce((a, w) => a + f(w), 0n);
  const product = await world.dao.CoverBook.product(PRODUCTS.smartContractWeth);
  const outcome = {
    weeks: weeks.length,
    finalCapital: last.capital,
    totalDeposits: totals.deposits,
    totalWithdrawals: totals.withdrawals,
    totalPremiumsEarned: sum((w) => w.premiumsEarned),
    totalClaimsPaid: totals.claimsPaid,
    coversSold: weeks.reduce((a, w) => a + w.coversSold, 0),
    coversTurnedAway: weeks.reduce((a, w) => a + w.coversTurnedAway, 0),
    claimsFiled: weeks.reduce((a, w) => a + w.claimsFiled, 0),
    claimsStillPending: pending.length,
    maxCapitalGap: weeks.reduce((m, w) => {
      const gap =
        w.capital > w.expectedCapital ? w.capital - w.expectedCapital : w.expectedCapital - w.capital;
      return gap > m ? gap : m;
    }, 0n),
    peakUtilizationBps: Math.max(...weeks.map((w) => w.utilizationBps)),
    proposals,
    riskChanges,
    productAfter: {
      baseRateBps: Number(product.baseRateBps),
      capacityRatioBps: Number(product.capacityRatioBps),
    },
    claimDeposit: claimParams.claimDeposit,
    series: weeks,
  };
  return yearReport({
    options,
    world,
    started,
    n,
    nAssessors,
    underwriters,
    buyers,
    weeks,
    outcome,
    totals,
    proposals,
    riskChanges,
    last,
  });
}

/** Day 0: deposits (everyone in week 0, then one or two a week), cover purchases, withdrawal requests. */
async function salesDay(run: YearRun, w: number, week: WeekTally): Promise<void> {
  const { world, random, underwriters, buyers, holdings, requested, at } = run;
  const pool = world.dao.WethPool;
  const book = world.dao.CoverBook;
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  await at(w, 0);
  const depositors = w === 0 ? underwriters : underwriters.filter(() => random() < 1.5 / underwriters.length);
  const depositAmounts = depositors.map((agent) => ({
    agent,
    amount: parseEther(String(w === 0 ? 40 + Math.floor(random() * 80) : 5 + Math.floor(random() * 45))),
  }));
  if (depositAmounts.length > 0) await deposit(world, "WethPool", depositAmounts);
  for (const d of depositAmounts) week.deposits += d.amount;

  const now = world.chain.clock;
  const shoppers = buyers.filter((b) => {
    const h = holdings.get(b);
    return (!h || h.end <= now) && random() < 0.5;
  });
  const purchases = shoppers.map((agent) => ({
    agent,
    amount: parseEther(String(10 + Math.floor(random() * 51))),
    period: (4 + Math.floor(random() * 9)) * WEEK,
  }));
  const ids = await buyCovers(world, PRODUCTS.smartContractWeth, purchases);
  for (const [i, id] of ids.entries()) {
    if (id === undefined) {
      week.turnedAway += 1;
      continue;
    }
    week.sold += 1;
    const cover = await book.cover(id);
    holdings.set(purchases[i].agent, {
      coverId: id,
      amount: purchases[i].amount,
      end: Number(cover.end),
      claimed: false,
    });
  }

  const quietWeek = w + 1 in PROPOSAL_WEEKS || w in PROPOSAL_WEEKS;
  if (!quietWeek && random() < 0.35) {
    const who = pick(underwriters.filter((u) => !requested.has(u)));
    if (who) {
      const shares = ((await pool.balanceOf(who.address)) * 3n) / 10n;
      if (shares > 0n) {
        await world.chain.sendAll(
          [
            {
              from: who,
              to: world.address.WethPool,
              data: encode(pool, "requestWithdrawal", [shares]),
              gas: 200_000n,
            },
          ],
          "withdrawal request",
        );
        requested.add(who);
      }
    }
  }
}

/** Day 1: last week's requests are ready; complete them (as far as free capital allows). */
async function withdrawalDay(run: YearRun, w: number, week: WeekTally): Promise<void> {
  const { world, requested, at } = run;
  const pool = world.dao.WethPool;
  await at(w, 1);
  const ready = [...requested].filter((u) => u !== undefined);
  const readyAt = await Promise.all(
    ready.map(async (u) => Number((await pool.withdrawalRequest(u.address)).readyAt)),
  );
  const completing = ready.filter((_, i) => readyAt[i] <= world.chain.clock);
  if (completing.length > 0) {
    const assets = await completeWithdrawals(world, "WethPool", completing);
    for (const [i, agent] of completing.entries()) {
      week.withdrawals += assets[i] ?? 0n;
      if ((await pool.withdrawalRequest(agent.address)).shares === 0n) requested.delete(agent);
    }
  }
}

/** Day 2: claims that became final are redeemed (approved) or settled (denied). */
async function redemptionDay(run: YearRun, w: number, week: WeekTally): Promise<void> {
  const { world, pending, at } = run;
  await at(w, 2);
  const finals = [];
  for (const p of pending) {
    const c = await readClaim(world.dao, p.claimId);
    if (c.state === "Approved" || c.state === "Denied") finals.push({ ...p, state: c.state });
  }
  const approved = finals.filter((f) => f.state === "Approved");
  const paid = await redeem(
    world,
    approved.map((f) => ({ agent: f.holder, claimId: f.claimId })),
  );
  for (const p of paid) week.claimsPaid += p ?? 0n;
  const denied = finals.filter((f) => f.state === "Denied").map((f) => f.claimId);
  if (denied.length > 0) await settle(world, world.treasury, denied);
  for (const f of finals)
    pending.splice(
      pending.findIndex((p) => p.claimId === f.claimId),
      1,
    );
}

/** Day 3: an incident now and then; holders of active cover claim and assessors vote. */
async function incidentDay(run: YearRun, w: number, week: WeekTally): Promise<void> {
  const { world, random, assessors, holdings, pending, at } = run;
  await at(w, 3);
  if (random() < 0.12) {
    const claimants = [...holdings.entries()].filter(
      ([, h]) => !h.claimed && h.end > world.chain.clock && random() < 0.3,
    );
    if (claimants.length > 0) {
      const claimIds = await fileClaims(
        world,
        claimants.map(([agent, h]) => ({
          agent,
          coverId: h.coverId,
          amount: (h.amount * BigInt(50 + Math.floor(random() * 51))) / 100n,
          evidence: `ipfs://incident/week-${w}`,
        })),
      );
      week.filed += claimIds.length;
      claimants.forEach(([agent, h], i) => {
        h.claimed = true;
        pending.push({ claimId: claimIds[i], holder: agent });
      });
      const honest = claimIds.map(() => random() < 0.8);
      await assess(
        world,
        claimIds.flatMap((claimId, i) =>
          assessors.map((agent) => ({ agent, claimId, support: random() < (honest[i] ? 0.9 : 0.15) })),
        ),
      );
    }
  }
}

/** Day 4: governance changes the product twice a year (this takes about eight days). */
async function governanceDay(run: YearRun, w: number): Promise<void> {
  const { world, assessors, proposals, at } = run;
  const change = PROPOSAL_WEEKS[w as keyof typeof PROPOSAL_WEEKS];
  if (change) {
    await at(w, 4);
    const call = await productChange(world, change);
    const decision = await decide(
      world,
      call,
      assessors[0],
      assessors.map((agent, i) => ({ agent, support: i % 4 === 3 ? "against" : "for" })),
    );
    proposals.push({
      week: w,
      title: call.description.split("\n")[0].slice(2),
      state: decision.finalState,
    });
  }
}

/** The year's report: the story, quarter by quarter, and the weekly charts. */
function yearReport({
  options,
  world,
  started,
  n,
  nAssessors,
  underwriters,
  buyers,
  weeks,
  outcome,
  totals,
  proposals,
  riskChanges,
  last,
}: {
  options: ScenarioOptions;
  world: World;
  started: number;
  n: number;
  nAssessors: number;
  underwriters: Agent[];
  buyers: Agent[];
  weeks: Week[];
  outcome: Record<string, unknown> & {
    coversSold: number;
    coversTurnedAway: number;
    claimsFiled: number;
    totalPremiumsEarned: bigint;
    maxCapitalGap: bigint;
  };
  totals: { deposits: bigint; withdrawals: bigint; claimsPaid: bigint };
  proposals: { week: number; title: string; state: string }[];
  riskChanges: { week: number; applied: string }[];
  last: Week;
}): Report {
  const x = weeks.map((w) => w.week);
  const e = (v: bigint) => Number(formatEther(v));
  const cumulative = (f: (w: Week) => bigint) => {
    let acc = 0n;
    return weeks.map((w) => e((acc += f(w))));
  };
  return scenarioReport(
    "year",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: {
        agents: n,
        underwriters: underwriters.length,
        buyers: buyers.length,
        assessors: nAssessors,
      },
      outcome,
      sections: [
        {
          heading: "What happened",
          body:
            `One year of the WETH pool, week by week. ${underwriters.length} underwriters deposited ` +
            `${e(totals.deposits).toLocaleString()} ETH in all and withdrew ${e(totals.withdrawals).toLocaleString()} ETH ` +
            `(each withdrawal waits 7 days). ${buyers.length} holders bought ${outcome.coversSold} covers of 4 to 12 weeks ` +
            `(${outcome.coversTurnedAway} purchases were turned away for lack of capacity); the pool earned ` +
            `${e(outcome.totalPremiumsEarned).toLocaleString()} ETH of premium. After incidents, ${outcome.claimsFiled} claims ` +
            `were filed and ${e(totals.claimsPaid).toLocaleString()} ETH paid. Governance changed the product twice: ` +
            `${proposals.map((p) => `week ${p.week + 1}, "${p.title}" (${p.state})`).join("; ")}; ` +
            `a change that raised risk waited for the underwriters' exit time before a keeper applied it (` +
            `${riskChanges.map((r) => `week ${r.week + 1}: ${r.applied}`).join("; ") || "none raised risk"}). ` +
            `The year ends with ${e(last.capital).toLocaleString()} ETH of capital at ${last.utilizationBps / 100} % utilization. ` +
            `Every week, capital equals deposits - withdrawals + premiums earned - claims paid - open claims (largest difference: ${outcome.maxCapitalGap} wei).`,
        },
        {
          heading: "Quarter by quarter",
          body: table(
            [
              "weeks",
              "deposits",
              "withdrawals",
              "premiums earned",
              "claims paid",
              "capital at end",
              "utilization at end",
            ],
            [0, 1, 2, 3].map((q) => {
              const part = weeks.slice(q * 13, q * 13 + 13);
              const s = (f: (w: Week) => bigint) => e(part.reduce((a, w) => a + f(w), 0n)).toFixed(2);
              const endWeek = part.at(-1)!;
              return [
                `${q * 13 + 1}-${q * 13 + 13}`,
                s((w) => w.deposits),
                s((w) => w.withdrawals),
                s((w) => w.premiumsEarned),
                s((w) => w.claimsPaid),
                e(endWeek.capital).toFixed(2),
                `${endWeek.utilizationBps / 100} %`,
              ];
            }),
          ),
        },
      ],
      figures: [
        {
          file: "capital.svg",
          title: "Capital and active cover",
          svg: lineChart(
            "Capital and active cover (ETH), by week",
            x,
            [
              { name: "capital", values: weeks.map((w) => e(w.capital)) },
              { name: "active cover", values: weeks.map((w) => e(w.activeCover)) },
            ],
            "ETH",
            "week",
          ),
        },
        {
          file: "utilization.svg",
          title: "Utilization",
          svg: lineChart(
            "Utilization (active cover / capital), by week",
            x,
            [{ name: "utilization %", values: weeks.map((w) => w.utilizationBps / 100) }],
            "%",
            "week",
          ),
        },
        {
          file: "premiums.svg",
          title: "Premiums",
          svg: lineChart(
            "Premiums (ETH): paid by buyers and earned by the pool, per week",
            x,
            [
              { name: "paid in", values: weeks.map((w) => e(w.premiumsReceived)) },
              { name: "earned", values: weeks.map((w) => e(w.premiumsEarned)) },
            ],
            "ETH",
            "week",
          ),
        },
        {
          file: "claims.svg",
          title: "Claims paid against premiums earned",
          svg: lineChart(
            "Cumulative claims paid vs premiums earned (ETH)",
            x,
            [
              { name: "claims paid", values: cumulative((w) => w.claimsPaid) },
              { name: "premiums earned", values: cumulative((w) => w.premiumsEarned) },
            ],
            "ETH",
            "week",
          ),
        },
      ],
    },
  );
}

/** A proposal changing the smart-contract product: its price (week 13) or its capacity (week 39). */
async function productChange(world: World, change: "price" | "capacity"): Promise<ProposalCall> {
  const book = world.dao.CoverBook;
  const id: BigNumberish = PRODUCTS.smartContractWeth;
  const current = await productParams(book, BigInt(id));
  const params = {
    ...current,
    baseRateBps: change === "price" ? current.baseRateBps + 100n : current.baseRateBps,
    capacityRatioBps: change === "capacity" ? 9_000n : current.capacityRatioBps,
  };
  const description =
    change === "price"
      ? `# Raise the smart-contract cover base rate to ${Number(params.baseRateBps) / 100} %\n\nClaims ran above plan in the first quarter.`
      : `# Let smart-contract cover use 90 % of the pool\n\nBuyers were turned away while capital sat idle.`;
  return {
    actions: [
      { target: world.address.CoverBook, value: 0n, calldata: encode(book, "updateProduct", [id, params]) },
    ],
    description,
  };
}
