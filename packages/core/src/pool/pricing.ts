/**
 * Premium quotes, equal to the contract's to the wei: the same integer steps and roundings as
 * `contracts/cover/libraries/Pricing.sol` (keep both equal), plus the premium split of {CoverBook}.
 */
import type { CapitalPool, CoverBook } from "../../../../types/ethers-contracts/index.js";
import { CapitalPool__factory } from "../../../../types/ethers-contracts/index.js";

export const BPS = 10_000n;
export const YEAR = 365n * 24n * 60n * 60n;

/** `active / capital` in basis points, capped at 100 %; 100 % when capital is zero and cover is not. */
export function utilizationBps(active: bigint, capital: bigint): bigint {
  if (capital === 0n) return active === 0n ? 0n : BPS;
  const utilization = (active * BPS) / capital;
  return utilization > BPS ? BPS : utilization;
}

/** Annual rate (bps) for a cover moving utilization from `beforeBps` to `afterBps`. */
export function annualRateBps(
  baseRateBps: bigint,
  surchargeBps: bigint,
  beforeBps: bigint,
  afterBps: bigint,
): bigint {
  return baseRateBps + (surchargeBps * (beforeBps + afterBps)) / (2n * BPS);
}

export interface PremiumInput {
  /** Cover amount, in the pool's asset (wei of it). */
  amount: bigint;
  /** Cover period, in seconds. */
  period: bigint;
  baseRateBps: bigint;
  surchargeBps: bigint;
  /** The pool's capital and active cover at purchase. */
  capital: bigint;
  activeCover: bigint;
}

/** Premium of a cover, rounded up (as `Math.mulDiv(..., Ceil)`). */
export function premiumOf(input: PremiumInput): bigint {
  const rate = annualRateBps(
    input.baseRateBps,
    input.surchargeBps,
    utilizationBps(input.activeCover, input.capital),
    utilizationBps(input.activeCover + input.amount, input.capital),
  );
  const numerator = input.amount * rate * input.period;
  const denominator = BPS * YEAR;
  return (numerator + denominator - 1n) / denominator;
}

export interface PremiumSplit {
  /** Sent to the treasury at purchase. */
  treasury: bigint;
  /** Added to the pool's assessor-reward pot. */
  assessors: bigint;
  /** Streamed into the pool's capital over the cover's period. */
  pool: bigint;
}

/** How {CoverBook} splits a premium (each share rounded down; the pool gets the rest). */
export function splitPremium(
  premium: bigint,
  assessorShareBps: bigint,
  treasuryShareBps: bigint,
): PremiumSplit {
  const treasury = (premium * treasuryShareBps) / BPS;
  const assessors = (premium * assessorShareBps) / BPS;
  return { treasury, assessors, pool: premium - treasury - assessors };
}

export interface CoverQuote extends PremiumSplit {
  premium: bigint;
  /** Annual rate charged, in basis points. */
  annualRateBps: bigint;
  utilizationBeforeBps: bigint;
  utilizationAfterBps: bigint;
  /** Capacity the product can still sell, and whether this cover fits. */
  available: bigint;
  fits: boolean;
}

/**
 * Quotes a cover from chain state, off-chain: reads the product and its pool's books, then prices with
 * {premiumOf}. Equals `CoverBook.quote` (and what `buyCover` charges in the same block).
 */
export async function quoteCover(
  coverBook: CoverBook,
  productId: bigint,
  amount: bigint,
  period: bigint,
): Promise<CoverQuote> {
  const product = await coverBook.product(productId);
  const pool: CapitalPool = CapitalPool__factory.connect(product.pool, coverBook.runner);
  const [state, shares] = await Promise.all([pool.poolState(), coverBook.premiumShares()]);
  const input: PremiumInput = {
    amount,
    period,
    baseRateBps: product.baseRateBps,
    surchargeBps: product.surchargeBps,
    capital: state.capital,
    activeCover: state.activeCover,
  };
  const premium = premiumOf(input);
  const before = utilizationBps(state.activeCover, state.capital);
  const after = utilizationBps(state.activeCover + amount, state.capital);
  const ratio =
    product.capacityRatioBps < state.capacityRatioBps ? product.capacityRatioBps : state.capacityRatioBps;
  const capacity = (state.capital * ratio) / BPS;
  const available = capacity > state.activeCover ? capacity - state.activeCover : 0n;
  return {
    premium,
    ...splitPremium(premium, shares.assessorShareBps, shares.treasuryShareBps),
    annualRateBps: annualRateBps(product.baseRateBps, product.surchargeBps, before, after),
    utilizationBeforeBps: before,
    utilizationAfterBps: after,
    available,
    fits: amount <= available,
  };
}

/** A product's terms as `updateProduct` takes them (its `ProductParams`), with named fields of plain values. */
export interface ProductParams {
  name: string;
  riskType: bigint;
  pool: string;
  baseRateBps: bigint;
  surchargeBps: bigint;
  capacityRatioBps: bigint;
  minPeriod: bigint;
  maxPeriod: bigint;
  active: boolean;
  priceFeed: string;
  triggerPrice: bigint;
}

/**
 * Product `productId`'s current terms as `updateProduct` takes them: a proposal that changes one field spreads
 * these and overrides that field, so every other term is restated exactly as it is.
 */
export async function productParams(book: CoverBook, productId: bigint): Promise<ProductParams> {
  const [p, name] = await Promise.all([book.product(productId), book.productName(productId)]);
  return {
    name,
    riskType: p.riskType,
    pool: p.pool,
    baseRateBps: p.baseRateBps,
    surchargeBps: p.surchargeBps,
    capacityRatioBps: p.capacityRatioBps,
    minPeriod: p.minPeriod,
    maxPeriod: p.maxPeriod,
    active: p.active,
    priceFeed: p.priceFeed,
    triggerPrice: p.triggerPrice,
  };
}
