/**
 * The risk diff of a proposal (browser-safe): the risk figures a risk committee steers by (solvency ratio,
 * probability of ruin and capital requirement per pool, the corruption margin per product, the cost of passing a
 * proposal and the exit race), read from the chain before and after a proposal applies on a copy of the chain,
 * and compared line by line in human units. {simulateProposal} reads the inputs ({readRiskInputs}) on both sides;
 * both sides run the seeded Monte Carlo with the same seed and the same number of paths, so the difference is
 * the proposal's, not the sampling's (common random numbers).
 *
 * Capital is shown twice per pool: on today's book (the cover running now) and at capacity ({bookAtCapacity}:
 * the pool sold all the cover its capacity ratios allow), because a change of a capacity ratio changes the risk
 * the pool may take, not the cover already sold.
 */
import { type Assumptions, DEFAULT_ASSUMPTIONS } from "./assumptions.js";
import { type PoolRisk, type RiskModelInput, type RiskProductInput, runRiskModel } from "./capital.js";
import { claimCorruption, governanceCorruption } from "./corruption.js";
import type { ChainRiskInputs } from "./chain.js";
import { human, pct } from "./report.js";

/** How the diff runs its Monte Carlo. */
export interface RiskDiffOptions {
  /** Simulated years on each side (default 100,000). */
  paths?: number;
  /** Random seed, the same on both sides (default 1). */
  seed?: number;
  assumptions?: Assumptions;
}

/** A pool's capital figures on one book. */
export interface PoolFigures {
  activeCover: number;
  capitalRequirement: number;
  solvencyRatio: number | null;
  ruinProbability: number;
  expectedLoss: number;
}

/** The figures of one side of the diff. */
export interface RiskFigures {
  pools: {
    name: string;
    symbol: string;
    capital: number;
    /** Today's book: the cover running now. */
    book: PoolFigures;
    /** The book grown to the pool's capacity ({bookAtCapacity}). */
    atCapacity: PoolFigures;
  }[];
  claims: {
    id: number;
    name: string;
    byFeed: boolean;
    largestClaimUsd: number;
    stakeNeeded: number;
    corruptionMargin: number;
  }[];
  claimQuorumShare: number;
  /** Share of the stake voting honestly on a claim (observed, or the assumption). */
  claimHonestTurnout: number;
  governance: {
    votesNeeded: number;
    votesShare: number;
    costUsd: number;
    canExitBeforeChange: boolean;
    canExitBeforeRiskChange: boolean;
  };
  tokenPriceUsd: number;
}

/** Whether a line's change makes the DAO safer, riskier, or leaves it as it was. */
export type RiskEffect = "safer" | "riskier" | "unchanged" | "new" | "removed";

/** One line of the diff. */
export interface RiskDiffRow {
  key: string;
  group: "capital" | "claims" | "governance";
  label: string;
  /** The figure as a number (a yes/no as 1/0), undefined where the side has no such line. */
  before?: number;
  after?: number;
  /** The figure in words and units ("1.52×", "0.41 %", "12.5 WETH"), "—" where the side has no such line. */
  beforeText: string;
  afterText: string;
  effect: RiskEffect;
}

export interface RiskDiff {
  paths: number;
  seed: number;
  assumptionsVersion: string;
  confidence: number;
  tokenPriceUsd: number;
  before: RiskFigures;
  after: RiskFigures;
  rows: RiskDiffRow[];
}

/**
 * The book grown to capacity: in each pool, the active cover rises to the largest the contracts allow (a product
 * sells while the pool's active cover stays within the smaller of its own and the pool's capacity ratio of the
 * capital, CoverBook `_available`), filled level by level among the products on sale that can still sell, in
 * proportion to the cover each has now (equally when none has any). Products off sale keep their cover;
 * premiums grow at each product's current rate.
 */
export function bookAtCapacity(input: RiskModelInput): RiskModelInput {
  const products = input.products.map((p) => ({ ...p }));
  input.pools.forEach((pool, k) => {
    const own = products.filter((p) => p.pool === k);
    const selling = own.filter((p) => p.onSale !== false);
    const level = (p: RiskProductInput) => pool.capital * Math.min(p.capacityRatio, pool.capacityRatio);
    let total = own.reduce((s, p) => s + p.activeCover, 0);
    const levels = [...new Set(selling.map(level))].filter((l) => l > total).sort((x, y) => x - y);
    for (const top of levels) {
      const able = selling.filter((p) => level(p) >= top);
      const weight = able.reduce((s, p) => s + p.activeCover, 0);
      for (const p of able) {
        const rate = p.premiumRate ?? (p.activeCover > 0 ? p.annualPremium / p.activeCover : 0);
        const added = (top - total) * (weight > 0 ? p.activeCover / weight : 1 / able.length);
        p.activeCover += added;
        p.annualPremium += added * rate;
      }
      total = top;
    }
  });
  return { pools: input.pools, products };
}

const poolFigures = (p: PoolRisk): PoolFigures => ({
  activeCover: p.activeCover,
  capitalRequirement: p.capitalRequirement,
  solvencyRatio: p.solvencyRatio,
  ruinProbability: p.ruinProbability,
  expectedLoss: p.expectedLoss,
});

/** Runs the capital model on today's book and at capacity, and the corruption analysis, on one side's inputs. */
export function riskFigures(inputs: ChainRiskInputs, options: RiskDiffOptions = {}): RiskFigures {
  const run = (model: RiskModelInput) =>
    runRiskModel(model, {
      paths: options.paths ?? 100_000,
      seed: options.seed ?? 1,
      assumptions: options.assumptions ?? DEFAULT_ASSUMPTIONS,
      bins: 1,
    });
  const book = run(inputs.model);
  const full = run(bookAtCapacity(inputs.model));
  const tokenUsd = inputs.prices.tokenUsd;
  const governance = governanceCorruption(inputs.governance, tokenUsd);
  return {
    pools: book.pools.map((p, k) => ({
      name: p.name,
      symbol: p.symbol,
      capital: p.capital,
      book: poolFigures(p),
      atCapacity: poolFigures(full.pools[k]),
    })),
    claims: claimCorruption(inputs.claimVote, inputs.corruptionProducts, tokenUsd).map((c) => ({
      id: c.id,
      name: c.name,
      byFeed: c.byFeed,
      largestClaimUsd: c.largestClaimUsd,
      stakeNeeded: c.stakeNeeded,
      corruptionMargin: c.corruptionMargin,
    })),
    claimQuorumShare: inputs.claimVote.quorumShare,
    claimHonestTurnout: inputs.claimVote.honestTurnout,
    governance: {
      votesNeeded: governance.votesNeeded,
      votesShare: governance.votesShare,
      costUsd: governance.costUsd,
      canExitBeforeChange: governance.canExitBeforeChange,
      canExitBeforeRiskChange: governance.canExitBeforeRiskChange,
    },
    tokenPriceUsd: tokenUsd,
  };
}

/** A line's definition: how to read it on one side, how to write it, and which way is safer. */
interface Line {
  key: string;
  group: RiskDiffRow["group"];
  label: string;
  read: (f: RiskFigures) => number | undefined;
  text: (x: number) => string;
  higherIsSafer: boolean;
}

const ratio = (x: number) => (Number.isFinite(x) ? `${human(x)}×` : "unlimited");
const yesNo = (x: number) => (x ? "yes" : "NO");

function poolLines(name: string, symbol: string): Line[] {
  const pool = (f: RiskFigures) => f.pools.find((p) => p.name === name);
  const amount = (x: number) => `${human(x)} ${symbol}`;
  const solvency = (x: number) => (x < 0 ? "no requirement" : ratio(x));
  const sides = [
    ["book", "today's book"],
    ["atCapacity", "at capacity"],
  ] as const;
  return [
    {
      key: `${name}.capital`,
      label: "capital",
      read: (f: RiskFigures) => pool(f)?.capital,
      text: amount,
      higher: true,
    },
    ...sides.flatMap(([side, words]) => [
      ...(side === "atCapacity"
        ? [
            {
              key: `${name}.${side}.activeCover`,
              label: "active cover at capacity",
              read: (f: RiskFigures) => pool(f)?.[side].activeCover,
              text: amount,
              higher: false,
            },
          ]
        : []),
      {
        key: `${name}.${side}.solvencyRatio`,
        label: `solvency ratio, ${words}`,
        // No requirement (nothing at risk) reads as −1 so that it compares; it prints as words.
        read: (f: RiskFigures) => {
          const p = pool(f);
          return p ? (p[side].solvencyRatio ?? -1) : undefined;
        },
        text: solvency,
        higher: true,
      },
      {
        key: `${name}.${side}.ruinProbability`,
        label: `probability of ruin, ${words}`,
        read: (f: RiskFigures) => pool(f)?.[side].ruinProbability,
        text: pct,
        higher: false,
      },
      {
        key: `${name}.${side}.capitalRequirement`,
        label: `capital requirement, ${words}`,
        read: (f: RiskFigures) => pool(f)?.[side].capitalRequirement,
        text: amount,
        higher: false,
      },
    ]),
  ].map(({ higher, ...l }): Line => ({
    ...l,
    group: "capital",
    label: `${name}: ${l.label}`,
    higherIsSafer: higher,
  }));
}

function claimLines(f: RiskFigures): Line[] {
  return f.claims
    .filter((c) => !c.byFeed)
    .map((c): Line => ({
      key: `claims.margin#${c.id}`,
      group: "claims",
      label: `#${c.id} ${c.name}: corruption margin`,
      read: (g: RiskFigures) => g.claims.find((x) => x.id === c.id && !x.byFeed)?.corruptionMargin,
      text: ratio,
      higherIsSafer: true,
    }));
}

const GOVERNANCE_LINES: Line[] = [
  {
    key: "claims.quorum",
    group: "claims",
    label: "Claim vote quorum (share of the stake)",
    read: (f) => f.claimQuorumShare,
    text: pct,
    higherIsSafer: true,
  },
  {
    key: "governance.votesShare",
    group: "governance",
    label: "Votes to pass a proposal (share of the supply)",
    read: (f) => f.governance.votesShare,
    text: pct,
    higherIsSafer: true,
  },
  {
    key: "governance.costUsd",
    group: "governance",
    label: "Cost of the votes to pass a proposal",
    read: (f) => f.governance.costUsd,
    text: (x) => `${human(x)} USD`,
    higherIsSafer: true,
  },
  {
    key: "governance.exitBeforeRiskChange",
    group: "governance",
    label: "Underwriters can leave before a risk-raising change applies",
    read: (f) => Number(f.governance.canExitBeforeRiskChange),
    text: yesNo,
    higherIsSafer: true,
  },
  {
    key: "governance.exitBeforeChange",
    group: "governance",
    label: "Underwriters can leave before any other change applies",
    read: (f) => Number(f.governance.canExitBeforeChange),
    text: yesNo,
    higherIsSafer: true,
  },
];

/** Compares two sides line by line: every pool and product of either side, claims and governance. */
export function compareRiskFigures(before: RiskFigures, after: RiskFigures): RiskDiffRow[] {
  const pools = new Map([...before.pools, ...after.pools].map((p) => [p.name, p.symbol]));
  const claimsOf = new Map([...claimLines(before), ...claimLines(after)].map((l) => [l.key, l]));
  const lines = [
    ...[...pools].flatMap(([name, symbol]) => poolLines(name, symbol)),
    ...claimsOf.values(),
    ...GOVERNANCE_LINES,
  ];
  return lines.map((line): RiskDiffRow => {
    const b = line.read(before);
    const a = line.read(after);
    // Differences below a part in a million are float noise, not the proposal's.
    const same = b !== undefined && a !== undefined && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
    const effect: RiskEffect =
      b === undefined
        ? "new"
        : a === undefined
          ? "removed"
          : same
            ? "unchanged"
            : a > b === line.higherIsSafer
              ? "safer"
              : "riskier";
    return {
      key: line.key,
      group: line.group,
      label: line.label,
      before: b,
      after: a,
      beforeText: b === undefined ? "—" : line.text(b),
      afterText: a === undefined ? "—" : line.text(a),
      effect,
    };
  });
}

/** The diff of two sides' inputs, with the same seed and paths on both. */
export function riskDiff(
  before: ChainRiskInputs,
  after: ChainRiskInputs,
  options: RiskDiffOptions = {},
): RiskDiff {
  const a = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const o = { paths: options.paths ?? 100_000, seed: options.seed ?? 1, assumptions: a };
  const b = riskFigures(before, o);
  const f = riskFigures(after, o);
  return {
    paths: o.paths,
    seed: o.seed,
    assumptionsVersion: a.version,
    confidence: a.confidence,
    tokenPriceUsd: before.prices.tokenUsd,
    before: b,
    after: f,
    rows: compareRiskFigures(b, f),
  };
}

const EFFECT_WORDS: Record<RiskEffect, string> = {
  safer: "safer",
  riskier: "RISKIER",
  unchanged: "",
  new: "new",
  removed: "removed",
};

/** One sentence on how the diff was made, for the CLI, the markdown and the UI. */
export function riskDiffMethod(diff: RiskDiff): string {
  return (
    `${human(diff.paths)} simulated years on each side, seed ${diff.seed}, assumptions ${diff.assumptionsVersion}; ` +
    `capital requirement = one-year VaR ${pct(diff.confidence)}; "at capacity" = every pool sold all the cover its ` +
    `capacity ratios allow; token price ${human(diff.tokenPriceUsd)} USD (an input: --token-price).`
  );
}

/** What changed, as sentences: the lines that moved, riskier ones first. */
export function riskDiffSummary(diff: RiskDiff): string[] {
  const moved = diff.rows.filter((r) => r.effect !== "unchanged");
  if (moved.length === 0) return ["No risk figure changes."];
  const order = { riskier: 0, removed: 1, new: 2, safer: 3, unchanged: 4 };
  const lines = [...moved]
    .sort((x, y) => order[x.effect] - order[y.effect])
    .map((r) => `${EFFECT_WORDS[r.effect]}: ${r.label} ${r.beforeText} → ${r.afterText}`);
  const quorumMoved = moved.some((r) => r.key === "claims.quorum");
  const marginsMoved = moved.some((r) => r.key.startsWith("claims.margin#"));
  if (quorumMoved && !marginsMoved) {
    lines.push(
      `The corruption margins do not move: ${pct(diff.after.claimHonestTurnout)} of the stake votes honestly, so ` +
        `an attacker must outvote those no-votes, which takes more stake than the quorum ` +
        `(${pct(diff.after.claimQuorumShare)}) asks; the quorum binds only when honest turnout falls below it.`,
    );
  }
  return lines;
}

const cell = (text: string) => text.replaceAll("|", "\\|");

/** The diff as a markdown table (changes in bold). */
export function riskDiffMarkdown(diff: RiskDiff): string {
  return [
    "| Figure | Before | After | Effect |",
    "| --- | --- | --- | --- |",
    ...diff.rows.map((r) => {
      const mark = (t: string) => (r.effect === "unchanged" ? cell(t) : `**${cell(t)}**`);
      return `| ${cell(r.label)} | ${cell(r.beforeText)} | ${mark(r.afterText)} | ${EFFECT_WORDS[r.effect]} |`;
    }),
  ].join("\n");
}

/** The diff as a plain-text table for the terminal (changed lines marked with *). */
export function riskDiffTable(diff: RiskDiff): string {
  const head = ["", "Risk figure", "Before", "After", ""];
  const rows = diff.rows.map((r) => [
    r.effect === "unchanged" ? "" : "*",
    r.label,
    r.beforeText,
    r.afterText,
    EFFECT_WORDS[r.effect],
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [fmt(head), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)].join("\n");
}
