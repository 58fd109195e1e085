/**
 * The risk-parameter registry: every parameter governance owns, by family, with its getter, its
 * setter(s), its unit and its bounds. Bounds come from the contracts' public constants (or the same
 * formula the contract applies), never from numbers typed here.
 *
 * The UI's proposal builder lists {FAMILIES}, shows each parameter of a family ({parametersOf}) with its
 * current value and bounds ({readAllParameters}, {readParameter}, {readBounds}), and builds the setter
 * call ({ParameterSpec.setters}); `proposal validate` checks setter arguments against the bounds and
 * `proposal simulate` reads every parameter before and after.
 *
 * Two shapes need care. The pools are two deployments of one contract (`WethPool`, `StablecoinPool`):
 * their parameters are generated per deployment name ({POOL_NAMES}). Products are indexed (`productId` 1..n,
 * growing when governance adds one): a product parameter has an {IndexSpec} and is read once per product,
 * with the reading's key `cover.product.baseRate#1`.
 *
 * Browser-safe: this module imports no `node:` module, directly or through its imports (only ethers,
 * the TypeChain factories and `units.ts`), so the UI bundles it as it is.
 */
import { type FunctionFragment, Interface, type Result, ZeroAddress, isError } from "ethers";

import type { Chain } from "../rpc/chain.js";
import { FACTORIES, contractInterface } from "../rpc/contracts.js";
import type { ContractName, Deployment } from "../deployment/schema.js";
import { POOL_NAMES, type PoolName } from "../domain/pools.js";
import { PAYOUT_RULES, RISK_TYPES } from "../domain/products.js";
import { type NumericUnit, type UnitSpec, UnitError, formatUnit, parseUnit } from "../format/units.js";

export type ParameterFamily =
  "governance" | "staking" | "guardian" | "access" | "pool" | "cover" | "claims" | "treasury";

/** Families in display order, with a line for the UI. */
export const FAMILIES: Record<ParameterFamily, string> = {
  governance: "Governor and Timelock: how proposals are made, passed and delayed",
  staking: "Staking vault: unstake cooldown and window, slashing",
  guardian: "Guardian roles: who may pause and cancel in an emergency",
  access: "Access: which role may call which restricted function",
  pool: "Capital pools (WETH, stablecoin): capacity ratio, withdrawal cooldown and window",
  cover: "Cover book: products (pricing, capacity, periods, parametric trigger), premium shares",
  claims: "Claim assessment: voting period, quorum, cooldown, escalation, deposits, rewards",
  treasury: "Treasury: what the Timelock holds",
};

/** The unit of a parameter's value: an integer in a human unit, an address, a flag, a name, a list. */
export type ParameterUnit =
  | NumericUnit
  | { kind: "address" }
  | { kind: "flag" }
  | { kind: "enum"; names: readonly string[] }
  | { kind: "text" }
  | { kind: "list" };
export type ParameterValue = bigint | string | boolean | readonly string[];

/**
 * Values of the other integer fields of the same call (a proposal's setter arguments or struct fields) or,
 * when reading, of the same indexed item: a bound that depends on another field reads it here.
 */
export type BoundFields = Readonly<Record<string, bigint>>;

/** A bound: a literal the contract also uses literally, a public constant, or the contract's formula. */
export type Bound = bigint | { constant: string } | ((chain: Chain, fields: BoundFields) => Promise<bigint>);

/** A function that changes the parameter; `arg` is the argument carrying the new value. */
export interface SetterSpec {
  function: string;
  /** The argument, or the path to a struct field: `params.baseRateBps`. */
  arg: string;
  /** Arguments that select this parameter, e.g. `{ roleId: "GUARDIAN_ROLE" }`. */
  fixed?: Record<string, string>;
}

/** An indexed parameter exists once per item (a product): how to list the items and name them. */
export interface IndexSpec {
  /** What one item is: "product". */
  noun: string;
  /** The getter's and setters' argument that carries the item's id, e.g. `productId`. */
  arg: string;
  /** The items that exist now, with a label each (the product's name). */
  list: (chain: Chain) => Promise<{ id: bigint; label: string }[]>;
}

export interface ParameterSpec {
  /** Unique key, `family.name`; an indexed parameter's readings add `#<id>`. */
  key: string;
  family: ParameterFamily;
  label: string;
  /** Deployment name of the contract that holds it (`WethPool` and `StablecoinPool` are both CapitalPools). */
  contract: ContractName;
  /**
   * How it is read: a view function (called with the index for an indexed parameter) and, for a tuple or
   * struct result, the path of the output: `cooldown`, or `0.votingPeriod` inside an unnamed struct.
   */
  getter:
    | { function: string; output?: string }
    | { describe: string; read: (chain: Chain, id?: bigint) => Promise<ParameterValue> };
  setters: SetterSpec[];
  unit: ParameterUnit;
  bounds?: { min: Bound; max: Bound };
  /** Set for per-item parameters (products). */
  index?: IndexSpec;
}

/**
 * An integer unit (one that bounds apply to and that {formatUnit} writes, a feed price once {concreteUnit}
 * has read its feed), as opposed to addresses, flags...
 */
export function isNumericUnit(unit: ParameterUnit): unit is NumericUnit {
  return ["duration", "bps", "percent", "token", "integer", "price", "feedPrice"].includes(unit.kind);
}

// ----------------------------------------------------------------------------- browser-safe reads

/** Calls the view function `fn` of contract `name` and decodes its result. */
async function view(
  chain: Chain,
  name: ContractName,
  fn: string,
  args: readonly unknown[] = [],
): Promise<Result> {
  const iface = contractInterface(name);
  const raw = await chain.provider.call({
    to: chain.deployment.contracts[name],
    data: iface.encodeFunctionData(fn, args),
  });
  return iface.decodeFunctionResult(fn, raw);
}

async function viewBigInt(chain: Chain, name: ContractName, fn: string, args: readonly unknown[] = []) {
  const [value] = await view(chain, name, fn, args);
  return BigInt(value as bigint);
}

/** The one function of a Chainlink AggregatorV3Interface feed that units need. */
const FEED = new Interface(["function decimals() view returns (uint8)"]);

/**
 * The decimals of the Chainlink-style feed (AggregatorV3Interface) at `address`, read with `decimals()`. An
 * address that does not answer it (an account, another contract) is a {UnitError} saying so; a failure
 * other than a revert or an empty answer (a node error) adds its own message.
 */
export async function feedDecimals(chain: Chain, address: string): Promise<number> {
  try {
    const raw = await chain.provider.call({ to: address, data: FEED.encodeFunctionData("decimals") });
    return Number(FEED.decodeFunctionResult("decimals", raw)[0]);
  } catch (error) {
    const plain = isError(error, "CALL_EXCEPTION") || isError(error, "BAD_DATA");
    const cause = plain ? "" : ` (${String((error as Error)?.message ?? error).split("\n")[0]})`;
    throw new UnitError(
      `cannot read decimals() of the price feed at ${address}: is it a Chainlink-style feed?${cause}`,
    );
  }
}

/**
 * `unit` made concrete for one struct or call whose fields are `fields` (by name; addresses as 0x text):
 * a feed price gets the decimals of the feed in its sibling field, read on chain, and remembers that feed
 * (the zero address, a product without a feed, reads nothing: its price can only be 0). Other units are
 * already concrete. `decimalsOf` may be given to share feed reads (a cache).
 */
export async function concreteUnit(
  chain: Chain,
  unit: NumericUnit,
  fields: Readonly<Record<string, unknown>>,
  decimalsOf: (address: string) => Promise<number> = (address) => feedDecimals(chain, address),
): Promise<UnitSpec> {
  if (unit.kind !== "feedPrice") return unit;
  const feed = fields[unit.feedField];
  if (typeof feed !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(feed)) {
    throw new UnitError(`a price in ${unit.symbol} needs its feed's address in ${unit.feedField}`);
  }
  const decimals = feed === ZeroAddress ? 0 : await decimalsOf(feed);
  return { kind: "price", decimals, symbol: unit.symbol, feed };
}

/** "CoverTimelock (0x…)" when the address is in the deployment, else the address. */
export function labelAddress(deployment: Deployment, address: string): string {
  const lower = address.toLowerCase();
  const named = [...Object.entries(deployment.contracts), ...Object.entries(deployment.accounts)].find(
    ([, value]) => value.toLowerCase() === lower,
  );
  return named ? `${named[0]} (${address})` : address;
}

/** Walks an output path (`cooldown`, `0.votingPeriod`) through a decoded result. */
function pick(result: Result, output: string | undefined): unknown {
  if (!output) return result[0];
  let value: unknown = result;
  for (const part of output.split(".")) {
    const node = value as Result;
    value = /^\d+$/.test(part) ? node[Number(part)] : node.getValue(part);
  }
  return value;
}

// ---------------------------------------------------------------------------------------- roles

/** AccessManager role constants the registry follows (pool/claims add theirs here). */
export const ROLE_NAMES = ["GUARDIAN_ROLE", "CLAIMS_ROLE"] as const;
export const ROLE_SOURCE: ContractName = "DAOAccessManager";

/** Every role constant of the AccessManager (`ADMIN_ROLE`, `PUBLIC_ROLE` and the DAO's `*_ROLE`). */
export async function roleIds(chain: Chain): Promise<Map<string, bigint>> {
  const iface = contractInterface(ROLE_SOURCE);
  const names: string[] = [];
  iface.forEachFunction((fragment) => {
    if (/_ROLE$/.test(fragment.name) && fragment.inputs.length === 0) names.push(fragment.name);
  });
  const ids = await Promise.all(names.map((name) => viewBigInt(chain, ROLE_SOURCE, name)));
  return new Map(names.map((name, i) => [name, ids[i]]));
}

/** Current members of a role, from the AccessManager's grant events, checked with `hasRole`. */
export async function roleMembers(chain: Chain, roleName: string): Promise<string[]> {
  const roleId = (await roleIds(chain)).get(roleName);
  if (roleId === undefined) throw new Error(`${ROLE_SOURCE} has no role ${roleName}`);
  const iface = contractInterface(ROLE_SOURCE);
  const granted = iface.getEvent("RoleGranted");
  if (!granted) throw new Error(`${ROLE_SOURCE} has no RoleGranted event`);
  const logs = await chain.provider.getLogs({
    address: chain.deployment.contracts[ROLE_SOURCE],
    topics: [granted.topicHash, iface.encodeFilterTopics(granted, [roleId])[1]],
    fromBlock: chain.deployment.startBlock,
    toBlock: "latest",
  });
  const candidates = [...new Set(logs.map((log) => iface.parseLog(log)?.args.account as string))];
  const members: string[] = [];
  for (const account of candidates) {
    const [isMember] = await view(chain, ROLE_SOURCE, "hasRole", [roleId, account]);
    if (isMember) members.push(account);
  }
  return members.sort();
}

/** "StakingVault.lock(address,uint48) → CLAIMS_ROLE" for every restricted function not left to ADMIN. */
export async function functionRoles(chain: Chain): Promise<string[]> {
  const ids = await roleIds(chain);
  const nameOf = new Map([...ids].map(([name, id]) => [id, name]));
  const lines: string[] = [];
  for (const contract of Object.keys(FACTORIES) as ContractName[]) {
    if (!chain.deployment.contracts[contract]) continue;
    const iface = contractInterface(contract);
    if (!iface.getFunction("authority")) continue;
    const fragments: FunctionFragment[] = [];
    iface.forEachFunction((f) => {
      if (!f.constant) fragments.push(f);
    });
    for (const fragment of fragments) {
      const role = await viewBigInt(chain, ROLE_SOURCE, "getTargetFunctionRole", [
        chain.deployment.contracts[contract],
        fragment.selector,
      ]);
      if (role !== ids.get("ADMIN_ROLE")) {
        lines.push(`${contract}.${fragment.format("sighash")} → ${nameOf.get(role) ?? role}`);
      }
    }
  }
  return lines;
}

// ------------------------------------------------------------------------------------ registry

const DURATION: UnitSpec = { kind: "duration" };
const constant = (name: string): Bound => ({ constant: name });

/** The Governor's proposal-threshold ceiling: `getPastTotalSupply(clock - 1) * MAX_THRESHOLD_BPS / 10_000`. */
const thresholdCeiling = async (chain: Chain): Promise<bigint> => {
  const block = await chain.provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  const supply = await viewBigInt(chain, "GovernanceToken", "getPastTotalSupply", [block.timestamp - 1]);
  const bps = await viewBigInt(chain, "CoverGovernor", "MAX_THRESHOLD_BPS");
  return (supply * bps) / 10_000n;
};

const roleMembersParameter = (
  family: ParameterFamily,
  roleName: (typeof ROLE_NAMES)[number],
): ParameterSpec => ({
  key: `${family}.${roleName}`,
  family,
  label: `Members of ${roleName}`,
  contract: ROLE_SOURCE,
  getter: {
    describe: `RoleGranted events + hasRole(${roleName}, account)`,
    read: (chain) => roleMembers(chain, roleName),
  },
  setters: [
    { function: "grantRole", arg: "account", fixed: { roleId: roleName } },
    { function: "revokeRole", arg: "account", fixed: { roleId: roleName } },
  ],
  unit: { kind: "list" },
});

const POOL_LABELS: Record<PoolName, string> = { WethPool: "WETH pool", StablecoinPool: "Stablecoin pool" };

const poolParameters = (pool: PoolName): ParameterSpec[] => [
  {
    key: `pool.${pool}.capacityRatio`,
    family: "pool",
    label: `${POOL_LABELS[pool]}: capacity ratio (largest active cover / capital)`,
    contract: pool,
    getter: { function: "parameters", output: "capacityRatioBps" },
    setters: [{ function: "setCapacityRatio", arg: "newRatioBps" }],
    unit: { kind: "bps" },
    bounds: { min: constant("MIN_CAPACITY_RATIO_BPS"), max: constant("MAX_CAPACITY_RATIO_BPS") },
  },
  {
    key: `pool.${pool}.withdrawalCooldown`,
    family: "pool",
    label: `${POOL_LABELS[pool]}: withdrawal cooldown`,
    contract: pool,
    getter: { function: "parameters", output: "cooldown" },
    setters: [{ function: "setWithdrawalCooldown", arg: "newCooldown" }],
    unit: DURATION,
    bounds: { min: constant("MIN_COOLDOWN"), max: constant("MAX_COOLDOWN") },
  },
  {
    key: `pool.${pool}.withdrawalWindow`,
    family: "pool",
    label: `${POOL_LABELS[pool]}: withdrawal window`,
    contract: pool,
    getter: { function: "parameters", output: "window" },
    setters: [{ function: "setWithdrawalWindow", arg: "newWindow" }],
    unit: DURATION,
    bounds: { min: constant("MIN_WINDOW"), max: constant("MAX_WINDOW") },
  },
];

/**
 * A product's trigger price is in its own feed's decimals (8 for most Chainlink USD feeds, 18 for many ETH
 * ones): written "0.95 USD", converted with the `decimals()` of the feed in the product's `priceFeed`.
 */
export const FEED_PRICE: NumericUnit = { kind: "feedPrice", symbol: "USD", feedField: "priceFeed" };

const PRODUCT: IndexSpec = {
  noun: "product",
  arg: "productId",
  list: async (chain) => {
    const count = await viewBigInt(chain, "CoverBook", "productCount");
    const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    const names = await Promise.all(ids.map((id) => view(chain, "CoverBook", "productName", [id])));
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
  const units = await viewBigInt(chain, "CoverBook", "MAX_MIN_COVER_UNITS");
  const id = fields.productId ?? 1n;
  const [product] = await view(chain, "CoverBook", "product", [id]);
  const pool = String((product as Result).getValue("pool")).toLowerCase();
  const name = Object.entries(chain.deployment.contracts).find(
    ([, at]) => String(at).toLowerCase() === pool,
  )?.[0];
  const asset = name === "WethPool" ? "WETH" : "Stablecoin";
  const decimals = await viewBigInt(chain, asset as ContractName, "decimals");
  return units * 10n ** decimals;
};

/** `MAX_ANNUAL_RATE_BPS - baseRateBps`: base rate plus surcharge stay within the annual ceiling. */
const surchargeCeiling = async (chain: Chain, fields: BoundFields): Promise<bigint> => {
  const ceiling = await viewBigInt(chain, "CoverBook", "MAX_ANNUAL_RATE_BPS");
  const base = fields.baseRateBps ?? (await viewBigInt(chain, "CoverBook", "MIN_BASE_RATE_BPS"));
  return base > ceiling ? 0n : ceiling - base;
};

/** The longest period may not be shorter than the shortest one. */
const maxPeriodFloor = async (chain: Chain, fields: BoundFields): Promise<bigint> =>
  fields.minPeriod ?? viewBigInt(chain, "CoverBook", "MIN_COVER_PERIOD");

const COVER_PARAMETERS: ParameterSpec[] = [
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
      read: async (chain, id) => String((await view(chain, "CoverBook", "productName", [id]))[0]),
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

/** A bounded claim parameter: read from `parameters()`, set by `set<Name>(value)`. */
const claimParameter = (
  field: string,
  label: string,
  unit: ParameterUnit,
  bounds: { min: Bound; max: Bound },
): ParameterSpec => ({
  key: `claims.${field.replace(/Bps$/, "")}`,
  family: "claims",
  label,
  contract: "CoverClaims",
  getter: { function: "parameters", output: `0.${field}` },
  setters: [{ function: `set${field[0].toUpperCase()}${field.slice(1)}`, arg: "value" }],
  unit,
  bounds,
});

const ETH: UnitSpec = { kind: "token", symbol: "ETH" };
const CLAIMS_PARAMETERS: ParameterSpec[] = [
  claimParameter("votingPeriod", "Claim voting period", DURATION, {
    min: constant("MIN_VOTING_PERIOD"),
    max: constant("MAX_VOTING_PERIOD"),
  }),
  claimParameter("lateVoteExtension", "Late-vote extension", DURATION, {
    min: constant("MIN_LATE_VOTE_EXTENSION"),
    max: constant("MAX_LATE_VOTE_EXTENSION"),
  }),
  claimParameter(
    "maxExtensions",
    "Extensions per claim",
    { kind: "integer" },
    {
      min: 0n,
      max: constant("MAX_EXTENSIONS_CEILING"),
    },
  ),
  claimParameter("cooldown", "Cooldown (escalation window after the vote)", DURATION, {
    min: constant("MIN_COOLDOWN"),
    max: constant("MAX_COOLDOWN"),
  }),
  claimParameter("escalationTimeout", "Time governance has to decide an escalation", DURATION, {
    min: constant("MIN_ESCALATION_TIMEOUT"),
    max: constant("MAX_ESCALATION_TIMEOUT"),
  }),
  claimParameter("redemptionWindow", "Redemption window of an approved claim", DURATION, {
    min: constant("MIN_REDEMPTION_WINDOW"),
    max: constant("MAX_REDEMPTION_WINDOW"),
  }),
  claimParameter("gracePeriod", "Filing grace period after a cover ends", DURATION, {
    min: constant("MIN_GRACE_PERIOD"),
    max: constant("MAX_GRACE_PERIOD"),
  }),
  claimParameter(
    "quorumBps",
    "Claim quorum (share of total stake at filing)",
    { kind: "bps" },
    {
      min: constant("MIN_QUORUM_BPS"),
      max: constant("MAX_QUORUM_BPS"),
    },
  ),
  claimParameter(
    "rewardBps",
    "Assessor reward per claim, at most (share of the unreserved pot)",
    { kind: "bps" },
    {
      min: 0n,
      max: constant("MAX_REWARD_BPS"),
    },
  ),
  claimParameter("claimDeposit", "Claim deposit", ETH, {
    min: constant("MIN_CLAIM_DEPOSIT"),
    max: constant("MAX_CLAIM_DEPOSIT"),
  }),
  claimParameter("escalationBond", "Escalation bond", ETH, {
    min: constant("MIN_ESCALATION_BOND"),
    max: constant("MAX_ESCALATION_BOND"),
  }),
  {
    key: "claims.escalationBondScale",
    family: "claims",
    label: "Escalation bond of a claim as large as its pool",
    contract: "CoverClaims",
    getter: { function: "escalationBondScale" },
    setters: [{ function: "setEscalationBondScale", arg: "value" }],
    unit: ETH,
    bounds: { min: constant("MIN_ESCALATION_BOND_SCALE"), max: constant("MAX_ESCALATION_BOND_SCALE") },
  },
  claimParameter(
    "rewardAmountBps",
    "Assessor reward per claim that reached quorum (share of the amount claimed)",
    { kind: "bps" },
    {
      min: 0n,
      max: constant("MAX_REWARD_AMOUNT_BPS"),
    },
  ),
  claimParameter(
    "quorumMissFeeBps",
    "Share of the deposit kept when a claim misses quorum",
    { kind: "bps" },
    {
      min: 0n,
      max: constant("MAX_QUORUM_MISS_FEE_BPS"),
    },
  ),
  {
    key: "claims.treasury",
    family: "claims",
    label: "Treasury receiving forfeited deposits and bonds",
    contract: "CoverClaims",
    getter: { function: "treasury" },
    setters: [{ function: "setTreasury", arg: "newTreasury" }],
    unit: { kind: "address" },
  },
];

export const PARAMETERS: readonly ParameterSpec[] = [
  {
    key: "governance.votingDelay",
    family: "governance",
    label: "Voting delay",
    contract: "CoverGovernor",
    getter: { function: "votingDelay" },
    setters: [{ function: "setVotingDelay", arg: "newVotingDelay" }],
    unit: DURATION,
    bounds: { min: constant("MIN_VOTING_DELAY"), max: constant("MAX_VOTING_DELAY") },
  },
  {
    key: "governance.votingPeriod",
    family: "governance",
    label: "Voting period",
    contract: "CoverGovernor",
    getter: { function: "votingPeriod" },
    setters: [{ function: "setVotingPeriod", arg: "newVotingPeriod" }],
    unit: DURATION,
    bounds: { min: constant("MIN_VOTING_PERIOD"), max: constant("MAX_VOTING_PERIOD") },
  },
  {
    key: "governance.proposalThreshold",
    family: "governance",
    label: "Proposal threshold",
    contract: "CoverGovernor",
    getter: { function: "proposalThreshold" },
    setters: [{ function: "setProposalThreshold", arg: "newProposalThreshold" }],
    unit: { kind: "token", symbol: "COVER" },
    bounds: { min: 0n, max: thresholdCeiling },
  },
  {
    key: "governance.quorum",
    family: "governance",
    label: "Quorum (share of total votes)",
    contract: "CoverGovernor",
    getter: { function: "quorumNumerator()" },
    setters: [{ function: "updateQuorumNumerator", arg: "newQuorumNumerator" }],
    unit: { kind: "percent" },
    bounds: { min: constant("MIN_QUORUM_PERCENT"), max: constant("MAX_QUORUM_PERCENT") },
  },
  {
    key: "governance.lateQuorumExtension",
    family: "governance",
    label: "Late-quorum vote extension",
    contract: "CoverGovernor",
    getter: { function: "lateQuorumVoteExtension" },
    setters: [{ function: "setLateQuorumVoteExtension", arg: "newVoteExtension" }],
    unit: DURATION,
    bounds: { min: constant("MIN_LATE_QUORUM_EXTENSION"), max: constant("MAX_LATE_QUORUM_EXTENSION") },
  },
  {
    key: "governance.proposalGuardian",
    family: "governance",
    label: "Proposal guardian (may cancel)",
    contract: "CoverGovernor",
    getter: { function: "proposalGuardian" },
    setters: [{ function: "setProposalGuardian", arg: "newProposalGuardian" }],
    unit: { kind: "address" },
  },
  {
    key: "governance.timelockDelay",
    family: "governance",
    label: "Timelock delay",
    contract: "CoverTimelock",
    getter: { function: "getMinDelay" },
    setters: [{ function: "updateDelay", arg: "newDelay" }],
    unit: DURATION,
    bounds: { min: constant("MIN_DELAY_FLOOR"), max: constant("MAX_DELAY_CEILING") },
  },
  {
    key: "staking.unstakeCooldown",
    family: "staking",
    label: "Unstake cooldown",
    contract: "StakingVault",
    getter: { function: "parameters", output: "cooldown" },
    setters: [{ function: "setUnstakeCooldown", arg: "newCooldown" }],
    unit: DURATION,
    bounds: { min: constant("MIN_COOLDOWN"), max: constant("MAX_COOLDOWN") },
  },
  {
    key: "staking.unstakeWindow",
    family: "staking",
    label: "Withdrawal window",
    contract: "StakingVault",
    getter: { function: "parameters", output: "window" },
    setters: [{ function: "setUnstakeWindow", arg: "newWindow" }],
    unit: DURATION,
    bounds: { min: constant("MIN_WINDOW"), max: constant("MAX_WINDOW") },
  },
  {
    key: "staking.maxSlash",
    family: "staking",
    label: "Max slash per slash window (share of stake)",
    contract: "StakingVault",
    getter: { function: "parameters", output: "maxSlashBps" },
    setters: [{ function: "setMaxSlashBps", arg: "newBps" }],
    unit: { kind: "bps" },
    // The contract's own literal lower bound (`value == 0` reverts with min 1).
    bounds: { min: 1n, max: constant("MAX_SLASH_BPS_CEILING") },
  },
  {
    key: "staking.slashWindow",
    family: "staking",
    label: "Slash window (slashes within it share one bound)",
    contract: "StakingVault",
    getter: { function: "slashWindow" },
    setters: [{ function: "setSlashWindow", arg: "newWindow" }],
    unit: DURATION,
    bounds: { min: constant("MIN_SLASH_WINDOW"), max: constant("MAX_SLASH_WINDOW") },
  },
  {
    key: "staking.slashRecipient",
    family: "staking",
    label: "Slash recipient",
    contract: "StakingVault",
    getter: { function: "parameters", output: "slashRecipient" },
    setters: [{ function: "setSlashRecipient", arg: "newRecipient" }],
    unit: { kind: "address" },
  },
  roleMembersParameter("guardian", "GUARDIAN_ROLE"),
  roleMembersParameter("access", "CLAIMS_ROLE"),
  {
    key: "access.CoverBook.claimsModule",
    family: "access",
    label: "Claims module allowed to pay covers out (CoverBook)",
    contract: "CoverBook",
    getter: { function: "claimsModule" },
    setters: [{ function: "setClaimsModule", arg: "newModule" }],
    unit: { kind: "address" },
  },
  ...POOL_NAMES.map((pool): ParameterSpec => ({
    key: `access.${pool}.coverBook`,
    family: "access",
    label: `${POOL_LABELS[pool]}: cover book allowed to reserve capital and pay claims`,
    contract: pool,
    getter: { function: "coverBook" },
    setters: [{ function: "setCoverBook", arg: "newCoverBook" }],
    unit: { kind: "address" },
  })),
  {
    key: "access.functionRoles",
    family: "access",
    label: "Restricted functions open to a role",
    contract: ROLE_SOURCE,
    getter: {
      describe: "getTargetFunctionRole(target, selector) for each AccessManaged function",
      read: functionRoles,
    },
    setters: [{ function: "setTargetFunctionRole", arg: "roleId" }],
    unit: { kind: "list" },
  },
  ...POOL_NAMES.flatMap(poolParameters),
  ...COVER_PARAMETERS,
  ...CLAIMS_PARAMETERS,
  {
    key: "treasury.COVER",
    family: "treasury",
    label: "COVER held by the Timelock",
    contract: "GovernanceToken",
    getter: {
      describe: "GovernanceToken.balanceOf(CoverTimelock)",
      read: (chain) =>
        viewBigInt(chain, "GovernanceToken", "balanceOf", [chain.deployment.contracts.CoverTimelock]),
    },
    setters: [{ function: "transfer", arg: "value" }],
    unit: { kind: "token", symbol: "COVER" },
  },
  {
    key: "treasury.ETH",
    family: "treasury",
    label: "ETH held by the Timelock",
    contract: "CoverTimelock",
    getter: {
      describe: "eth_getBalance(CoverTimelock)",
      read: (chain) => chain.provider.getBalance(chain.deployment.contracts.CoverTimelock),
    },
    setters: [],
    unit: { kind: "token", symbol: "ETH" },
  },
];

export function parametersOf(family: ParameterFamily): ParameterSpec[] {
  return PARAMETERS.filter((p) => p.family === family);
}

/**
 * Every registry entry that `contract.fn` sets, with the setter (one call may set several: `setPremiumShares`
 * sets both shares, `updateProduct` every product field). `args`, when given, must agree with `fixed`.
 */
export function parametersForSetter(
  contract: string,
  fn: string,
  args: Record<string, unknown> = {},
): { parameter: ParameterSpec; setter: SetterSpec }[] {
  const matches: { parameter: ParameterSpec; setter: SetterSpec }[] = [];
  for (const parameter of PARAMETERS) {
    if (parameter.contract !== contract) continue;
    for (const setter of parameter.setters) {
      if (setter.function !== fn) continue;
      const fixed = Object.entries(setter.fixed ?? {});
      if (fixed.every(([name, value]) => args[name] === undefined || args[name] === value)) {
        matches.push({ parameter, setter });
        break;
      }
    }
  }
  return matches;
}

/** The first registry entry whose setter is `contract.fn`, if any (and the setter). */
export function parameterForSetter(
  contract: string,
  fn: string,
  args: Record<string, unknown> = {},
): { parameter: ParameterSpec; setter: SetterSpec } | undefined {
  return parametersForSetter(contract, fn, args)[0];
}

// ---------------------------------------------------------------------------------------- reads

/** View results and feed decimals read once per table. */
interface ViewCache {
  views: Map<string, Promise<Result>>;
  feeds: Map<string, Promise<number>>;
}

function cachedView(
  chain: Chain,
  name: ContractName,
  fn: string,
  args: readonly unknown[],
  cache?: ViewCache,
) {
  const key = `${name}.${fn}(${args.join(",")})`;
  let result = cache?.views.get(key);
  if (!result) {
    result = view(chain, name, fn, args);
    cache?.views.set(key, result);
  }
  return result;
}

/** The current value; `id` selects the item of an indexed parameter (a product id). */
export async function readParameter(
  chain: Chain,
  parameter: ParameterSpec,
  id?: bigint,
  cache?: ViewCache,
): Promise<ParameterValue> {
  const getter = parameter.getter;
  if ("read" in getter) return getter.read(chain, id);
  if (parameter.index && id === undefined) {
    throw new Error(`${parameter.key} is per ${parameter.index.noun}: give its ${parameter.index.arg}`);
  }
  const args = parameter.index ? [id] : [];
  const value = pick(
    await cachedView(chain, parameter.contract, getter.function, args, cache),
    getter.output,
  );
  if (typeof value === "bigint" || typeof value === "string" || typeof value === "boolean") return value;
  throw new Error(`${parameter.key}: unexpected ${typeof value} from ${getter.function}`);
}

async function readBound(
  chain: Chain,
  parameter: ParameterSpec,
  bound: Bound,
  fields: BoundFields,
): Promise<bigint> {
  if (typeof bound === "bigint") return bound;
  if (typeof bound === "function") return bound(chain, fields);
  return viewBigInt(chain, parameter.contract, bound.constant);
}

/**
 * The bounds the contract enforces. `fields` are the other integer fields of the same call or item, for
 * bounds that depend on them (a product's surcharge on its base rate, its longest period on its shortest).
 */
export async function readBounds(
  chain: Chain,
  parameter: ParameterSpec,
  fields: BoundFields = {},
): Promise<{ min: bigint; max: bigint } | undefined> {
  if (!parameter.bounds) return undefined;
  const [min, max] = await Promise.all([
    readBound(chain, parameter, parameter.bounds.min, fields),
    readBound(chain, parameter, parameter.bounds.max, fields),
  ]);
  return { min, max };
}

/**
 * The unit `parameter`'s values parse and format in: its own when that is concrete, else `unit` (a feed
 * price made concrete by {concreteUnit}); a feed price without it is an error, never a guess of decimals.
 */
function unitOf(parameter: ParameterSpec, unit: UnitSpec | undefined): UnitSpec {
  if (unit) return unit;
  if (parameter.unit.kind === "feedPrice") {
    throw new Error(
      `${parameter.key} is in its feed's decimals: read them first (concreteUnit, readingUnit)`,
    );
  }
  return parameter.unit as UnitSpec;
}

/**
 * A value in the parameter's unit: "7 days", "12.5%", "CoverTimelock (0x…)", one line per list item.
 * `unit` is the concrete unit of a feed price ({readingUnit}: a trigger in its product's feed decimals).
 */
export function formatParameter(
  chain: Chain,
  parameter: ParameterSpec,
  value: ParameterValue,
  unit?: UnitSpec,
): string {
  return formatParameterIn(chain.deployment, parameter, value, unit);
}

/** {formatParameter} with only the deployment (addresses are labelled from it): for decoding without a chain. */
export function formatParameterIn(
  deployment: Deployment,
  parameter: ParameterSpec,
  value: ParameterValue,
  unit?: UnitSpec,
): string {
  const declared = parameter.unit;
  switch (declared.kind) {
    case "list": {
      const items = value as readonly string[];
      return items.length === 0
        ? "(none)"
        : items.map((item) => labelAddressOrText(deployment, item)).join(", ");
    }
    case "address":
      return value === ZeroAddress ? "(none)" : labelAddress(deployment, value as string);
    case "flag":
      return value ? "yes" : "no";
    case "enum":
      return declared.names[Number(value)] ?? String(value);
    case "text":
      return String(value);
    default:
      return formatUnit(unitOf(parameter, unit), value as bigint);
  }
}

const labelAddressOrText = (deployment: Deployment, item: string): string =>
  /^0x[0-9a-fA-F]{40}$/.test(item) ? labelAddress(deployment, item) : item;

export interface ParameterReading {
  /** `parameter.key`, plus `#<id>` for an item of an indexed parameter: `cover.product.baseRate#1`. */
  key: string;
  parameter: ParameterSpec;
  /** The item of an indexed parameter. */
  item?: { id: bigint; label: string };
  /** `parameter.label`, prefixed with the item: `#1 Smart contract cover (WETH): product base annual rate`. */
  label: string;
  value: ParameterValue;
  display: string;
  bounds?: { min: bigint; max: bigint; display: string };
  /** The concrete unit of a numeric value: a trigger price carries its product's feed decimals. */
  unit?: UnitSpec;
}

/**
 * A new value typed for `reading` (as a proposal file writes it: "9%", "0.95 USD"), parsed in the reading's
 * concrete unit, so that a form converts as a proposal does. Throws a {UnitError}.
 */
export function parseNewValue(reading: ParameterReading, text: string): bigint {
  if (!isNumericUnit(reading.parameter.unit)) {
    throw new UnitError(`${reading.parameter.key} is not a number in a unit`);
  }
  return parseUnit(unitOf(reading.parameter, reading.unit), text);
}

/** Reads every registry parameter (optionally one family) with its bounds, for tables and the UI. */
export async function readAllParameters(chain: Chain, family?: ParameterFamily): Promise<ParameterReading[]> {
  const list = family ? parametersOf(family) : PARAMETERS;
  const cache: ViewCache = { views: new Map(), feeds: new Map() };
  const readings: ParameterReading[] = [];
  // Consecutive parameters of one index (the product fields) are read item by item: product #1's fields,
  // then product #2's.
  for (let start = 0; start < list.length;) {
    const index = list[start].index;
    let end = start + 1;
    while (index && end < list.length && list[end].index === index) end++;
    const block = list.slice(start, end);
    const items = index ? await index.list(chain) : [undefined];
    for (const item of items) {
      for (const parameter of block) readings.push(await readOne(chain, parameter, item, cache));
    }
    start = end;
  }
  return readings;
}

async function readOne(
  chain: Chain,
  parameter: ParameterSpec,
  item: { id: bigint; label: string } | undefined,
  cache: ViewCache,
): Promise<ParameterReading> {
  const value = await readParameter(chain, parameter, item?.id, cache);
  const siblings = await siblingFields(chain, parameter, item?.id, cache);
  const bounds = await readBounds(chain, parameter, integerFields(siblings));
  const unit = await readingUnit(chain, parameter, item?.id, cache);
  return {
    key: item ? `${parameter.key}#${item.id}` : parameter.key,
    parameter,
    item,
    label: item ? `#${item.id} ${item.label}: ${lowerFirst(parameter.label)}` : parameter.label,
    value,
    display: formatParameter(chain, parameter, value, unit),
    bounds:
      bounds && unit
        ? { ...bounds, display: `${formatUnit(unit, bounds.min)} … ${formatUnit(unit, bounds.max)}` }
        : undefined,
    unit,
  };
}

const lowerFirst = (text: string) => text[0].toLowerCase() + text.slice(1);

/**
 * The fields beside the parameter in its getter's struct (an item's struct: a product's other fields), by
 * name; empty when the getter returns no struct. Bounds read the integers, a feed price its feed's address.
 */
async function siblingFields(
  chain: Chain,
  parameter: ParameterSpec,
  id: bigint | undefined,
  cache?: ViewCache,
): Promise<Record<string, unknown>> {
  const getter = parameter.getter;
  if (!("function" in getter) || !getter.output?.includes(".")) return {};
  const path = getter.output.split(".").slice(0, -1).join(".");
  const args = parameter.index ? [id] : [];
  const struct = pick(await cachedView(chain, parameter.contract, getter.function, args, cache), path);
  return (struct as Result).toObject();
}

/** The integer members of a struct's fields (for bounds). */
export function integerFields(fields: Readonly<Record<string, unknown>>): Record<string, bigint> {
  const integers: Record<string, bigint> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "bigint") integers[name] = value;
  }
  return integers;
}

/**
 * The concrete unit of a numeric parameter's current value (undefined for addresses, flags...): a trigger
 * price in the decimals of its own product's feed, read on chain; any other unit as declared.
 */
export async function readingUnit(
  chain: Chain,
  parameter: ParameterSpec,
  id?: bigint,
  cache?: ViewCache,
): Promise<UnitSpec | undefined> {
  const unit = parameter.unit;
  if (!isNumericUnit(unit)) return undefined;
  if (unit.kind !== "feedPrice") return unit;
  const siblings = await siblingFields(chain, parameter, id, cache);
  return concreteUnit(chain, unit, siblings, (address) => {
    let decimals = cache?.feeds.get(address);
    if (!decimals) {
      decimals = feedDecimals(chain, address);
      cache?.feeds.set(address, decimals);
    }
    return decimals;
  });
}

/** Sanity check used by tests: every getter, setter and bound constant exists in the ABI. */
export function registryProblems(): string[] {
  const problems: string[] = [];
  for (const parameter of PARAMETERS) {
    const iface = contractInterface(parameter.contract);
    const getter = parameter.getter;
    if ("function" in getter) {
      const fragment = iface.getFunction(getter.function);
      if (!fragment) problems.push(`${parameter.key}: no getter ${parameter.contract}.${getter.function}`);
      else if (fragment.inputs.length !== (parameter.index ? 1 : 0)) {
        problems.push(
          `${parameter.key}: getter ${getter.function} takes ${fragment.inputs.length} arguments`,
        );
      }
    }
    for (const setter of parameter.setters) {
      const fragment = iface.getFunction(setter.function);
      if (!fragment) problems.push(`${parameter.key}: no setter ${parameter.contract}.${setter.function}`);
      else if (!hasArgument(fragment, setter.arg)) {
        problems.push(`${parameter.key}: ${setter.function} has no argument ${setter.arg}`);
      }
    }
    for (const bound of Object.values(parameter.bounds ?? {})) {
      if (typeof bound === "object" && !iface.getFunction(bound.constant)) {
        problems.push(`${parameter.key}: no constant ${parameter.contract}.${bound.constant}`);
      }
    }
  }
  return problems;
}

/** Whether `fragment` has the argument or struct field at `path` (`params.baseRateBps`). */
function hasArgument(fragment: FunctionFragment, path: string): boolean {
  const [name, ...fields] = path.split(".");
  let param = fragment.inputs.find((input) => input.name === name);
  for (const field of fields) param = param?.components?.find((c) => c.name === field);
  return param !== undefined;
}

// ------------------------------------------------------------------------------------ drafting

/** A value as a proposal file writes it: text with a unit, a flag, a list or named fields. */
export type WrittenValue = string | boolean | WrittenValue[] | { [name: string]: WrittenValue };

/** One `actions:` entry of a proposal file: what the UI's proposal builder produces. */
export interface DraftAction {
  contract: ContractName;
  function: string;
  args: Record<string, WrittenValue>;
}

/**
 * A current value written back the way a proposal file writes it ("2.5%", "28 days", "WethPool"); `unit` is
 * the concrete unit of a feed price ({readingUnit}).
 */
export function writtenValue(
  chain: Chain,
  parameter: ParameterSpec,
  value: ParameterValue,
  unit?: UnitSpec,
): WrittenValue {
  const declared = parameter.unit;
  switch (declared.kind) {
    case "address": {
      const address = value as string;
      const lower = address.toLowerCase();
      const named = [
        ...Object.entries(chain.deployment.contracts),
        ...Object.entries(chain.deployment.accounts),
      ].find(([, a]) => a.toLowerCase() === lower);
      return named ? named[0] : address;
    }
    case "enum":
      return declared.names[Number(value)] ?? String(value);
    case "flag":
      return Boolean(value);
    case "text":
      return String(value);
    case "list":
      return [...(value as readonly string[])];
    default:
      return formatUnit(unitOf(parameter, unit), value as bigint);
  }
}

/**
 * The setter call that gives `parameter` the value `newValue` (written as in a proposal file: "9%",
 * "10 days", "0.1 ETH", "WethPool", true), as an `actions:` entry. Every other argument keeps its current
 * value: a product's other fields when one field changes (`updateProduct` restates the whole product),
 * the other share of `setPremiumShares`. `id` is the item of an indexed parameter (the product id).
 * Role membership is granted and revoked, not set: write those actions directly.
 */
export async function draftSetterCall(
  chain: Chain,
  parameter: ParameterSpec,
  newValue: WrittenValue,
  id?: bigint,
): Promise<DraftAction> {
  const setter = parameter.setters[0];
  if (!setter || parameter.unit.kind === "list") {
    throw new Error(`${parameter.key} has no single setter: write its actions directly`);
  }
  if (parameter.index && id === undefined) {
    throw new Error(`${parameter.key} is per ${parameter.index.noun}: give its ${parameter.index.arg}`);
  }
  const fragment = contractInterface(parameter.contract).getFunction(setter.function);
  if (!fragment) throw new Error(`${parameter.contract} has no function ${setter.function}`);
  const siblings = PARAMETERS.filter((p) => p.contract === parameter.contract);
  /** The current written value of the argument at `path`, from the registry entry that `setter.function` sets there. */
  const current = async (path: string): Promise<WrittenValue> => {
    if (path === setter.arg) return newValue;
    const source = siblings.find((p) =>
      p.setters.some((s) => s.function === setter.function && s.arg === path),
    );
    if (!source) throw new Error(`${setter.function}: no registry entry gives the current ${path}`);
    const [value, unit] = await Promise.all([
      readParameter(chain, source, id),
      readingUnit(chain, source, id),
    ]);
    return writtenValue(chain, source, value, unit);
  };
  const args: Record<string, WrittenValue> = {};
  for (const input of fragment.inputs) {
    if (setter.fixed?.[input.name] !== undefined) args[input.name] = setter.fixed[input.name];
    else if (parameter.index && input.name === parameter.index.arg) args[input.name] = String(id);
    else if (input.isTuple()) {
      const fields: Record<string, WrittenValue> = {};
      for (const component of input.components) {
        fields[component.name] = await current(`${input.name}.${component.name}`);
      }
      args[input.name] = fields;
    } else args[input.name] = await current(input.name);
  }
  return { contract: parameter.contract, function: setter.function, args };
}
