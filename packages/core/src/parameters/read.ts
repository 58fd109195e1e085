/**
 * Reading the registry: current values (per item for indexed parameters), bounds, and whole tables.
 */
import type { Result } from "ethers";
import { type Chain, readBigInt, readContract } from "../rpc/chain.js";
import type { ContractName } from "../deployment/schema.js";
import { type UnitSpec, formatUnit } from "../format/units.js";
import { formatParameter } from "./format.js";
import { PARAMETERS, parametersOf } from "./registry.js";
import {
  type Bound,
  type BoundFields,
  type ParameterFamily,
  type ParameterSpec,
  type ParameterValue,
  isNumericUnit,
} from "./types.js";
import { concreteUnit, feedDecimals, pick } from "./views.js";

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
    result = readContract(chain, name, fn, args);
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
  return readBigInt(chain, parameter.contract, bound.constant);
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
