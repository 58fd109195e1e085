/**
 * The report every simulation writes (report.json, report.md, SVG charts) and prints: it opens with the
 * scenario's assumptions and its findings in words and human units (loss ratio, underwriter return, shortfall,
 * who bore each loss), then the story, the charts and the run. In memory, `outcome` keeps exact integers (base
 * units, for the tests); the files and the console show them in the asset's units ({OutcomeUnits}).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { formatUnits, toBeHex } from "ethers";

import type { Source } from "../risk/assumptions.js";
import type { TxStats } from "./engine.js";

export interface Figure {
  file: string;
  title: string;
  svg: string;
}

/** One assumption a scenario rests on: its value in words and where it comes from (published or judgement). */
export interface StatedAssumption {
  name: string;
  value: string;
  source: string;
}

/** Where a value of a scenario's own script comes from. */
export const SCRIPTED = "scenario: the story this scenario tells to exercise the contracts (not a statistic)";

/** An assumption's source in one line: published (with its addresses) or judgement. */
export function sourceOf(s: Source): string {
  return `${s.kind}: ${s.note}${s.urls?.length ? ` (${s.urls.join(", ")})` : ""}`;
}

/** Who bore the money a scenario lost, in the pool's asset (human units). */
export interface LossSummary {
  /** The pool asset's symbol (ETH, tUSD). */
  asset: string;
  /** What underwriters put in (deposits), the capital at risk. */
  capital: number;
  premiumsEarned: number;
  /** Claims filed (what holders asked). */
  claimsAsked: number;
  claimsPaid: number;
  /** Claims paid over premiums earned; null without premiums. */
  lossRatio: number | null;
  /** Premiums earned − claims paid, over capital put in; null without capital. */
  underwriterReturn: number | null;
  /** Approved claims the pool could not pay. */
  shortfall: number;
  bore: {
    /** Claims paid net of premiums earned, when positive. */
    underwriters: number;
    /** Governance tokens slashed from stakers (COVER). */
    stakersSlashed: number;
    /** Claimants' approved claims left unpaid (the shortfall). */
    claimantsUnpaid: number;
  };
}

/** The unit of a base-unit integer in the outcome: an amount, an identifier, or a plain count. */
export type UnitOf = { symbol: string; decimals: number; places: number } | "id" | "count";

/** How the files show the outcome's integers: amounts in `amount` unless a key names another unit. */
export interface OutcomeUnits {
  amount: UnitOf;
  byKey?: Record<string, UnitOf>;
}

export const ETH: UnitOf = { symbol: "ETH", decimals: 18, places: 4 };
export const TUSD: UnitOf = { symbol: "tUSD", decimals: 6, places: 2 };
export const COVER: UnitOf = { symbol: "COVER", decimals: 18, places: 2 };
/** Identifiers every scenario may hold (claim, cover, proposal and feed-round ids) and plain counts. */
const COMMON_KEYS: Record<string, UnitOf> = {
  claimId: "id",
  coverId: "id",
  proposalId: "id",
  roundId: "id",
  round: "id",
  claimGas: "count",
};

export interface Report {
  scenario: string;
  seed: number;
  mode: string;
  parameters: Record<string, number | string>;
  /** What the scenario assumes, stated first in every file. */
  assumptions: StatedAssumption[];
  /** What it found, in sentences with human units. */
  findings: string[];
  /** Money lost and who bore it; absent where no money was at stake (governance scenarios). */
  losses?: LossSummary;
  /** What happened, as plain values a test can assert on (integers in base units). */
  outcome: Record<string, unknown>;
  units: OutcomeUnits;
  /** Wall-clock seconds per phase. */
  timings: Record<string, number>;
  transactions: { sent: number; failed: number; blocks: number };
  /** Markdown sections in order. */
  sections: { heading: string; body: string }[];
  figures: Figure[];
}

/** What a scenario reports of its own; the rest of its {Report} is the envelope every scenario shares. */
export type ScenarioFindings = Pick<
  Report,
  "parameters" | "outcome" | "sections" | "figures" | "assumptions" | "findings" | "units"
> & { losses?: LossSummary };

/** A run as the envelope records it: the chain's transaction counts, and its start or its per-phase timings. */
export type ScenarioRun = { stats: TxStats } & ({ started: number } | { timings: Record<string, number> });

/**
 * The report envelope every scenario shares: its name, the run's seed and mode, wall-clock seconds (the
 * total since `run.started`, a `performance.now()` reading, or the run's own per-phase timings) and the
 * transactions sent, around what the scenario found.
 */
export function scenarioReport(
  scenario: string,
  options: { seed: number; mode: string },
  run: ScenarioRun,
  findings: ScenarioFindings,
): Report {
  const timings = "timings" in run ? run.timings : { total: (performance.now() - run.started) / 1000 };
  return {
    scenario,
    seed: options.seed,
    mode: options.mode,
    parameters: findings.parameters,
    assumptions: findings.assumptions,
    findings: findings.findings,
    losses: findings.losses,
    outcome: findings.outcome,
    units: findings.units,
    timings,
    transactions: run.stats,
    sections: findings.sections,
    figures: findings.figures,
  };
}

/** A Chainlink round id as people read it: `(phase << 64) | round` is "round 859 of phase 2". */
export function roundName(id: bigint): string {
  return id < 2n ** 64n ? `round ${id}` : `round ${id & (2n ** 64n - 1n)} of phase ${id >> 64n}`;
}

/** A base-unit integer as the files show it: an amount in its unit, an id (feed rounds by phase), or a count. */
function humanInteger(value: bigint, unit: UnitOf, key: string): number | string {
  if (unit === "count") return Number(value);
  if (unit === "id") {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
    if (/round/i.test(key)) return roundName(value);
    return toBeHex(value);
  }
  return +Number(formatUnits(value, unit.decimals)).toFixed(unit.places);
}

/** The outcome with every integer in human units (see {OutcomeUnits}): what report.json holds. */
export function humanOutcome(value: unknown, units: OutcomeUnits, key = ""): unknown {
  if (typeof value === "bigint")
    return humanInteger(value, units.byKey?.[key] ?? COMMON_KEYS[key] ?? units.amount, key);
  if (Array.isArray(value)) return value.map((v) => humanOutcome(v, units, key));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, humanOutcome(v, units, k)]));
  return value;
}

/** A share as a percentage with two decimals at most; "n/a" for null. */
export const percent = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? "n/a" : `${+(x * 100).toFixed(2)} %`;
/** A number in human units: thousands separated, at most `places` decimals. */
export const amount = (x: number, places = 2): string =>
  x.toLocaleString("en-US", { maximumFractionDigits: places });

/** The losses in sentences: loss ratio, underwriter return, shortfall, and who bore each loss. */
export function lossFindings(l: LossSummary): string[] {
  const a = (x: number) => `${amount(x, 4)} ${l.asset}`;
  return [
    `Loss ratio ${l.lossRatio === null ? "n/a (no premium earned)" : `${amount(l.lossRatio, 2)}× the premiums`}: ` +
      `${a(l.claimsPaid)} of claims paid (${a(l.claimsAsked)} asked) against ${a(l.premiumsEarned)} of premiums earned.`,
    `Underwriter return ${percent(l.underwriterReturn)} on ${a(l.capital)} put in (premiums earned − claims paid).`,
    `Shortfall ${a(l.shortfall)}: approved claims the pool could not pay.`,
    `Who bore the loss: underwriters ${a(l.bore.underwriters)}, stakers slashed ${amount(l.bore.stakersSlashed)} COVER, ` +
      `claimants unpaid ${a(l.bore.claimantsUnpaid)}.`,
  ];
}

/** Builds the {LossSummary} from totals in base units of an asset with `decimals`. */
export function lossSummary(
  asset: { symbol: string; decimals: number },
  t: { capital: bigint; premiums: bigint; asked: bigint; paid: bigint; shortfall: bigint; slashed: bigint },
): LossSummary {
  const n = (v: bigint) => Number(formatUnits(v, asset.decimals));
  const premiums = n(t.premiums);
  const paid = n(t.paid);
  const capital = n(t.capital);
  return {
    asset: asset.symbol,
    capital,
    premiumsEarned: premiums,
    claimsAsked: n(t.asked),
    claimsPaid: paid,
    lossRatio: premiums > 0 ? paid / premiums : null,
    underwriterReturn: capital > 0 ? (premiums - paid) / capital : null,
    shortfall: n(t.shortfall),
    bore: {
      underwriters: Math.max(0, paid - premiums),
      stakersSlashed: Number(formatUnits(t.slashed, 18)),
      claimantsUnpaid: n(t.shortfall),
    },
  };
}

/** A JSON replacer: fractions (shares, ratios, seconds) to 8 significant digits, no float noise. */
const tidy = (_k: string, v: unknown) =>
  typeof v === "number" && !Number.isInteger(v) ? +v.toPrecision(8) : v;

/** report.json's content: the envelope first (assumptions, findings, losses), then the outcome in human units. */
export function reportJson(report: Report): string {
  const { figures, sections: _sections, outcome, units, ...data } = report;
  const unitNames = (u: UnitOf) => (typeof u === "string" ? u : u.symbol);
  return (
    JSON.stringify(
      {
        scenario: data.scenario,
        assumptions: data.assumptions,
        findings: data.findings,
        losses: data.losses,
        seed: data.seed,
        mode: data.mode,
        parameters: data.parameters,
        units: {
          amounts: unitNames(units.amount),
          ...Object.fromEntries(Object.entries(units.byKey ?? {}).map(([k, u]) => [k, unitNames(u)])),
        },
        outcome: humanOutcome(outcome, units),
        timings: data.timings,
        transactions: data.transactions,
        figures: figures.map((f) => f.file),
      },
      tidy,
      2,
    ) + "\n"
  );
}

/** report.md's content: assumptions and findings first, then the sections, the charts and the run. */
export function reportMarkdown(report: Report): string {
  return [
    `# Simulation: ${report.scenario}`,
    "",
    `Seed ${report.seed}, ${report.mode} mode; ${Object.entries(report.parameters)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    "",
    "## Assumptions",
    "",
    table(
      ["assumption", "value", "source"],
      report.assumptions.map((a) => [a.name, a.value, a.source]),
    ),
    "",
    "## Findings",
    "",
    ...report.findings.map((f) => `- ${f}`),
    ...(report.losses ? lossFindings(report.losses).map((f) => `- ${f}`) : []),
    "",
    ...report.sections.flatMap((s) => [`## ${s.heading}`, "", s.body, ""]),
    "## Figures",
    "",
    ...report.figures.flatMap((f) => [`![${f.title}](${f.file})`, ""]),
    "## Run",
    "",
    `${report.transactions.sent} transactions (${report.transactions.failed} reverted) in ${report.transactions.blocks} blocks; ` +
      Object.entries(report.timings)
        .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
        .join(", ") +
      ".",
    "",
  ].join("\n");
}

/** What `npm run simulate` prints: assumptions, findings, then the outcome's headline figures in human units. */
export function consoleSummary(report: Report): string[] {
  const lines = [`${report.scenario}: assumptions`];
  for (const a of report.assumptions) lines.push(`  ${a.name}: ${a.value}`);
  lines.push("findings");
  for (const f of [...report.findings, ...(report.losses ? lossFindings(report.losses) : [])])
    lines.push(`  ${f}`);
  lines.push(
    `outcome (units: ${typeof report.units.amount === "string" ? report.units.amount : report.units.amount.symbol}; full detail in report.json)`,
  );
  const shown = humanOutcome(report.outcome, report.units) as Record<string, unknown>;
  for (const [key, value] of Object.entries(shown)) {
    const text = JSON.stringify(value, tidy);
    if (text === undefined || (Array.isArray(value) && value.length > 4) || text.length > 160) continue;
    lines.push(`  ${key.padEnd(26)}${text}`);
  }
  return lines;
}

export function writeReport(report: Report, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    written.push(file);
  };
  put("report.json", reportJson(report));
  for (const figure of report.figures) put(figure.file, figure.svg);
  put("report.md", reportMarkdown(report));
  return written;
}

/** A markdown table from rows of cells. */
export function table(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
