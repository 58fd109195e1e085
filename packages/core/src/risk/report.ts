/**
 * The risk report (browser-safe): the capital model's and the corruption analysis's results as JSON, markdown
 * and SVG charts, every assumption stated with its source, every amount in human units (3 significant digits
 * or 2 decimals, never base units). `npm run risk` writes it; docs/risk.md explains how to read it.
 */
import { RISK_TYPES, RISK_TYPE_LABELS } from "../domain/products.js";
import { shortDuration } from "../format/durations.js";
import { barChart } from "../sim/svg.js";
import type { Assumptions, Prices, Source } from "./assumptions.js";
import type { PoolRisk, RiskResult } from "./capital.js";
import {
  type ClaimCorruption,
  type GovernanceCorruption,
  type PayoffRow,
  assessorPayoffs,
  claimCorruption,
  governanceCorruption,
  marginRemedies,
  stakeToApprove,
} from "./corruption.js";
import type { ChainRiskInputs } from "./chain.js";

export interface RiskReport {
  title: string;
  chain: { chainId: number; block: number; timestamp: string };
  run: { paths: number; seed: number; seconds: number };
  findings: string[];
  /** The book the model ran on, as read from the chain (amounts in each pool's asset). */
  book: ChainRiskInputs["model"];
  capital: Omit<RiskResult, "pools"> & { pools: PoolRisk[] };
  corruption: {
    claimVote: ChainRiskInputs["claimVote"];
    products: ClaimCorruption[];
    governance: GovernanceCorruption & ChainRiskInputs["governance"];
    payoffs: { stakeShare: number; claimUsd: number; rows: PayoffRow[] };
  };
  observed: ChainRiskInputs["observed"];
  assumptions: Assumptions;
  prices: Prices;
}

/** A number in human units: thousands separated, 2 decimals from 1 up, 3 significant digits below. */
export function human(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "unlimited" : "n/a";
  if (x === 0) return "0";
  if (Math.abs(x) >= 1) return x.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return x.toLocaleString("en-US", { maximumSignificantDigits: 3 });
}
export const pct = (x: number): string => (Number.isFinite(x) ? `${human(x * 100)} %` : "n/a");
const usd = (x: number) => `${human(x)} USD`;
const ratio = (x: number | null) => (x === null ? "no requirement (nothing at risk)" : `${human(x)}×`);

/** Builds the report from what {readRiskInputs} read and what {runRiskModel} found. */
export function buildRiskReport(
  inputs: ChainRiskInputs,
  result: RiskResult,
  o: { assumptions: Assumptions; chainId: number; seconds: number },
): RiskReport {
  const products = claimCorruption(inputs.claimVote, inputs.corruptionProducts, inputs.prices.tokenUsd);
  const governance = {
    ...inputs.governance,
    ...governanceCorruption(inputs.governance, inputs.prices.tokenUsd),
  };
  const voted = products.filter((p) => !p.byFeed);
  const largest = voted.reduce((m, p) => Math.max(m, p.largestClaimUsd), 0);
  const potUsd = inputs.corruptionProducts.reduce((m, p) => Math.max(m, p.assessorPot * p.assetPriceUsd), 0);
  // The payoff table's assessor brings a tenth of the stake the attack needs (expressed against the existing stake).
  const stakeShare =
    inputs.claimVote.totalStake > 0 ? stakeToApprove(inputs.claimVote) / inputs.claimVote.totalStake / 10 : 0;
  const payoffs = {
    stakeShare,
    claimUsd: largest,
    rows: assessorPayoffs(inputs.claimVote, {
      stakeShare,
      tokenPriceUsd: inputs.prices.tokenUsd,
      claimUsd: largest,
      assessorPotUsd: potUsd,
    }),
  };
  const findings: string[] = [];
  for (const pool of result.pools) {
    const u = pool.symbol;
    findings.push(
      `${pool.name}: expected claims ${human(pool.expectedLoss)} ${u} a year against ${human(pool.annualPremium)} ${u} of premiums ` +
        `(expected underwriter return ${pct(pool.expectedReturn)} of capital); 1-in-200 claims ${human(pool.quantiles.var)} ${u} ` +
        `against ${human(pool.capital)} ${u} of capital: solvency ratio ${ratio(pool.solvencyRatio)}, probability of ruin ${pct(pool.ruinProbability)}.`,
    );
  }
  const weakest = voted.reduce<ClaimCorruption | undefined>(
    (w, p) => (!w || p.corruptionMargin < w.corruptionMargin ? p : w),
    undefined,
  );
  if (weakest) findings.push(claimFinding(inputs, weakest));
  for (const p of voted.filter((x) => x !== weakest && x.corruptionMargin < 1))
    findings.push(claimFinding(inputs, p));
  findings.push(
    `Governance: passing a malicious proposal takes ${human(governance.votesNeeded)} votes (${pct(governance.votesShare)} of the supply, ${usd(governance.costUsd)}); ` +
      `a risk-raising change applies ${shortDuration(governance.secondsToApplyRiskChange)} after its proposal, other changes after ${shortDuration(governance.secondsToApply)}, ` +
      `against a withdrawal cooldown of ${shortDuration(governance.withdrawalCooldown)}: underwriters ${governance.canExitBeforeRiskChange ? "can" : "CANNOT"} leave before a risk-raising change` +
      ` and ${governance.canExitBeforeChange ? "can" : "cannot"} before other changes.`,
  );
  const collude = payoffs.rows[3].payoffUsd;
  findings.push(
    `Assessor payoffs: an assessor with ${pct(stakeShare)} of the stake earns ${usd(payoffs.rows[0].payoffUsd)} voting honestly and expects ` +
      `${usd(collude)} colluding on the largest claim: ${collude > payoffs.rows[0].payoffUsd ? "collusion pays" : "honesty pays"}.`,
  );
  return {
    title: "CoverDAO risk report",
    chain: {
      chainId: o.chainId,
      block: inputs.block.number,
      timestamp: new Date(inputs.block.timestamp * 1000).toISOString(),
    },
    run: { paths: result.paths, seed: result.seed, seconds: o.seconds },
    findings,
    book: inputs.model,
    capital: result,
    corruption: { claimVote: inputs.claimVote, products, governance, payoffs },
    observed: inputs.observed,
    assumptions: o.assumptions,
    prices: inputs.prices,
  };
}

/**
 * The claim-vote finding of one product: the stake, its cost at the stated token price, the margin and, below 1,
 * what brings it to 1 (each lever alone): the claim quorum, the stake, the token price, the capacity ratio.
 */
function claimFinding(inputs: ChainRiskInputs, p: ClaimCorruption): string {
  const vote = inputs.claimVote;
  const tokenUsd = inputs.prices.tokenUsd;
  const stated = `at the stated token price of ${usd(tokenUsd)} (an input: --token-price${inputs.prices.source.kind === "judgement" ? "; a placeholder where the token has no market" : ""})`;
  const head =
    `Claim votes on "${p.name}": approving a fraudulent claim takes ${human(p.stakeNeeded)} staked tokens (${pct(p.stakeShare)} of the stake) ` +
    `worth ${usd(p.stakeCostUsd)} ${stated}; its largest claim pays ${usd(p.largestClaimUsd)}: corruption margin ${human(p.corruptionMargin)}×`;
  if (p.corruptionMargin >= 1) return `${head} (above 1).`;
  const product = inputs.corruptionProducts.find((c) => c.id === p.id);
  const r = marginRemedies(vote, p, product?.capacityRatio ?? 1, tokenUsd);
  const quorum =
    r.quorumShare === undefined
      ? "no claim quorum can (the honest turnout is too low against the claim)"
      : `a claim quorum of ${pct(Math.ceil(r.quorumShare * 1000) / 1000)} (now ${pct(vote.quorumShare)}${r.quorumAllowed === false ? `; above the contract's bound of ${pct(vote.maxQuorumShare ?? 1)}, so not by this lever alone` : ""})`;
  return (
    `${head} — BELOW 1: buying the vote costs less than the claim pays. ` +
    `A risk committee can bring it to 1 with any one of: ${quorum}; ${human(r.totalStake)} staked tokens (now ${human(vote.totalStake)}, at the same turnout); ` +
    `a capacity ratio of ${pct(Math.floor(r.capacityRatio * 1000) / 1000)} for the product (now ${pct(product?.capacityRatio ?? 1)}); ` +
    `or, if the market values the token at ${usd(r.tokenPriceUsd)} or more, nothing (rerun with --token-price).`
  );
}

/** The report as JSON: numbers rounded to 6 significant digits (no base units, no float noise). */
export function riskReportJson(report: RiskReport): string {
  return `${JSON.stringify(
    report,
    (_key, value: unknown) =>
      typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)
        ? Number(value.toPrecision(6))
        : value === Number.POSITIVE_INFINITY
          ? "unlimited"
          : value,
    2,
  )}\n`;
}

const sourceText = (s: Source) =>
  `${s.kind === "judgement" ? "Judgement" : "Published"}: ${s.note}${s.urls?.length ? ` (${s.urls.map((u) => `<${u}>`).join(", ")})` : ""}`;

/** Every assumption as markdown rows: name, value, source. */
export function assumptionRows(
  a: Assumptions,
  prices: Prices,
  observed: ChainRiskInputs["observed"],
): string[][] {
  const rows: string[][] = [];
  for (const type of RISK_TYPES) {
    const i = a.incidents[type];
    rows.push([
      `${RISK_TYPE_LABELS[type]} incidents`,
      `${pct(i.annualProbability)} a product a year; ${pct(i.claimShare)} of cover claims; loss ${pct(i.severityMin)}–${pct(i.severityMax)} of a claimant's cover`,
      sourceText(i.source),
    ]);
  }
  const d = a.depeg;
  rows.push([
    "Depeg model (parametric products)",
    `${pct(d.annualProbability)} a year; depth ${pct(d.depthMin)}–${pct(d.depthMax)}, or a collapse (${pct(d.collapseProbability)} of depegs) of ${pct(d.collapseDepthMin)}–${pct(d.collapseDepthMax)}; ${pct(d.sustainedProbability)} outlast the confirmation window; ${pct(d.claimShare)} of cover claims`,
    sourceText(d.source),
  ]);
  rows.push([
    "Correlation",
    `${human(a.correlation.withinType)} within a risk type, ${human(a.correlation.acrossTypes)} across types (Gaussian copula)`,
    sourceText(a.correlation.source),
  ]);
  rows.push(["Confidence level", pct(a.confidence), sourceText(a.sources.confidence)]);
  rows.push([
    "Honest claim turnout",
    `${pct(observed.claimTurnout.value)} (${observed.claimTurnout.from === "chain" ? `observed on ${observed.claimTurnout.votes} finished claim votes` : `assumed: ${pct(a.honestClaimTurnout)}`})`,
    observed.claimTurnout.from === "chain"
      ? "Observed on this chain."
      : sourceText(a.sources.honestClaimTurnout),
  ]);
  rows.push([
    "Governance turnout",
    `${pct(observed.governanceTurnout.value)} (${observed.governanceTurnout.from === "chain" ? `observed on ${observed.governanceTurnout.votes} finished proposals` : `assumed: ${pct(a.governanceTurnout)}`})`,
    observed.governanceTurnout.from === "chain"
      ? "Observed on this chain."
      : sourceText(a.sources.governanceTurnout),
  ]);
  rows.push(["Fraud detection", pct(a.fraudDetection), sourceText(a.sources.fraudDetection)]);
  rows.push([
    "Prices",
    `token ${usd(prices.tokenUsd)}; ${Object.entries(prices.assetsUsd)
      .map(([s, p]) => `${s} ${usd(p)}`)
      .join(", ")}`,
    sourceText(prices.source),
  ]);
  return rows;
}

const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

/** The capital model's section: one row per pool. */
function capitalSection(report: RiskReport): string[] {
  const c = report.capital;
  return [
    "## Capital model (one year of claims)",
    "",
    table(
      [
        "Pool",
        "Capital",
        "Open liabilities",
        "Active cover",
        "Premiums a year",
        "Expected claims",
        "Median",
        "90 %",
        "99 %",
        `VaR ${pct(c.confidence)} (requirement)`,
        "Solvency ratio",
        "Probability of ruin",
        "Expected return",
        "Loss-making years",
      ],
      c.pools.map((p) => [
        p.name,
        `${human(p.capital)} ${p.symbol}`,
        `${human(p.openLiabilities)} ${p.symbol}`,
        `${human(p.activeCover)} ${p.symbol}`,
        `${human(p.annualPremium)} ${p.symbol}`,
        `${human(p.expectedLoss)} ${p.symbol}`,
        `${human(p.quantiles.p50)} ${p.symbol}`,
        `${human(p.quantiles.p90)} ${p.symbol}`,
        `${human(p.quantiles.p99)} ${p.symbol}`,
        `${human(p.capitalRequirement)} ${p.symbol}`,
        ratio(p.solvencyRatio),
        pct(p.ruinProbability),
        pct(p.expectedReturn),
        pct(p.lossYearProbability),
      ]),
    ),
    "",
    `Probability that some pool is ruined in the year: ${pct(c.anyRuinProbability)}.`,
    "",
  ];
}

/** The cost of corruption's section: the claim vote, per product, governance and the assessor payoffs. */
function corruptionSection(report: RiskReport): string[] {
  return [
    "## Cost of corruption",
    "",
    `Claim vote: quorum ${pct(report.corruption.claimVote.quorumShare)} of ${human(report.corruption.claimVote.totalStake)} staked tokens, honest turnout ${pct(report.corruption.claimVote.honestTurnout)}, ` +
      `slashing up to ${pct(report.corruption.claimVote.maxSlashShare)} of a stake, fraud caught ${pct(report.corruption.claimVote.fraudDetection)} of the time. ` +
      "The attacker's stake must be staked before filing (weight at filing) and stays locked until the claim is final.",
    "",
    table(
      [
        "Product",
        "Decided by",
        "Largest claim",
        "Stake needed",
        "Stake cost",
        "Expected slash",
        "Corruption margin",
        "Slash margin",
      ],
      report.corruption.products.map((p) => [
        `#${p.id} ${p.name}`,
        p.byFeed ? "price feed (oracle risk, not a vote)" : "assessor vote",
        `${usd(p.largestClaimUsd)}`,
        p.byFeed ? "n/a" : `${human(p.stakeNeeded)} tokens (${pct(p.stakeShare)})`,
        p.byFeed ? "n/a" : usd(p.stakeCostUsd),
        p.byFeed ? "n/a" : usd(p.expectedSlashUsd),
        p.byFeed ? "n/a" : `${human(p.corruptionMargin)}×`,
        p.byFeed ? "n/a" : `${human(p.slashMargin)}×`,
      ]),
    ),
    "",
    `Governance: ${human(report.corruption.governance.supply)} tokens of supply, quorum ${pct(report.corruption.governance.quorumShare)}, observed turnout ${pct(report.corruption.governance.turnout)}; ` +
      `voting delay ${shortDuration(report.corruption.governance.votingDelay)}, voting period ${shortDuration(report.corruption.governance.votingPeriod)}, Timelock ${shortDuration(report.corruption.governance.timelockDelay)}, ` +
      `risk-change delay ${shortDuration(report.corruption.governance.riskChangeDelay)}, withdrawal cooldown ${shortDuration(report.corruption.governance.withdrawalCooldown)}.`,
    "",
    `Assessor payoff table (an assessor staking ${pct(report.corruption.payoffs.stakeShare)} of the existing stake, a tenth of what the attack needs, a fraudulent claim of ${usd(report.corruption.payoffs.claimUsd)}):`,
    "",
    table(
      ["Strategy", "Probability", "Payoff"],
      report.corruption.payoffs.rows.map((r) => [r.strategy, pct(r.probability), usd(r.payoffUsd)]),
    ),
    "",
  ];
}

/** The report as markdown, linking the charts `charts` names (file names beside it). */
export function riskReportMarkdown(report: RiskReport, charts: string[] = []): string {
  const lines: string[] = [
    `# ${report.title}`,
    "",
    `Chain ${report.chain.chainId}, block ${report.chain.block} (${report.chain.timestamp}); ${human(report.run.paths)} simulated years, seed ${report.run.seed}, ` +
      `assumptions version ${report.assumptions.version}; ran in ${human(report.run.seconds)} s. Amounts are in each pool's asset unless marked USD.`,
    "",
    "## Findings",
    "",
    ...report.findings.map((f) => `- ${f}`),
    "",
    ...capitalSection(report),
    ...corruptionSection(report),
    "## Assumptions",
    "",
    table(
      ["Assumption", "Value", "Source"],
      assumptionRows(report.assumptions, report.prices, report.observed),
    ),
    "",
  ];
  if (charts.length) lines.push("## Charts", "", ...charts.map((f) => `![${f}](${f})`), "");
  return lines.join("\n");
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A pool's loss distribution (share of years per loss band) with the VaR marked by a red line. */
export function lossChart(pool: PoolRisk, paths: number, confidence: number): string {
  const W = 640;
  const H = 320;
  const M = { top: 40, right: 20, bottom: 60, left: 70 };
  const counts = pool.histogram.counts;
  const shares = counts.map((n) => n / paths);
  const max = Math.max(1e-9, ...shares);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const bw = plotW / counts.length;
  const bars = shares
    .map((s, i) => {
      const h = (s / max) * plotH;
      return `<rect x="${(M.left + i * bw).toFixed(1)}" y="${(M.top + plotH - h).toFixed(1)}" width="${(bw * 0.9).toFixed(1)}" height="${h.toFixed(1)}" fill="#2563eb"/>`;
    })
    .join("");
  const top = pool.histogram.binWidth * counts.length;
  const x = (v: number) => M.left + (top > 0 ? (v / top) * plotW : 0);
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = M.top + plotH * (1 - f);
      return `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${M.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${esc(pct(max * f))}</text>`;
    })
    .join("");
  const xTicks = [0, 0.5, 1]
    .map(
      (f) =>
        `<text x="${x(top * f)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${esc(human(top * f))}</text>`,
    )
    .join("");
  const v = x(pool.quantiles.var);
  const marker = `<line x1="${v}" x2="${v}" y1="${M.top}" y2="${M.top + plotH}" stroke="#dc2626" stroke-width="2" stroke-dasharray="4 3"/><text x="${v + 4}" y="${M.top + 12}" font-size="11" fill="#dc2626">VaR ${esc(pct(confidence))}: ${esc(human(pool.quantiles.var))} ${esc(pool.symbol)}</text>`;
  const capital = x(pool.capital);
  const capitalMarker =
    pool.capital <= top
      ? `<line x1="${capital}" x2="${capital}" y1="${M.top}" y2="${M.top + plotH}" stroke="#16a34a" stroke-width="2"/><text x="${capital + 4}" y="${M.top + 26}" font-size="11" fill="#16a34a">capital</text>`
      : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif"><rect width="${W}" height="${H}" fill="white"/><text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(`${pool.name}: one-year claims`)}</text><text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle" font-size="11">share of years</text>${ticks}${bars}${xTicks}<text x="${W / 2}" y="${H - M.bottom + 34}" text-anchor="middle" font-size="11">${esc(`claims in the year (${pool.symbol})`)}</text>${marker}${capitalMarker}</svg>\n`;
}

/** Every chart of the report, by file name. */
export function riskCharts(report: RiskReport): Record<string, string> {
  const charts: Record<string, string> = {};
  for (const pool of report.capital.pools)
    charts[`loss-${pool.name}.svg`] = lossChart(pool, report.capital.paths, report.capital.confidence);
  charts["solvency.svg"] = barChart(
    "Solvency ratio (capital / 1-in-200 claims)",
    report.capital.pools.map((p) => ({ label: p.name, value: p.solvencyRatio ?? 0 })),
    "ratio",
  );
  charts["corruption-margin.svg"] = barChart(
    "Corruption margin (stake cost / largest claim)",
    report.corruption.products
      .filter((p) => !p.byFeed)
      .map((p) => ({
        label: `#${p.id}`,
        value: Number.isFinite(p.corruptionMargin) ? p.corruptionMargin : 0,
      })),
    "ratio",
  );
  return charts;
}
