/** Writes a simulation's report.json, report.md and SVG charts into one folder. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { TxStats } from "./engine.js";

export interface Figure {
  file: string;
  title: string;
  svg: string;
}

export interface Report {
  scenario: string;
  seed: number;
  mode: string;
  parameters: Record<string, number | string>;
  /** What happened, as plain values a test can assert on. */
  outcome: Record<string, unknown>;
  /** Wall-clock seconds per phase. */
  timings: Record<string, number>;
  transactions: { sent: number; failed: number; blocks: number };
  /** Markdown sections in order. */
  sections: { heading: string; body: string }[];
  figures: Figure[];
}

/** What a scenario reports of its own; the rest of its {Report} is the envelope every scenario shares. */
export type ScenarioFindings = Pick<Report, "parameters" | "outcome" | "sections" | "figures">;

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
    outcome: findings.outcome,
    timings,
    transactions: run.stats,
    sections: findings.sections,
    figures: findings.figures,
  };
}

const json = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n";

export function writeReport(report: Report, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const { figures, sections, ...data } = report;
  const put = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    written.push(file);
  };
  put("report.json", json({ ...data, figures: figures.map((f) => f.file) }));
  for (const figure of figures) put(figure.file, figure.svg);
  const md = [
    `# Simulation: ${report.scenario}`,
    "",
    `Seed ${report.seed}, ${report.mode} mode; ${Object.entries(report.parameters)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    "",
    ...sections.flatMap((s) => [`## ${s.heading}`, "", s.body, ""]),
    "## Figures",
    "",
    ...figures.flatMap((f) => [`![${f.title}](${f.file})`, ""]),
    "## Run",
    "",
    `${report.transactions.sent} transactions (${report.transactions.failed} reverted) in ${report.transactions.blocks} blocks; ` +
      Object.entries(report.timings)
        .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
        .join(", ") +
      ".",
    "",
  ].join("\n");
  put("report.md", md);
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
