/**
 * The `year` report: its assumptions (from risk/assumptions.ts), its findings in words (the incident, loss
 * ratio, underwriter return, shortfall, who bore the loss, and what the capital model expects under the same
 * assumptions), the quarters, and the weekly charts with the governance changes marked.
 */
import { type BigNumberish, formatEther } from "ethers";

import type { ProposalCall } from "../governance/governance.js";
import { RISK_TYPE_LABELS } from "../domain/products.js";
import { productParams } from "../pool/pricing.js";
import { DEFAULT_ASSUMPTIONS, type Assumptions } from "../risk/assumptions.js";
import { runRiskModel } from "../risk/capital.js";
import { encode } from "./engine.js";
import {
  ETH,
  type Figure,
  type Report,
  SCRIPTED,
  type StatedAssumption,
  amount,
  lossSummary,
  percent,
  scenarioReport,
  sourceOf,
  table,
} from "./report.js";
import { PRODUCTS, type ScenarioOptions, type World, slashedTotal } from "./setup.js";
import { type Marker, lineChart } from "./svg.js";
import type { Week, YearRun } from "./year.js";

/** The weeks (1-based) in which governance proposes a change to the smart-contract product. */
export const PROPOSAL_WEEKS = { 14: "price", 40: "capacity" } as const;

const e = (v: bigint) => Number(formatEther(v));
const eth = (v: bigint | number) => `${amount(typeof v === "bigint" ? e(v) : v, 2)} ETH`;

interface YearTotals {
  deposits: bigint;
  withdrawals: bigint;
  claimsPaid: bigint;
}

/** The year's report (see the file's comment). */
export async function yearReport(o: {
  options: ScenarioOptions;
  run: YearRun;
  started: number;
  weeks: Week[];
  totals: YearTotals;
  riskChanges: { week: number; applied: string }[];
}): Promise<Report> {
  const { run, weeks, totals } = o;
  const world = run.world;
  const assumptions = o.options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const state = await world.dao.WethPool.poolState();
  const outcome = await yearOutcome(run, weeks, totals, o.riskChanges);
  const losses = lossSummary(
    { symbol: "ETH", decimals: 18 },
    {
      capital: totals.deposits,
      premiums: outcome.totalPremiumsEarned,
      asked: outcome.claimsAsked,
      paid: totals.claimsPaid,
      shortfall: state.totalShortfall,
      slashed: await slashedTotal(world),
    },
  );
  return scenarioReport(
    "year",
    o.options,
    { stats: world.chain.stats, started: o.started },
    {
      parameters: {
        agents: Math.max(8, o.options.voters),
        underwriters: run.underwriters.length,
        buyers: run.buyers.length,
        assessors: run.assessors.length,
      },
      assumptions: yearAssumptions(run, assumptions),
      findings: yearFindings(run, weeks, outcome, assumptions, o.options.seed),
      losses,
      outcome,
      units: { amount: ETH },
      sections: yearSections(run, weeks, totals, outcome),
      figures: yearFigures(weeks, run, o.riskChanges),
    },
  );
}

/** The outcome a test asserts on (amounts in wei). */
async function yearOutcome(
  run: YearRun,
  weeks: Week[],
  totals: YearTotals,
  riskChanges: { week: number; applied: string }[],
) {
  const last = weeks.at(-1)!;
  const sum = (f: (w: Week) => bigint) => weeks.reduce((a, w) => a + f(w), 0n);
  const count = (f: (w: Week) => number) => weeks.reduce((a, w) => a + f(w), 0);
  const product = await run.world.dao.CoverBook.product(PRODUCTS.smartContractWeth);
  const claimParams = await run.world.dao.CoverClaims.parameters();
  return {
    weeks: weeks.length,
    finalCapital: last.capital,
    totalDeposits: totals.deposits,
    totalWithdrawals: totals.withdrawals,
    totalPremiumsEarned: sum((w) => w.premiumsEarned),
    averageActiveCover: sum((w) => w.activeCover) / BigInt(weeks.length),
    incident: run.incident ?? null,
    claimsAsked: run.incident?.asked ?? 0n,
    claimsApproved: run.approved,
    claimsDenied: run.denied,
    totalClaimsPaid: totals.claimsPaid,
    coversSold: count((w) => w.coversSold),
    coversTurnedAway: count((w) => w.coversTurnedAway),
    claimsFiled: count((w) => w.claimsFiled),
    claimsStillPending: run.pending.length,
    maxCapitalGap: weeks.reduce((m, w) => {
      const gap =
        w.capital > w.expectedCapital ? w.capital - w.expectedCapital : w.expectedCapital - w.capital;
      return gap > m ? gap : m;
    }, 0n),
    peakUtilizationBps: Math.max(...weeks.map((w) => w.utilizationBps)),
    proposals: run.proposals,
    riskChanges,
    productAfter: {
      baseRateBps: Number(product.baseRateBps),
      capacityRatioBps: Number(product.capacityRatioBps),
    },
    claimDeposit: claimParams.claimDeposit,
    series: weeks,
  };
}

type YearOutcome = Awaited<ReturnType<typeof yearOutcome>>;

/** Every assumption the year rests on, with its source. */
function yearAssumptions(run: YearRun, a: Assumptions): StatedAssumption[] {
  const i = run.plan.assumption;
  const m = run.market;
  const type = RISK_TYPE_LABELS[run.plan.riskType];
  const incident = sourceOf(i.source);
  return [
    { name: "Assumptions version", value: a.version, source: "packages/core/src/risk/assumptions.ts" },
    {
      name: "Incident chance",
      value: `${percent(i.annualProbability)} a year for ${type} cover, at most one a year, in a week drawn uniformly`,
      source: incident,
    },
    {
      name: "Share of cover claiming",
      value: `holders of ${percent(i.claimShare)} of the active cover claim after an incident`,
      source: "the same as the incident chance's",
    },
    {
      name: "Severity",
      value: `${percent(i.severityMin)} to ${percent(i.severityMax)} of the cover claimed (one draw per incident)`,
      source: "the same as the incident chance's",
    },
    {
      name: "Cover purchases",
      value: `each week ${percent(m.weeklyPurchaseChance)} of holders without cover buy ${m.coverEthMin}-${m.coverEthMax} ETH for ${m.coverWeeksMin}-${m.coverWeeksMax} weeks`,
      source: sourceOf(m.source),
    },
    {
      name: "Underwriters",
      value:
        `deposit ${m.firstDepositEthMin}-${m.firstDepositEthMax} ETH in week 1, ${m.weeklyTopUps} top-ups a week of ${m.topUpEthMin}-${m.topUpEthMax} ETH; ` +
        `a ${percent(m.weeklyWithdrawalChance)} chance a week that one asks to withdraw ${percent(m.withdrawalShare)} of their shares`,
      source: sourceOf(m.source),
    },
    {
      name: "Assessment",
      value: `${percent(m.unfoundedClaimShare)} of the claims are unfounded; an assessor approves a founded claim with ${percent(m.approveFounded)}, an unfounded one with ${percent(m.approveUnfounded)}`,
      source: sourceOf(m.assessorSource),
    },
    {
      name: "Governance",
      value:
        "week 14 raises the product's base rate by 1 point, week 40 its capacity to 90 % of the pool; 3 of 4 assessors vote for",
      source: SCRIPTED,
    },
  ];
}

/** The findings in words: the incident, the book, the changes, and what the capital model expects. */
function yearFindings(run: YearRun, weeks: Week[], o: YearOutcome, a: Assumptions, seed: number): string[] {
  const i = run.incident;
  const p = run.plan.assumption.annualProbability;
  const findings = [
    i
      ? `An incident in week ${i.week}: holders of ${eth(i.coverClaimed)} of the ${eth(i.activeCover)} of active cover claimed ` +
        `${percent(i.severity)} of it: ${i.claims} claims asking ${eth(i.asked)}; assessors approved ${eth(o.claimsApproved)} and ` +
        `denied ${eth(o.claimsDenied)}; ${eth(o.totalClaimsPaid)} was paid by the year's end (${o.claimsStillPending} claims still open).`
      : `No incident this year (a ${percent(p)} chance a year under the assumptions): no claim was filed.`,
    `The pool earned ${eth(o.totalPremiumsEarned)} of premium on ${eth(o.averageActiveCover)} of active cover on average ` +
      `(${o.coversSold} covers sold, ${o.coversTurnedAway} turned away for lack of capacity); capital went from ` +
      `${eth(weeks[0].capital)} after week 1 to ${eth(o.finalCapital)} (peak utilization ${o.peakUtilizationBps / 100} %).`,
    `Governance: ${run.proposals.map((p) => `week ${p.week}, "${p.title}" (${p.state})`).join("; ")}; ` +
      (o.riskChanges.length > 0
        ? `the risk-raising change waited for the underwriters' exit time and applied in ${o.riskChanges.map((r) => `week ${r.week} (${r.applied})`).join(", ")}.`
        : "no change raised risk."),
  ];
  const model = runRiskModel(
    {
      pools: [
        {
          name: "WethPool",
          symbol: "ETH",
          capital: e(o.finalCapital),
          openLiabilities: 0,
          capacityRatio: 0.8,
        },
      ],
      products: [
        {
          id: PRODUCTS.smartContractWeth,
          name: "smart-contract cover",
          pool: 0,
          riskType: run.plan.riskType,
          activeCover: e(o.averageActiveCover),
          annualPremium: e(o.totalPremiumsEarned),
          capacityRatio: 0.8,
        },
      ],
    },
    { paths: 20_000, seed, assumptions: a },
  ).pools[0];
  findings.push(
    `Under the same assumptions the capital model (20,000 one-year paths) expects ${eth(model.expectedLoss)} of claims a year ` +
      `on this average book (standard deviation ${eth(model.lossStdDev)}; 1 year in 200: ${eth(model.quantiles.var)}); this year's claims asked ${eth(o.claimsAsked)}.`,
  );
  return findings;
}

/** The story and the quarters. */
function yearSections(run: YearRun, weeks: Week[], totals: YearTotals, o: YearOutcome) {
  return [
    {
      heading: "What happened",
      body:
        `One year of the WETH pool, week by week (weeks 1 to 52). ${run.underwriters.length} underwriters deposited ` +
        `${eth(totals.deposits)} in all and withdrew ${eth(totals.withdrawals)} (each withdrawal waits 7 days). ` +
        `${run.buyers.length} holders bought ${o.coversSold} covers. Every week, capital equals deposits − withdrawals + ` +
        `premiums earned − claims paid − open claims (largest difference: ${eth(o.maxCapitalGap)}).`,
    },
    {
      heading: "Quarter by quarter (ETH)",
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
          const s = (f: (w: Week) => bigint) => amount(e(part.reduce((a, w) => a + f(w), 0n)), 2);
          const endWeek = part.at(-1)!;
          return [
            `${q * 13 + 1}-${q * 13 + 13}`,
            s((w) => w.deposits),
            s((w) => w.withdrawals),
            s((w) => w.premiumsEarned),
            s((w) => w.claimsPaid),
            amount(e(endWeek.capital), 2),
            `${endWeek.utilizationBps / 100} %`,
          ];
        }),
      ),
    },
  ];
}

/** The weekly charts, with executed proposals, applied risk changes and the incident marked. */
function yearFigures(
  weeks: Week[],
  run: YearRun,
  riskChanges: { week: number; applied: string }[],
): Figure[] {
  const x = weeks.map((w) => w.week);
  let acc = 0n;
  const cumulative = (f: (w: Week) => bigint) => weeks.map((w) => e((acc += f(w))));
  const markers: Marker[] = [
    ...run.proposals.map((p) => ({
      x: p.week,
      label: `proposal: ${PROPOSAL_WEEKS[p.week as 14 | 40]} (${p.state})`,
    })),
    ...riskChanges.map((r) => ({ x: r.week, label: "risk change applied" })),
    ...(run.incident ? [{ x: run.incident.week, label: "incident" }] : []),
  ];
  const chart = (
    file: string,
    title: string,
    series: { name: string; values: number[] }[],
    unit: string,
  ) => ({
    file,
    title,
    svg: lineChart(title, x, series, unit, "week", markers, "governance change or incident"),
  });
  const paid = cumulative((w) => w.claimsPaid);
  acc = 0n;
  const earned = cumulative((w) => w.premiumsEarned);
  return [
    chart(
      "capital.svg",
      "Capital and active cover (ETH), by week",
      [
        { name: "capital", values: weeks.map((w) => e(w.capital)) },
        { name: "active cover", values: weeks.map((w) => e(w.activeCover)) },
      ],
      "ETH",
    ),
    chart(
      "utilization.svg",
      "Utilization (active cover / capital, %), by week",
      [{ name: "utilization", values: weeks.map((w) => w.utilizationBps / 100) }],
      "%",
    ),
    chart(
      "premiums.svg",
      "Premiums paid by buyers and earned by the pool (ETH), per week",
      [
        { name: "paid in", values: weeks.map((w) => e(w.premiumsReceived)) },
        { name: "earned", values: weeks.map((w) => e(w.premiumsEarned)) },
      ],
      "ETH",
    ),
    chart(
      "claims.svg",
      "Cumulative claims paid and premiums earned (ETH)",
      [
        { name: "claims paid", values: paid },
        { name: "premiums earned", values: earned },
      ],
      "ETH",
    ),
  ];
}

/** A proposal changing the smart-contract product: its price (week 14) or its capacity (week 40). */
export async function productChange(world: World, change: "price" | "capacity"): Promise<ProposalCall> {
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
