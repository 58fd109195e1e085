/**
 * The cover family: indexed product parameters (pricing, capacity, periods, parametric trigger) and premium shares.
 */
import type { Result } from "ethers";
import { type Chain, readBigInt, readContract } from "../rpc/chain.js";
import type { ContractName } from "../deployment/schema.js";
import { PAYOUT_RULES, RISK_TYPES } from "../domain/products.js";
import type { NumericUnit } from "../format/units.js";
import {
  type Bound,
  type BoundFields,
  DURATION,
  type IndexSpec,
  type ParameterSpec,
  type ParameterUnit,
  constant,
} from "./types.js";

/**
 * A product's trigger price is in its own feed's decimals (8 for most Chainlink USD feeds, 18 for many ETH
 * ones): written "0.95 USD", converted with the `decimals()` of the feed in the product's `priceFeed`.
 */
export const FEED_PRICE: NumericUnit = { kind: "feedPrice", symbol: "USD", feedField: "priceFeed" };

const PRODUCT: IndexSpec = {
  noun: "product",
  arg: "productId",
  list: async (chain) => {
    const count = await readBigInt(chain, "CoverBook", "productCount");
    const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    const names = await Promise.all(ids.map((id) => readContract(chain, "CoverBook", "productName", [id])));
    return ids.map((id, i) => ({ id, label: String(names[i][0]) }));
  },
};

/**
 * A field of every product: read with `product(id)`, set by `updateProduct(productId, params)` (and given
 * by `addProduct(params)` for a new product).
 */
const productField = (
  field: string,
  label: string,
  unit: ParameterUnit,
  bounds?: { min: Bound; max: Bound },
): ParameterSpec => ({
  key: `cover.product.${field.replace(/Bps$/, "")}`,
  family: "cover",
  label: `Product ${label}`,
  contract: "CoverBook",
  getter: { function: "product", output: `0.${field}` },
  setters: [
    { function: "updateProduct", arg: `params.${field}` },
    { function: "addProduct", arg: `params.${field}` },
  ],
  unit,
  bounds,
  index: PRODUCT,
});

/**
 * A field of a parametric product's trigger rule: read with `parametricSettings(id)` (zero for assessed
 * products), set by `setParametricTerms(productId, terms)`, which takes the whole rule.
 */
const termsField = (
  field: string,
  label: string,
  unit: ParameterUnit,
  bounds?: { min: Bound; max: Bound },
): ParameterSpec => ({
  key: `cover.product.${field.replace(/Bps$/, "")}`,
  family: "cover",
  label: `Product ${label}`,
  contract: "CoverBook",
  getter: { function: "parametricSettings", output: `0.terms.${field}` },
  setters: [{ function: "setParametricTerms", arg: `terms.${field}` }],
  unit,
  bounds,
  index: PRODUCT,
});

/** `MAX_MIN_COVER_UNITS` whole units of the product's pool asset (the contract's formula). */
const minCoverCeiling = async (chain: Chain, fields: BoundFields): Promise<bigint> => {
  const units = await readBigInt(chain, "CoverBook", "MAX_MIN_COVER_UNITS");
  const id = fields.productId ?? 1n;
  const [product] = await readContract(chain, "CoverBook", "product", [id]);
  const pool = String((product as Result).getValue("pool")).toLowerCase();
  const name = Object.entries(chain.deployment.contracts).find(
    ([, at]) => String(at).toLowerCase() === pool,
  )?.[0];
  const asset = name === "WethPool" ? "WETH" : "Stablecoin";
  const decimals = await readBigInt(chain, asset as ContractName, "decimals");
  return units * 10n ** decimals;
};

/** `MAX_ANNUAL_RATE_BPS - baseRateBps`: base rate plus surcharge stay within the annual ceiling. */
const surchargeCeiling = async (chain: Chain, fields: BoundFields): Promise<bigint> => {
  const ceiling = await readBigInt(chain, "CoverBook", "MAX_ANNUAL_RATE_BPS");
  const base = fields.baseRateBps ?? (await readBigInt(chain, "CoverBook", "MIN_BASE_RATE_BPS"));
  return base > ceiling ? 0n : ceiling - base;
};

/** The longest period may not be shorter than the shortest one. */
const maxPeriodFloor = async (chain: Chain, fields: BoundFields): Promise<bigint> =>
  fields.minPeriod ?? readBigInt(chain, "CoverBook", "MIN_COVER_PERIOD");

export const COVER_PARAMETERS: ParameterSpec[] = [
  {
    key: "cover.productCount",
    family: "cover",
    label: "Products listed",
    contract: "CoverBook",
    getter: { function: "productCount" },
    setters: [],
    unit: { kind: "integer" },
  },
  {
    ...productField("name", "name", { kind: "text" }),
    getter: {
      describe: "CoverBook.productName(productId)",
      read: async (chain, id) => String((await readContract(chain, "CoverBook", "productName", [id]))[0]),
    },
  },
  productField("riskType", "risk type", { kind: "enum", names: RISK_TYPES }),
  productField("pool", "pool", { kind: "address" }),
  productField(
    "baseRateBps",
    "base annual rate",
    { kind: "bps" },
    {
      min: constant("MIN_BASE_RATE_BPS"),
      max: constant("MAX_ANNUAL_RATE_BPS"),
    },
  ),
  productField(
    "surchargeBps",
    "utilization surcharge (annual, at full use)",
    { kind: "bps" },
    {
      min: 0n,
      max: surchargeCeiling,
    },
  ),
  productField(
    "capacityRatioBps",
    "capacity ratio (share of pool capital)",
    { kind: "bps" },
    {
      min: constant("MIN_CAPACITY_RATIO_BPS"),
      max: constant("MAX_CAPACITY_RATIO_BPS"),
    },
  ),
  productField("minPeriod", "shortest cover period", DURATION, {
    min: constant("MIN_COVER_PERIOD"),
    max: constant("MAX_COVER_PERIOD"),
  }),
  productField("maxPeriod", "longest cover period", DURATION, {
    min: maxPeriodFloor,
    max: constant("MAX_COVER_PERIOD"),
  }),
  productField("active", "sells new covers", { kind: "flag" }),
  productField("priceFeed", "price feed (parametric)", { kind: "address" }),
  productField("triggerPrice", "trigger price (parametric)", FEED_PRICE),
  termsField("recoveryPrice", "recovery price (parametric; in the feed's decimals, e.g. 99900000 = 0.999)", {
    kind: "integer",
  }),
  termsField("referencePrice", "reference price, the peg (parametric; in the feed's decimals)", {
    kind: "integer",
  }),
  termsField("confirmationWindow", "confirmation window (parametric)", DURATION, {
    min: constant("MIN_CONFIRMATION_WINDOW"),
    max: constant("MAX_CONFIRMATION_WINDOW"),
  }),
  termsField("waitingPeriod", "waiting period after purchase (parametric)", DURATION, {
    min: constant("MIN_WAITING_PERIOD"),
    max: constant("MAX_WAITING_PERIOD"),
  }),
  termsField("heartbeat", "feed heartbeat (parametric)", DURATION, {
    min: constant("MIN_HEARTBEAT"),
    max: constant("MAX_HEARTBEAT"),
  }),
  termsField("heartbeatTolerance", "feed heartbeat tolerance (parametric)", DURATION, {
    min: 0n,
    max: constant("MAX_HEARTBEAT_TOLERANCE"),
  }),
  termsField(
    "triggerBufferBps",
    "sale buffer above the trigger (parametric)",
    { kind: "bps" },
    { min: 0n, max: constant("MAX_TRIGGER_BUFFER_BPS") },
  ),
  termsField("payoutRule", "payout rule (parametric)", { kind: "enum", names: PAYOUT_RULES }),
  {
    key: "cover.product.minCoverAmount",
    family: "cover",
    label: "Product minimum cover amount (smallest unit of the pool's asset)",
    contract: "CoverBook",
    getter: { function: "minCoverAmount" },
    setters: [{ function: "setMinCoverAmount", arg: "amount" }],
    unit: { kind: "integer" },
    bounds: { min: 0n, max: minCoverCeiling },
    index: PRODUCT,
  },
  {
    key: "cover.sequencerUptimeFeed",
    family: "cover",
    label: "L2 sequencer-uptime feed (none on L1)",
    contract: "CoverBook",
    getter: { function: "sequencerUptimeFeed", output: "feed" },
    setters: [{ function: "setSequencerUptimeFeed", arg: "feed" }],
    unit: { kind: "address" },
  },
  {
    key: "cover.sequencerGracePeriod",
    family: "cover",
    label: "Grace period after the L2 sequencer comes back",
    contract: "CoverBook",
    getter: { function: "sequencerUptimeFeed", output: "gracePeriod" },
    setters: [{ function: "setSequencerUptimeFeed", arg: "gracePeriod" }],
    unit: DURATION,
    bounds: { min: 0n, max: constant("MAX_SEQUENCER_GRACE_PERIOD") },
  },
  {
    key: "cover.assessorShare",
    family: "cover",
    label: "Premium share to claim assessors",
    contract: "CoverBook",
    getter: { function: "premiumShares", output: "assessorShareBps" },
    setters: [{ function: "setPremiumShares", arg: "assessorShareBps" }],
    unit: { kind: "bps" },
    bounds: { min: 0n, max: constant("MAX_ASSESSOR_SHARE_BPS") },
  },
  {
    key: "cover.treasuryShare",
    family: "cover",
    label: "Premium share to the treasury",
    contract: "CoverBook",
    getter: { function: "premiumShares", output: "treasuryShareBps" },
    setters: [{ function: "setPremiumShares", arg: "treasuryShareBps" }],
    unit: { kind: "bps" },
    bounds: { min: 0n, max: constant("MAX_TREASURY_SHARE_BPS") },
  },
  {
    key: "cover.treasury",
    family: "cover",
    label: "Treasury receiving the premium share",
    contract: "CoverBook",
    getter: { function: "premiumShares", output: "treasury" },
    setters: [{ function: "setTreasury", arg: "newTreasury" }],
    unit: { kind: "address" },
  },
];
