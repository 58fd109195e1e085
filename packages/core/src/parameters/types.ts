/**
 * The registry's types: families, units, bounds, setters, indexed parameters and a parameter's spec.
 */
import type { Chain } from "../rpc/chain.js";
import type { ContractName } from "../deployment/schema.js";
import { type NumericUnit, type UnitSpec } from "../format/units.js";

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

export const DURATION: UnitSpec = { kind: "duration" };
export const constant = (name: string): Bound => ({ constant: name });
