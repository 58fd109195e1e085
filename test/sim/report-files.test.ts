/**
 * Every scenario's report files (report.json, report.md, SVG charts) and console summary: they parse, open with the
 * scenario's assumptions and findings, state every assumption, and carry no base-unit integers (no run of 13 or more
 * digits outside hexadecimal identifiers: amounts are in ETH, tUSD or COVER with a few decimals).
 */
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { REPO_ROOT } from "@coverdao/core/node";
import { type Report, SCENARIOS, consoleSummary, writeReport } from "@coverdao/core/sim";
import { simulate } from "./run.js";

const SYNTHETIC = path.join(REPO_ROOT, "packages", "core", "src", "sim", "data", "synthetic-depeg-3day.csv");
/** A run of 13 or more digits that is not part of a hexadecimal identifier (0x…). */
const LONG_INTEGER = /(?<![0-9a-fA-Fx])\d{13,}/g;
const MONEY_SCENARIOS = ["claims-cycle", "correlated-claims", "bank-run", "apathy", "year", "depeg-replay"];

/** The text a reader sees: a chart's text nodes (coordinates are drawing positions, not amounts). */
const visible = (file: string, raw: string) =>
  file.endsWith(".svg") ? [...raw.matchAll(/>([^<]+)</g)].map((m) => m[1]).join("\n") : raw;

describe("Simulation reports: files and console", function () {
  this.timeout(600_000);

  for (const scenario of Object.keys(SCENARIOS)) {
    it(`${scenario}: parse, open with assumptions and findings, state every assumption, no base-unit integers`, async () => {
      const report: Report = await simulate(
        scenario,
        8,
        1,
        "batched",
        scenario === "depeg-replay" ? { feed: SYNTHETIC } : {},
      );
      const dir = mkdtempSync(path.join(tmpdir(), `coverdao-sim-${scenario}-`));
      writeReport(report, dir);
      const json = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8")) as Record<string, unknown>;
      expect(Object.keys(json).slice(0, 3)).to.deep.equal(["scenario", "assumptions", "findings"]);
      expect(report.assumptions.length).to.be.greaterThan(0);
      expect(report.findings.length).to.be.greaterThan(0);
      const md = readFileSync(path.join(dir, "report.md"), "utf8");
      const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(headings.slice(0, 2)).to.deep.equal(["Assumptions", "Findings"]);
      const console = consoleSummary(report).join("\n");
      for (const a of report.assumptions) {
        expect(md).to.include(`| ${a.name} | ${a.value} |`);
        expect(json.assumptions).to.deep.include(a);
        expect(console).to.include(`${a.name}: ${a.value}`);
        expect(a.source.length).to.be.greaterThan(10);
      }
      if (MONEY_SCENARIOS.includes(scenario)) {
        const losses = json.losses as {
          asset: string;
          lossRatio: number | null;
          bore: Record<string, number>;
        };
        expect(Object.keys(losses.bore)).to.deep.equal(["underwriters", "stakersSlashed", "claimantsUnpaid"]);
        for (const words of ["Loss ratio", "Underwriter return", "Shortfall", "Who bore the loss"]) {
          expect(md).to.include(words);
          expect(console).to.include(words);
        }
      }
      for (const file of readdirSync(dir)) {
        const text = visible(file, readFileSync(path.join(dir, file), "utf8"));
        expect(text.match(LONG_INTEGER), `${scenario}/${file}`).to.equal(null);
      }
      expect(console.match(LONG_INTEGER), `${scenario} console`).to.equal(null);
      for (const f of report.figures) {
        expect(f.svg).to.match(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);
        // Round y ticks: every grid label is 1, 2, 2.5 or 5 times a power of ten apart.
        const ticks = [...f.svg.matchAll(/text-anchor="end" font-size="11">([^<]+)</g)].map((m) => m[1]);
        expect(ticks.length, f.file).to.be.greaterThan(1);
      }
    });
  }
});
