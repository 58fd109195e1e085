/**
 * `year`: 52 weeks of a WETH pool's life. Underwriters deposit and withdraw, holders buy and renew cover,
 * governance changes the product's pricing and capacity twice, and the product may have an incident after which
 * holders claim and assessors decide. Capital, utilization, premiums and claims are recorded week by week.
 *
 * Every assumption is stated and comes from risk/assumptions.ts: the incident from the product's risk type
 * ({Assumptions.incidents}), the agents' behaviour from {YearMarketAssumptions}. Incidents are drawn exactly as
 * the capital model (risk/capital.ts) draws them, so repeated years can be compared with it: at most one a year,
 * with the annual probability, in a week drawn uniformly; one severity per incident; holders of a `claimShare`
 * share of the active cover claim that severity of their cover (the last claimant for the part that completes
 * the share). Weeks are numbered from 1 everywhere (series, proposals, risk changes, markdown, JSON).
 */
import { parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { readClaim } from "../claims/claims.js";
import { RISK_TYPES, type RiskTypeName } from "../domain/products.js";
import { readPendingRiskChanges } from "../parameters/risk-changes.js";
import {
  type Assumptions,
  DEFAULT_ASSUMPTIONS,
  DEFAULT_YEAR_MARKET,
  type IncidentAssumption,
  type YearMarketAssumptions,
} from "../risk/assumptions.js";
import { type Agent, Progress, encode, rng } from "./engine.js";
import type { Report } from "./report.js";
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
import { PROPOSAL_WEEKS, productChange, yearReport } from "./year-report.js";

export interface Week {
  /** 1 to 52. */
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

/** The year's incident, drawn before the year starts (see the file's comment). */
export interface IncidentPlan {
  riskType: RiskTypeName;
  assumption: IncidentAssumption;
  /** Week (1-52) of the incident, or null: no incident this year. */
  week: number | null;
  /** Loss of each claimant as a share of the cover claimed. */
  severity: number;
}

/** What the incident did on chain. */
export interface IncidentOutcome {
  week: number;
  severity: number;
  /** Active cover of the product when it happened. */
  activeCover: bigint;
  /** Cover whose holders claimed (a `claimShare` share of `activeCover`). */
  coverClaimed: bigint;
  claims: number;
  /** Sum of the claims filed, read back from CoverClaims. */
  asked: bigint;
}

/** The year's population and running books, shared by its days. */
export interface YearRun {
  world: World;
  random: () => number;
  market: YearMarketAssumptions;
  plan: IncidentPlan;
  assessors: Agent[];
  underwriters: Agent[];
  buyers: Agent[];
  holdings: Map<Agent, Holding>;
  requested: Set<Agent>;
  pending: PendingClaim[];
  proposals: { week: number; title: string; state: string }[];
  incident?: IncidentOutcome;
  /** A governance change may be waiting for the pool's exit time: the keeper looks each week until none waits. */
  watchRisk: boolean;
  /** Claims approved and those denied by the assessors, in wei. */
  approved: bigint;
  denied: bigint;
  /** Advances the chain to day `day` of week index `week` (0-based) of the year, once. */
  at: (week: number, day: number) => Promise<unknown>;
  /** The time of day `day` of week index `week`. */
  time: (week: number, day: number) => number;
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

/** Draws the year's incident from the assumptions, with its own random stream (independent of the market's). */
export function planIncident(seed: number, riskType: RiskTypeName, assumptions: Assumptions): IncidentPlan {
  const random = rng((seed ^ 0x5bd1e995) >>> 0);
  const assumption = assumptions.incidents[riskType];
  const hit = random() < assumption.annualProbability;
  const week = 1 + Math.floor(random() * 52);
  const severity = assumption.severityMin + (assumption.severityMax - assumption.severityMin) * random();
  return { riskType, assumption, week: hit ? week : null, severity };
}

/** A problem with the market assumptions, in words: `undefined` when every value is in range. */
export function checkYearMarket(m: YearMarketAssumptions): string | undefined {
  const shares = {
    "weekly purchase chance": m.weeklyPurchaseChance,
    "weekly withdrawal chance": m.weeklyWithdrawalChance,
    "withdrawal share": m.withdrawalShare,
    "unfounded claim share": m.unfoundedClaimShare,
    "approval of a founded claim": m.approveFounded,
    "approval of an unfounded claim": m.approveUnfounded,
  };
  for (const [name, v] of Object.entries(shares))
    if (!(v >= 0 && v <= 1)) return `the ${name} must be between 0 and 1 (got ${v})`;
  const ranges: [string, number, number][] = [
    ["cover amount", m.coverEthMin, m.coverEthMax],
    ["first deposit", m.firstDepositEthMin, m.firstDepositEthMax],
    ["top-up", m.topUpEthMin, m.topUpEthMax],
  ];
  for (const [name, min, max] of ranges)
    if (!(Number.isInteger(min) && Number.isInteger(max) && min > 0 && min <= max))
      return `the ${name} bounds must be whole ether with 0 < minimum <= maximum (got ${min}-${max})`;
  if (!(
    Number.isInteger(m.coverWeeksMin) &&
    m.coverWeeksMin >= 4 &&
    m.coverWeeksMin <= m.coverWeeksMax &&
    m.coverWeeksMax <= 52
  ))
    return `cover periods must be whole weeks with 4 <= minimum <= maximum <= 52 (got ${m.coverWeeksMin}-${m.coverWeeksMax})`;
  if (!(m.weeklyTopUps >= 0)) return `the weekly top-ups must not be negative (got ${m.weeklyTopUps})`;
  return undefined;
}

/** The population: staked assessors, underwriters and buyers, and the year's books. */
async function population(world: World, options: ScenarioOptions): Promise<YearRun> {
  const market = options.market ?? DEFAULT_YEAR_MARKET;
  const problem = checkYearMarket(market);
  if (problem) throw new RangeError(`Year market assumption out of range: ${problem}`);
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
  const product = await world.dao.CoverBook.product(PRODUCTS.smartContractWeth);
  const riskType = RISK_TYPES[Number(product.riskType)] ?? "SmartContract";
  const start = world.chain.clock;
  const time = (week: number, day: number) => start + week * WEEK + day * DAY;
  let last = "";
  return {
    world,
    random: rng(options.seed),
    market,
    plan: planIncident(options.seed, riskType, options.assumptions ?? DEFAULT_ASSUMPTIONS),
    assessors,
    underwriters,
    buyers,
    holdings: new Map(),
    requested: new Set(),
    pending: [],
    proposals: [],
    watchRisk: false,
    approved: 0n,
    denied: 0n,
    time,
    at: async (week, day) => {
      if (last === `${week}/${day}`) return;
      last = `${week}/${day}`;
      await world.chain.advanceTo(time(week, day));
    },
  };
}

export async function year(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const started = performance.now();
  const progress = new Progress(53, options.progress ?? false);
  const world = await startWorld(connection, options, parseEther("6000000"));
  const run = await population(world, options);
  progress.tick("population ready");
  const weeks: Week[] = [];
  const riskChanges: { week: number; applied: string }[] = [];
  const totals = { deposits: 0n, withdrawals: 0n, claimsPaid: 0n };
  let previous = await world.dao.WethPool.poolState();
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
    await run.at(w, 6);
    for (const applied of await keeperDay(run)) riskChanges.push({ week: w + 1, applied });
    const state = await world.dao.WethPool.poolState();
    totals.deposits += week.deposits;
    totals.withdrawals += week.withdrawals;
    totals.claimsPaid += week.claimsPaid;
    weeks.push(weekRow(w, state, previous, week, totals));
    previous = state;
    progress.tick(`week ${w + 1}`);
  }
  return yearReport({ options, run, started, weeks, totals, riskChanges });
}

/** The books of week index `w` (0-based; the row's `week` counts from 1). */
function weekRow(
  w: number,
  state: Awaited<ReturnType<World["dao"]["WethPool"]["poolState"]>>,
  previous: Awaited<ReturnType<World["dao"]["WethPool"]["poolState"]>>,
  week: WeekTally,
  totals: { deposits: bigint; withdrawals: bigint; claimsPaid: bigint },
): Week {
  return {
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
      totals.deposits - totals.withdrawals + state.premiumsEarned - totals.claimsPaid - state.openLiabilities,
  };
}

/** A whole number of ether between two bounds. */
const ethBetween = (random: () => number, min: number, max: number) =>
  parseEther(String(min + Math.floor(random() * (max - min + 1))));

/** Day 0: deposits (everyone in week 1, then a few a week), cover purchases, a withdrawal request now and then. */
async function salesDay(run: YearRun, w: number, week: WeekTally): Promise<void> {
  const { world, random, market, underwriters, buyers, holdings } = run;
  const depositors =
    w === 0 ? underwriters : underwriters.filter(() => random() < market.weeklyTopUps / underwriters.length);
  const deposits = depositors.map((agent) => ({
    agent,
    amount:
      w === 0
        ? ethBetween(random, market.firstDepositEthMin, market.firstDepositEthMax)
        : ethBetween(random, market.topUpEthMin, market.topUpEthMax),
  }));
  const now = run.time(w, 0);
  const shoppers = buyers.filter((b) => {
    const h = holdings.get(b);
    return (!h || h.end <= now) && random() < market.weeklyPurchaseChance;
  });
  const purchases = shoppers.map((agent) => ({
    agent,
    amount: ethBetween(random, market.coverEthMin, market.coverEthMax),
    period:
      (market.coverWeeksMin + Math.floor(random() * (market.coverWeeksMax - market.coverWeeksMin + 1))) *
      WEEK,
  }));
  if (deposits.length + purchases.length > 0) await run.at(w, 0);
  if (deposits.length > 0) await deposit(world, "WethPool", deposits);
  for (const d of deposits) week.deposits += d.amount;
  const ids = await buyCovers(world, PRODUCTS.smartContractWeth, purchases);
  for (const [i, id] of ids.entries()) {
    if (id === undefined) {
      week.turnedAway += 1;
      continue;
    }
    week.sold += 1;
    const cover = await world.dao.CoverBook.cover(id);
    holdings.set(purchases[i].agent, {
      coverId: id,
      amount: purchases[i].amount,
      end: Number(cover.end),
      claimed: false,
    });
  }
  await withdrawalRequest(run, w);
}

/** Now and then one underwriter asks to withdraw a share of their shares (not around a proposal). */
async function withdrawalRequest(run: YearRun, w: number): Promise<void> {
  const { world, random, market, underwriters, requested } = run;
  const quietWeek = w + 2 in PROPOSAL_WEEKS || w + 1 in PROPOSAL_WEEKS;
  if (quietWeek || !(random() < market.weeklyWithdrawalChance)) return;
  const candidates = underwriters.filter((u) => !requested.has(u));
  const who = candidates[Math.floor(random() * candidates.length)];
  if (!who) return;
  const pool = world.dao.WethPool;
  const shares =
    ((await pool.balanceOf(who.address)) * BigInt(Math.round(market.withdrawalShare * 10_000))) / 10_000n;
  if (shares === 0n) return;
  await run.at(w, 0);
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

/** Day 1: last week's requests are ready; complete them (as far as free capital allows). */
async function withdrawalDay(run: YearRun, w: number, week: WeekTally): Promise<void> {
  const { world, requested } = run;
  if (requested.size === 0) return;
  const pool = world.dao.WethPool;
  const ready = [...requested];
  const readyAt = await Promise.all(
    ready.map(async (u) => Number((await pool.withdrawalRequest(u.address)).readyAt)),
  );
  const completing = ready.filter((_, i) => readyAt[i] <= run.time(w, 1));
  if (completing.length === 0) return;
  await run.at(w, 1);
  const assets = await completeWithdrawals(world, "WethPool", completing);
  for (const [i, agent] of completing.entries()) {
    week.withdrawals += assets[i] ?? 0n;
    if ((await pool.withdrawalRequest(agent.address)).shares === 0n) requested.delete(agent);
  }
}

/** Day 2: claims that became final are redeemed (approved) or settled (denied). */
async function redemptionDay(run: YearRun, w: number, week: WeekTally): Promise<void> {
  const { world, pending } = run;
  if (pending.length === 0) return;
  await run.at(w, 2);
  const finals = [];
  for (const p of pending) {
    const c = await readClaim(world.dao, p.claimId);
    if (c.state === "Approved" || c.state === "Denied")
      finals.push({ ...p, state: c.state, amount: c.amount });
  }
  const approved = finals.filter((f) => f.state === "Approved");
  const paid = await redeem(
    world,
    approved.map((f) => ({ agent: f.holder, claimId: f.claimId })),
  );
  for (const p of paid) week.claimsPaid += p ?? 0n;
  for (const f of approved) run.approved += f.amount;
  const denied = finals.filter((f) => f.state === "Denied");
  for (const f of denied) run.denied += f.amount;
  if (denied.length > 0)
    await settle(
      world,
      world.treasury,
      denied.map((f) => f.claimId),
    );
  for (const f of finals)
    pending.splice(
      pending.findIndex((p) => p.claimId === f.claimId),
      1,
    );
}

/**
 * The claims of an incident, as the capital model counts them: holders of active cover, in a random order,
 * claim `severity` of their cover until the cover claimed reaches `claimShare` of the active cover (the last one
 * for the part that completes it).
 */
export function incidentClaims<T extends { amount: bigint }>(
  active: T[],
  claimShare: number,
  severity: number,
  random: () => number,
): { holding: T; amount: bigint; covered: bigint }[] {
  const order = active.map((h) => ({ h, key: random() })).sort((a, b) => a.key - b.key);
  const total = active.reduce((a, h) => a + h.amount, 0n);
  let remaining = (total * BigInt(Math.round(claimShare * 1e9))) / 1_000_000_000n;
  const sev = BigInt(Math.round(severity * 1e9));
  const claims = [];
  for (const { h } of order) {
    if (remaining === 0n) break;
    const covered = h.amount < remaining ? h.amount : remaining;
    remaining -= covered;
    const amount = (covered * sev) / 1_000_000_000n;
    if (amount > 0n) claims.push({ holding: h, amount, covered });
  }
  return claims;
}

/** Day 3 of the incident's week: holders claim (see {incidentClaims}) and assessors vote. */
async function incidentDay(run: YearRun, w: number, week: WeekTally): Promise<void> {
  const { world, random, market, plan, assessors, holdings, pending } = run;
  if (plan.week !== w + 1) return;
  await run.at(w, 3);
  const now = world.chain.clock;
  const active = [...holdings.entries()]
    .filter(([, h]) => !h.claimed && h.end > now)
    .map(([agent, h]) => ({ agent, ...h }));
  const claims = incidentClaims(
    active,
    plan.assumption.claimShare,
    plan.severity,
    rng(run.world.chain.seed + w),
  );
  const activeCover = active.reduce((a, h) => a + h.amount, 0n);
  const claimIds =
    claims.length === 0
      ? []
      : await fileClaims(
          world,
          claims.map((c) => ({
            agent: c.holding.agent,
            coverId: c.holding.coverId,
            amount: c.amount,
            evidence: `ipfs://incident/week-${w + 1}`,
          })),
        );
  week.filed += claimIds.length;
  claims.forEach((c, i) => {
    holdings.get(c.holding.agent)!.claimed = true;
    pending.push({ claimId: claimIds[i], holder: c.holding.agent });
  });
  const founded = claimIds.map(() => !(random() < market.unfoundedClaimShare));
  await assess(
    world,
    claimIds.flatMap((claimId, i) =>
      assessors.map((agent) => ({
        agent,
        claimId,
        support: random() < (founded[i] ? market.approveFounded : market.approveUnfounded),
      })),
    ),
  );
  const filed = await Promise.all(claimIds.map((id) => readClaim(world.dao, id)));
  run.incident = {
    week: w + 1,
    severity: plan.severity,
    activeCover,
    coverClaimed: claims.reduce((a, c) => a + c.covered, 0n),
    claims: claimIds.length,
    asked: filed.reduce((a, c) => a + c.amount, 0n),
  };
}

/** A keeper applies the risk-raising changes whose exit delay has passed, while any is waiting. */
async function keeperDay(run: YearRun): Promise<string[]> {
  if (!run.watchRisk) return [];
  const applied = await applyDueRiskChanges(run.world, run.assessors[0]);
  const chain = { deployment: run.world.deployment, provider: run.world.connection.ethers.provider };
  run.watchRisk = (await readPendingRiskChanges(chain)).length > 0;
  return applied;
}

/** Day 4: governance changes the product twice a year (this takes about eight days). */
async function governanceDay(run: YearRun, w: number): Promise<void> {
  const { world, assessors, proposals } = run;
  const change = PROPOSAL_WEEKS[(w + 1) as keyof typeof PROPOSAL_WEEKS];
  if (!change) return;
  await run.at(w, 4);
  const call = await productChange(world, change);
  const decision = await decide(
    world,
    call,
    assessors[0],
    assessors.map((agent, i) => ({ agent, support: i % 4 === 3 ? "against" : "for" })),
  );
  run.watchRisk = true;
  proposals.push({
    week: w + 1,
    title: call.description.split("\n")[0].slice(2),
    state: decision.finalState,
  });
}
