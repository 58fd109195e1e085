/**
 * Decodes a proposal's actions for people: the target's deployment name, the function, and each named
 * argument in its human unit (the same unit rules the proposal files use), never raw hex alone. A price in
 * a feed's decimals (a product's trigger) is shown in units once the feed's decimals are known
 * ({decodeActions} reads them); until then it is shown as the feed's raw answer, never with guessed decimals.
 */
import { type ParamType, ZeroAddress, formatEther, isAddress } from "ethers";

import type { Deployment } from "../deployment/schema.js";
import { type UnitSpec, formatUnit } from "../format/units.js";
import {
  type ParameterSpec,
  type ParameterValue,
  feedDecimals,
  formatParameterIn,
  parameterForSetter,
  parametersForSetter,
} from "../parameters/index.js";
import { type Chain, isContractName, nameOfAddress } from "../rpc/chain.js";
import { contractInterface } from "../rpc/contracts.js";
import { argumentUnit } from "./resolve.js";

/** Decimals of price feeds, by lower-case address. */
export type FeedDecimals = ReadonlyMap<string, number>;

export interface DecodedArgument {
  name: string;
  type: string;
  /** Human form: "10 days", "15%", "CoverTimelock (0x…)". */
  display: string;
  /** The raw on-chain value, for a second line. */
  raw: string;
}

export interface DecodedAction {
  target: string;
  /** Deployment name of the target, when it is one of the DAO's contracts. */
  contract?: string;
  /** Function name; undefined when the calldata does not match the target's ABI. */
  function?: string;
  signature?: string;
  args: DecodedArgument[];
  value: bigint;
  calldata: string;
  /** The first registry parameter this call sets, and the argument carrying the new value. */
  parameter?: { spec: ParameterSpec; arg: string };
  /**
   * Every registry parameter this call sets, each with its new value for people: one for a plain setter,
   * one per struct field for a product's `updateProduct(productId, params)` or `addProduct(params)`.
   */
  parameters: ParameterChange[];
  /** Price feeds whose decimals the display lacked (a trigger is then shown raw): {decodeActions} reads them. */
  feeds: string[];
}

/** A registry parameter an action sets: the setter's argument (or struct field path) and its new value. */
export interface ParameterChange {
  spec: ParameterSpec;
  /** `newCooldown`, or a struct field's path: `params.baseRateBps`. */
  arg: string;
  /** The new value in the parameter's unit. */
  display: string;
}

interface ShowContext {
  deployment: Deployment;
  contract: string;
  fn: string;
  feeds: FeedDecimals;
  /** Feeds met without known decimals. */
  missing: Set<string>;
}

/** A decoded value for people; `siblings` are the decoded fields of its struct (or the call's arguments). */
function show(
  ctx: ShowContext,
  param: ParamType,
  value: unknown,
  key: string,
  siblings: Readonly<Record<string, unknown>>,
): string {
  if (param.isArray() && Array.isArray(value)) {
    return `[${value.map((v) => show(ctx, param.arrayChildren, v, key, siblings)).join(", ")}]`;
  }
  if (param.isTuple() && Array.isArray(value)) {
    const fields = Object.fromEntries(param.components.map((c, i) => [c.name, value[i] as unknown]));
    return `{ ${param.components.map((c, i) => `${c.name}: ${show(ctx, c, value[i], `${key}.${c.name}`, fields)}`).join(", ")} }`;
  }
  const { deployment, contract, fn } = ctx;
  if (param.type === "address" && typeof value === "string" && isAddress(value)) {
    const name = nameOfAddress(deployment, value);
    return name ? `${name} (${value})` : value;
  }
  if (typeof value === "bigint" && /^u?int\d*$/.test(param.type)) {
    const unit = argumentUnit(contract, fn, key, key.split(".").at(-1) ?? key, param.type);
    if (unit.kind === "role") return value.toString();
    if (unit.kind === "enum") return unit.names[Number(value)] ?? value.toString();
    let concrete: UnitSpec = unit as UnitSpec;
    if (unit.kind === "feedPrice") {
      const feed = siblings[unit.feedField];
      if (typeof feed !== "string" || !isAddress(feed)) return value.toString();
      const decimals = feed === ZeroAddress ? 0 : ctx.feeds.get(feed.toLowerCase());
      if (decimals === undefined) {
        ctx.missing.add(feed);
        return `${value} (in the feed's decimals)`;
      }
      concrete = { kind: "price", decimals, symbol: unit.symbol, feed };
    }
    try {
      return formatUnit(concrete, value);
    } catch {
      return value.toString();
    }
  }
  return String(value);
}

const raw = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(raw).join(", ")}]`
    : typeof value === "bigint"
      ? value.toString()
      : String(value);

/**
 * One action decoded. `feeds` gives the decimals of price feeds: a trigger price whose feed is not in it
 * is shown raw and its feed listed in `feeds` of the result.
 */
export function decodeAction(
  deployment: Deployment,
  target: string,
  value: bigint,
  calldata: string,
  feeds: FeedDecimals = new Map(),
): DecodedAction {
  const base: DecodedAction = { target, args: [], value, calldata, feeds: [], parameters: [] };
  const name = nameOfAddress(deployment, target);
  if (!name || !isContractName(name)) return { ...base, contract: name };
  const iface = contractInterface(name);
  let parsed;
  try {
    parsed = iface.parseTransaction({ data: calldata, value });
  } catch {
    parsed = null;
  }
  if (!parsed) return { ...base, contract: name };
  const fragment = parsed.fragment;
  const ctx: ShowContext = { deployment, contract: name, fn: fragment.name, feeds, missing: new Set() };
  const callArgs = Object.fromEntries(
    fragment.inputs.map((input, i) => [input.name, parsed.args[i] as unknown]),
  );
  const args = fragment.inputs.map((input, i) => ({
    name: input.name || `arg${i}`,
    type: input.type,
    display: show(ctx, input, parsed.args[i], input.name, callArgs),
    raw: raw(parsed.args[i]),
  }));
  const named = Object.fromEntries(args.map((a) => [a.name, a.display]));
  const match = parameterForSetter(name, fragment.name, named);
  // Each argument, and each field of a struct argument, by path (what a registry setter's `arg` names),
  // with its value and its display.
  const byPath = new Map<string, { value: unknown; display: string }>();
  fragment.inputs.forEach((input, i) => {
    const value = parsed.args[i] as unknown;
    byPath.set(input.name, { value, display: args[i].display });
    if (input.isTuple() && Array.isArray(value)) {
      const fields = Object.fromEntries(input.components.map((c, k) => [c.name, value[k] as unknown]));
      input.components.forEach((c, k) =>
        byPath.set(`${input.name}.${c.name}`, {
          value: value[k],
          display: show(ctx, c, value[k], `${input.name}.${c.name}`, fields),
        }),
      );
    }
  });
  const parameters = parametersForSetter(name, fragment.name, named).flatMap(({ parameter, setter }) => {
    const found = byPath.get(setter.arg);
    if (!found) return [];
    // Numbers keep the unit rules above (a trigger in its feed's decimals); flags, addresses, names and
    // lists are written as the registry writes readings ("yes", "(none)"), so current and new compare.
    const display = ["address", "flag", "enum", "text", "list"].includes(parameter.unit.kind)
      ? formatParameterIn(deployment, parameter, found.value as ParameterValue)
      : found.display;
    return [{ spec: parameter, arg: setter.arg, display }];
  });
  return {
    ...base,
    contract: name,
    function: fragment.name,
    signature: fragment.format("sighash"),
    args,
    parameter: match ? { spec: match.parameter, arg: match.setter.arg } : undefined,
    parameters,
    feeds: [...ctx.missing],
  };
}

/**
 * Decodes actions and reads the decimals of the price feeds they name (with the core's `decimals()` read),
 * so that a trigger price is shown in its own feed's decimals. A feed that does not answer stays raw.
 */
export async function decodeActions(
  chain: Chain,
  actions: readonly { target: string; value: bigint; calldata: string }[],
): Promise<DecodedAction[]> {
  const decode = (feeds?: FeedDecimals) =>
    actions.map((a) => decodeAction(chain.deployment, a.target, a.value, a.calldata, feeds));
  const first = decode();
  const addresses = [...new Set(first.flatMap((a) => a.feeds))];
  if (addresses.length === 0) return first;
  const feeds = new Map<string, number>();
  await Promise.all(
    addresses.map(async (address) => {
      const decimals = await feedDecimals(chain, address).catch(() => undefined);
      if (decimals !== undefined) feeds.set(address.toLowerCase(), decimals);
    }),
  );
  return decode(feeds);
}

/**
 * A decoded action in one line, as the CLI prints it: `StakingVault.setUnstakeCooldown(newCooldown: 10 days)`,
 * with the ETH sent when there is any; the raw calldata when the target's ABI does not match it.
 */
export function describeDecodedAction(action: DecodedAction): string {
  const target = action.contract ?? action.target;
  const value = action.value > 0n ? ` sending ${formatEther(action.value)} ETH` : "";
  if (!action.function) return `${target}: calldata ${action.calldata}${value}`;
  return `${target}.${action.function}(${action.args.map((a) => `${a.name}: ${a.display}`).join(", ")})${value}`;
}

/** One row of the parameter table: a registry parameter an action sets, its value now and the new one. */
export interface ChangeRow {
  key: string;
  /** The parameter's label, with the product for a product field: "#2 Product base annual rate". */
  label: string;
  /** Now, in the parameter's unit; undefined for an item the call creates (a new product). */
  current?: string;
  display: string;
  /** Executed or not, the call leaves this one as it is (a product field an update does not change). */
  unchanged: boolean;
}

/**
 * The table rows of action `i`: a plain setter gives one row; a product update gives one row per field,
 * marking the fields it leaves as they are, so the table shows what changes.
 */
export function changeRows(action: DecodedAction, i: number, current: (string | undefined)[]): ChangeRow[] {
  const many = action.parameters.length > 1;
  return action.parameters.map((change, k) => {
    const index = change.spec.index && action.args.find((arg) => arg.name === change.spec.index?.arg)?.raw;
    return {
      key: `${i}:${change.arg}`,
      label: index ? `#${index} ${change.spec.label}` : change.spec.label,
      current: current[k],
      display: change.display,
      unchanged: many && current[k] !== undefined && current[k] === change.display,
    };
  });
}
