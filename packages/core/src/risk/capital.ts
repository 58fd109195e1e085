/**
 * The capital model: a seeded Monte Carlo of one year of claims on the DAO's pools, from plain data (capital
 * and open liabilities per pool, active cover and premiums per product, parametric rules) and stated
 * assumptions ({Assumptions}). Every path lives in typed arrays (one Float64Array of losses per pool), not in
 * per-path objects, so 100,000 paths take well under a second (bench/risk.md).
 *
 * Amounts are plain numbers in each pool's asset (human units: 12.5 means 12.5 WETH); a pool's figures never
 * mix with another pool's (they are in different assets).
 */
import { RISK_TYPES, type PayoutRule, type RiskTypeName } from "../domain/products.js";
import { type Assumptions, DEFAULT_ASSUMPTIONS, checkAssumptions } from "./assumptions.js";
import { SeededRandom, normalQuantile } from "./random.js";

/** A pool as the model sees it. */
export interface RiskPoolInput {
  name: string;
  /** Its asset's symbol, for the report's units. */
  symbol: string;
  /** Capital (ERC-4626 `totalAssets`, already net of open liabilities), in the asset. */
  capital: number;
  /** Claims filed and not yet final, in the asset (already deducted from `capital`). */
  openLiabilities: number;
  /** The pool's capacity ratio (active cover over capital it accepts), as a share: 2 means 200 %. */
  capacityRatio: number;
}

/** The rule of a parametric product, relative to its feed's reference price. */
export interface ParametricInput {
  /** How far below the reference price the trigger sits, as a share: trigger 0.95 on a 1.00 reference is 0.05. */
  triggerDepth: number;
  payoutRule: PayoutRule;
}

/** A product as the model sees it. */
export interface RiskProductInput {
  id: number;
  name: string;
  /** Index of its pool in {RiskModelInput.pools}. */
  pool: number;
  riskType: RiskTypeName;
  /** Active cover, in the pool's asset. */
  activeCover: number;
  /** Premiums its active cover brings the pool's underwriters over a year, in the pool's asset. */
  annualPremium: number;
  /** The product's capacity ratio, as a share (it sells while pool active cover / capital stays below it). */
  capacityRatio: number;
  parametric?: ParametricInput;
  /** Whether it sells new cover (the product is active); {bookAtCapacity} grows only these. Default: yes. */
  onSale?: boolean;
  /** Premiums a unit of cover brings the underwriters in a year, as a share (default: annualPremium / activeCover). */
  premiumRate?: number;
}

export interface RiskModelInput {
  pools: RiskPoolInput[];
  products: RiskProductInput[];
}

export interface RiskRunOptions {
  paths?: number;
  seed?: number;
  assumptions?: Assumptions;
  /** Number of bins of each pool's loss histogram (default 40). */
  bins?: number;
}

/** Quantiles of a pool's one-year loss. */
export interface LossQuantiles {
  p50: number;
  p90: number;
  p99: number;
  /** At the assumptions' confidence level (99.5 % by default): the value at risk. */
  var: number;
  max: number;
}

/** One pool's results. */
export interface PoolRisk {
  name: string;
  symbol: string;
  capital: number;
  openLiabilities: number;
  activeCover: number;
  annualPremium: number;
  expectedLoss: number;
  lossStdDev: number;
  quantiles: LossQuantiles;
  /** Capital the pool needs to pay a year's claims at the confidence level: the value at risk of the loss. */
  capitalRequirement: number;
  /** Capital over the requirement; null when the requirement is zero (nothing can be lost). */
  solvencyRatio: number | null;
  /** Share of the years whose claims exceed the capital (premiums of the year not counted). */
  ruinProbability: number;
  /** Expected (premiums − claims) / capital over the year. */
  expectedReturn: number;
  /** Share of the years in which the underwriters lose money (claims above premiums). */
  lossYearProbability: number;
  /** The loss distribution: `counts[i]` years with a loss in [i × binWidth, (i + 1) × binWidth). */
  histogram: { binWidth: number; counts: number[] };
}

export interface RiskResult {
  paths: number;
  seed: number;
  confidence: number;
  assumptionsVersion: string;
  pools: PoolRisk[];
  /** Share of the years in which at least one pool's claims exceed its capital. */
  anyRuinProbability: number;
}

/** What every path needs of a product, precomputed once. */
interface Prepared {
  pool: Int32Array;
  /** Risk-type index of the factor each product loads on (parametric products load on DepegMarket). */
  factor: Int32Array;
  threshold: Float64Array;
  cover: Float64Array;
  /** Assessed: claim share, severity minimum and spread; parametric: claim share and trigger depth. */
  claimShare: Float64Array;
  sevMin: Float64Array;
  sevSpan: Float64Array;
  /** 0 assessed, 1 parametric full payout, 2 parametric loss-proportional. */
  kind: Uint8Array;
  triggerDepth: Float64Array;
}

function prepare(input: RiskModelInput, a: Assumptions): Prepared {
  const n = input.products.length;
  const p: Prepared = {
    pool: new Int32Array(n),
    factor: new Int32Array(n),
    threshold: new Float64Array(n),
    cover: new Float64Array(n),
    claimShare: new Float64Array(n),
    sevMin: new Float64Array(n),
    sevSpan: new Float64Array(n),
    kind: new Uint8Array(n),
    triggerDepth: new Float64Array(n),
  };
  input.products.forEach((product, i) => {
    if (product.pool < 0 || product.pool >= input.pools.length) {
      throw new RangeError(
        `product #${product.id} names pool ${product.pool}, which the input does not have`,
      );
    }
    if (!(product.activeCover >= 0))
      throw new RangeError(`product #${product.id} has a negative active cover`);
    p.pool[i] = product.pool;
    p.cover[i] = product.activeCover;
    if (product.parametric) {
      const d = a.depeg;
      p.factor[i] = RISK_TYPES.indexOf("DepegMarket");
      p.threshold[i] = normalQuantile(d.annualProbability);
      p.claimShare[i] = d.claimShare;
      p.kind[i] = product.parametric.payoutRule === "Full" ? 1 : 2;
      p.triggerDepth[i] = product.parametric.triggerDepth;
    } else {
      const incident = a.incidents[product.riskType];
      p.factor[i] = RISK_TYPES.indexOf(product.riskType);
      p.threshold[i] = normalQuantile(incident.annualProbability);
      p.claimShare[i] = incident.claimShare;
      p.sevMin[i] = incident.severityMin;
      p.sevSpan[i] = incident.severityMax - incident.severityMin;
    }
  });
  return p;
}

/**
 * The one-year claims of `paths` years, per pool: `losses[pool * paths + path]`. Exposed for the benchmark and
 * the tests; {runRiskModel} summarises it.
 */
export function simulateLosses(
  input: RiskModelInput,
  options: { paths: number; seed: number; assumptions?: Assumptions },
): Float64Array {
  const a = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const problem = checkAssumptions(a);
  if (problem) throw new RangeError(`Assumption out of range: ${problem}`);
  const paths = options.paths;
  if (!Number.isInteger(paths) || paths < 1)
    throw new RangeError(`paths must be a positive integer (got ${paths})`);
  const p = prepare(input, a);
  const n = input.products.length;
  const pools = input.pools.length;
  const losses = new Float64Array(pools * paths);
  const rng = new SeededRandom(options.seed);
  const wGlobal = Math.sqrt(a.correlation.acrossTypes);
  const wType = Math.sqrt(a.correlation.withinType - a.correlation.acrossTypes);
  const wOwn = Math.sqrt(1 - a.correlation.withinType);
  const typeFactor = new Float64Array(RISK_TYPES.length);
  const d = a.depeg;
  for (let path = 0; path < paths; path++) {
    const global = rng.normal();
    for (let t = 0; t < typeFactor.length; t++) typeFactor[t] = rng.normal();
    for (let i = 0; i < n; i++) {
      const latent = wGlobal * global + wType * typeFactor[p.factor[i]] + wOwn * rng.normal();
      if (latent >= p.threshold[i]) continue;
      let loss: number;
      const kind = p.kind[i];
      if (kind === 0) {
        loss = p.cover[i] * p.claimShare[i] * (p.sevMin[i] + p.sevSpan[i] * rng.uniform());
      } else {
        const collapse = rng.uniform() < d.collapseProbability;
        const depth = collapse
          ? d.collapseDepthMin + (d.collapseDepthMax - d.collapseDepthMin) * rng.uniform()
          : d.depthMin + (d.depthMax - d.depthMin) * rng.uniform();
        const sustained = rng.uniform() < d.sustainedProbability;
        if (depth < p.triggerDepth[i] || !sustained) continue;
        loss = p.cover[i] * p.claimShare[i] * (kind === 1 ? 1 : depth);
      }
      losses[p.pool[i] * paths + path] += loss;
    }
  }
  return losses;
}

/** The value below which a share `q` of the sorted values lie (the empirical quantile, lower order statistic). */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

/** Runs the model and summarises each pool (see {PoolRisk}). */
export function runRiskModel(input: RiskModelInput, options: RiskRunOptions = {}): RiskResult {
  const a = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const paths = options.paths ?? 100_000;
  const seed = options.seed ?? 1;
  const bins = options.bins ?? 40;
  const losses = simulateLosses(input, { paths, seed, assumptions: a });
  const ruined = new Uint8Array(paths);
  const pools = input.pools.map((pool, k): PoolRisk => {
    const own = losses.subarray(k * paths, (k + 1) * paths);
    const products = input.products.filter((p) => p.pool === k);
    const activeCover = products.reduce((s, p) => s + p.activeCover, 0);
    const annualPremium = products.reduce((s, p) => s + p.annualPremium, 0);
    let sum = 0;
    let sumSq = 0;
    let ruin = 0;
    let lossYears = 0;
    for (let i = 0; i < paths; i++) {
      const x = own[i];
      sum += x;
      sumSq += x * x;
      if (x > pool.capital) {
        ruin++;
        ruined[i] = 1;
      }
      if (x > annualPremium) lossYears++;
    }
    const mean = sum / paths;
    const variance = Math.max(0, sumSq / paths - mean * mean);
    const sorted = Float64Array.from(own).sort();
    const quantiles: LossQuantiles = {
      p50: quantileOfSorted(sorted, 0.5),
      p90: quantileOfSorted(sorted, 0.9),
      p99: quantileOfSorted(sorted, 0.99),
      var: quantileOfSorted(sorted, a.confidence),
      max: sorted[paths - 1],
    };
    const top = sorted[paths - 1];
    const binWidth = top > 0 ? niceStep(top / bins) : 1;
    const counts = new Array<number>(Math.max(1, Math.ceil(top / binWidth) + (top > 0 ? 0 : 1))).fill(0);
    for (let i = 0; i < paths; i++) counts[Math.min(counts.length - 1, Math.floor(own[i] / binWidth))]++;
    const requirement = quantiles.var;
    return {
      name: pool.name,
      symbol: pool.symbol,
      capital: pool.capital,
      openLiabilities: pool.openLiabilities,
      activeCover,
      annualPremium,
      expectedLoss: mean,
      lossStdDev: Math.sqrt(variance),
      quantiles,
      capitalRequirement: requirement,
      solvencyRatio: requirement > 0 ? pool.capital / requirement : null,
      ruinProbability: ruin / paths,
      expectedReturn: pool.capital > 0 ? (annualPremium - mean) / pool.capital : 0,
      lossYearProbability: lossYears / paths,
      histogram: { binWidth, counts },
    };
  });
  let anyRuin = 0;
  for (let i = 0; i < paths; i++) anyRuin += ruined[i];
  return {
    paths,
    seed,
    confidence: a.confidence,
    assumptionsVersion: a.version,
    pools,
    anyRuinProbability: anyRuin / paths,
  };
}

/** A round step (1, 2 or 5 times a power of ten) at or above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}
