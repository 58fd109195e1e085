/**
 * Decodes a proposal's actions for people: the target's deployment name, the function, and each named
 * argument in its human unit (the same unit rules the proposal files use), never raw hex alone. A price in
 * a feed's decimals (a product's trigger) is shown in units once the feed's decimals are known
 * ({decodeActions} reads them); until then it is shown as the feed's raw answer, never with guessed decimals.
 */
import { type ParamType, ZeroAddress, isAddress } from "ethers";

import { type Chain, isContractName, nameOfAddress } from "../../../scripts/lib/chain.js";
import { contractInterface } from "../../../scripts/lib/contracts.js";
import type { Deployment } from "../../../scripts/lib/deployment-schema.js";
import { type ParameterSpec, feedDecimals, parameterForSetter } from "../../../scripts/lib/parameters.js";
import { argumentUnit } from "../../../scripts/lib/proposals.js";
import { type UnitSpec, formatUnit } from "../../../scripts/lib/units.js";

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
  /** The registry parameter this call sets, and the argument carrying the new value. */
  parameter?: { spec: ParameterSpec; arg: string };
  /** Price feeds whose decimals the display lacked (a trigger is then shown raw): {decodeActions} reads them. */
  feeds: string[];
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
  const base: DecodedAction = { target, args: [], value, calldata, feeds: [] };
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
  return {
    ...base,
    contract: name,
    function: fragment.name,
    signature: fragment.format("sighash"),
    args,
    parameter: match ? { spec: match.parameter, arg: match.setter.arg } : undefined,
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
