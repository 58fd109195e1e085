/**
 * Resolving a proposal: each action's contract and function found in the deployment's ABIs, and its named
 * arguments, in human units, converted exactly to on-chain values (see `schema.ts` for the file format).
 */
import {
  type FunctionFragment,
  type ParamType,
  getAddress,
  id,
  isAddress,
  isHexString,
  parseEther,
} from "ethers";
import { type Chain, isContractName } from "../rpc/chain.js";
import { contractInterface } from "../rpc/contracts.js";
import { CONTRACT_NAMES, type ContractName } from "../deployment/schema.js";
import type { Action, ProposalCall } from "../governance/governance.js";
import {
  concreteUnit,
  feedDecimals,
  isNumericUnit,
  parametersForSetter,
  roleIds,
} from "../parameters/index.js";
import {
  type FeedPriceUnit,
  type NumericUnit,
  type TokenSymbol,
  type UnitSpec,
  UnitError,
  parseUnit,
  unitExample,
} from "../format/units.js";
import {
  type ActionSpec,
  type ArgValue,
  ProposalError,
  type ProposalFile,
  type ProposalProblem,
  onChainDescription,
} from "./schema.js";

// ------------------------------------------------------------------------------- argument units

/**
 * The unit or kind of value an ABI argument is written in (an enum is written by member name; a feed price
 * in the decimals of the feed named beside it).
 */
export type ArgUnit = NumericUnit | { kind: "role" } | { kind: "enum"; names: readonly string[] };

/** Tokens whose contract is in the deployment: its `value`/`amount` arguments are in that token. */
export const CONTRACT_TOKENS: Partial<Record<ContractName, TokenSymbol>> = { GovernanceToken: "COVER" };

/**
 * Units that no naming rule gives, by `Contract.function.argument` (struct fields: `...argument.field`).
 * Pool/claims add e.g. `"CoverPool.setCapacity.capacity": { kind: "token", symbol: "USDC" }`.
 */
export const ARGUMENT_UNITS: Record<string, ArgUnit> = {
  "CoverGovernor.setProposalThreshold.newProposalThreshold": { kind: "token", symbol: "COVER" },
  "StakingVault.slash.amount": { kind: "token", symbol: "COVER" },
};

/** The unit of integer argument `name` (path `key`) of `contract`: explicit table, registry, naming rules. */
export function argumentUnit(contract: string, fn: string, key: string, name: string, type: string): ArgUnit {
  const explicit = ARGUMENT_UNITS[`${contract}.${fn}.${key}`];
  if (explicit) return explicit;
  const registered = parametersForSetter(contract, fn).find((m) => m.setter.arg === key)?.parameter.unit;
  if (registered && (isNumericUnit(registered) || registered.kind === "enum")) return registered;
  if (type === "uint64" && /^(roleId|role|admin|guardian)$/i.test(name)) return { kind: "role" };
  if (/bps$/i.test(name)) return { kind: "bps" };
  if (/(percent|numerator)$/i.test(name)) return { kind: "percent" };
  if (/(cooldown|window|delay|period|duration|extension|timeout|grace)$/i.test(name))
    return { kind: "duration" };
  const token = isContractName(contract) ? CONTRACT_TOKENS[contract] : undefined;
  if (token && /^(value|amount)$/i.test(name)) return { kind: "token", symbol: token };
  return { kind: "integer" };
}

// ------------------------------------------------------------------------------------- resolution

export interface ResolvedArgument {
  name: string;
  /** The value as the ABI encodes it. */
  value: unknown;
  /** The value as written in the file (for display). */
  written: ArgValue;
}

export interface ResolvedAction extends Action {
  index: number;
  contract: ContractName;
  function: string;
  fragment: FunctionFragment;
  args: ResolvedArgument[];
}

export interface ResolvedProposal {
  file: string;
  title: string;
  description: string;
  actions: ResolvedAction[];
  /** What the Governor takes: targets, values, calldatas and the description. */
  call: ProposalCall;
}

/** A value that does not convert, with the field path where it sits (e.g. `args.product.capacity`). */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

interface ConvertContext {
  chain: Chain;
  contract: string;
  fn: string;
  roles: () => Promise<Map<string, bigint>>;
  /** A feed's `decimals()`, read once per feed. */
  feedDecimals: (address: string) => Promise<number>;
}

/** {feedDecimals}, read once per feed address. */
function cachedFeedDecimals(chain: Chain): (address: string) => Promise<number> {
  const feeds = new Map<string, Promise<number>>();
  return (address) => {
    let decimals = feeds.get(address);
    if (!decimals) {
      decimals = feedDecimals(chain, address);
      feeds.set(address, decimals);
    }
    return decimals;
  };
}

export const show = (value: ArgValue): string =>
  typeof value === "string"
    ? `"${value}"`
    : typeof value === "bigint"
      ? value.toString()
      : JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** A YAML scalar as text; unit-bearing values must be strings (YAML would read 12.5 as a float). */
function scalarText(value: ArgValue, field: string, unit: ArgUnit): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint" && (unit.kind === "integer" || unit.kind === "role")) return value.toString();
  if (typeof value === "bigint" || typeof value === "number") {
    const example =
      unit.kind === "integer"
        ? "a whole number"
        : unit.kind === "enum"
          ? `one of ${unit.names.join(", ")}`
          : unitExample(unit as NumericUnit);
    throw new FieldError(field, `${show(value)} has no unit: write it as ${example}`);
  }
  throw new FieldError(field, `expected a value, got ${show(value)}`);
}

function resolveAddress(chain: Chain, value: ArgValue, field: string): string {
  if (typeof value !== "string") throw new FieldError(field, `malformed address: ${show(value)}`);
  const text = value.trim();
  if (text.startsWith("0x")) {
    if (!isAddress(text)) {
      const checksum = /^0x[0-9a-fA-F]{40}$/.test(text) ? " (bad checksum: check its letter case)" : "";
      throw new FieldError(field, `malformed address "${text}"${checksum}`);
    }
    return getAddress(text);
  }
  const { contracts, accounts } = chain.deployment;
  const named = (contracts as Record<string, string>)[text] ?? accounts[text];
  if (named) return named;
  throw new FieldError(
    field,
    `malformed address "${text}": not a 0x address, nor a deployment name (${[...Object.keys(contracts), ...Object.keys(accounts)].join(", ")})`,
  );
}

function checkIntegerRange(param: ParamType, value: bigint, field: string, written: string): bigint {
  const bits = BigInt(param.type.replace(/^u?int/, "") || "256");
  const signed = param.type.startsWith("int");
  const max = signed ? 2n ** (bits - 1n) - 1n : 2n ** bits - 1n;
  const min = signed ? -(2n ** (bits - 1n)) : 0n;
  if (value < min || value > max) {
    throw new FieldError(field, `${written} is ${value}, which does not fit ${param.type}`);
  }
  return value;
}

/**
 * A feed price's concrete unit: the decimals of the feed that its sibling field names (`siblings`, the
 * written fields of the same struct or call). A feed that does not answer `decimals()` is an error on the
 * feed's field.
 */
async function feedPriceUnit(
  ctx: ConvertContext,
  unit: FeedPriceUnit,
  siblings: Readonly<Record<string, ArgValue>>,
  field: string,
  name: string,
): Promise<UnitSpec> {
  const feedField = `${field.slice(0, field.length - name.length)}${unit.feedField}`;
  const written = siblings[unit.feedField];
  if (written === undefined) {
    throw new FieldError(
      field,
      `${name} is a price in the decimals of the feed in ${unit.feedField}, which is not given beside it`,
    );
  }
  const feed = resolveAddress(ctx.chain, written, feedField);
  try {
    return await concreteUnit(ctx.chain, unit, { [unit.feedField]: feed }, ctx.feedDecimals);
  } catch (error) {
    if (error instanceof UnitError) throw new FieldError(feedField, error.message);
    throw error;
  }
}

/**
 * Converts one written value to what `param` encodes. `siblings` are the written fields of the struct (or
 * the arguments of the call) that holds it: a feed price reads its feed there.
 */
async function convert(
  ctx: ConvertContext,
  param: ParamType,
  value: ArgValue,
  field: string,
  key: string,
  siblings: Readonly<Record<string, ArgValue>>,
): Promise<unknown> {
  if (param.isArray()) return convertList(ctx, param, value, field, key, siblings);
  if (param.isTuple()) return convertStruct(ctx, param, value, field, key);
  const type = param.type;
  if (/^u?int\d*$/.test(type)) return convertInteger(ctx, param, value, { field, key, siblings });
  return convertScalar(ctx, type, value, field);
}

/** A list: each item converted as the array's element type. */
async function convertList(
  ctx: ConvertContext,
  param: ParamType & { arrayChildren: ParamType; arrayLength: number },
  value: ArgValue,
  field: string,
  key: string,
  siblings: Readonly<Record<string, ArgValue>>,
): Promise<unknown[]> {
  if (!Array.isArray(value))
    throw new FieldError(field, `expected a list for ${param.format("full")}, got ${show(value)}`);
  if (param.arrayLength >= 0 && value.length !== param.arrayLength) {
    throw new FieldError(field, `expected ${param.arrayLength} items, got ${value.length}`);
  }
  const items: unknown[] = [];
  for (const [i, item] of value.entries()) {
    items.push(await convert(ctx, param.arrayChildren, item, `${field}[${i}]`, key, siblings));
  }
  return items;
}

/** A struct: named fields, exactly the components, each converted with the struct as its siblings. */
async function convertStruct(
  ctx: ConvertContext,
  param: ParamType & { components: readonly ParamType[] },
  value: ArgValue,
  field: string,
  key: string,
): Promise<unknown[]> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || typeof value === "bigint") {
    throw new FieldError(
      field,
      `expected named fields (${param.components.map((c) => c.name).join(", ")}), got ${show(value)}`,
    );
  }
  checkNames(param.components, value, field);
  const fields: unknown[] = [];
  for (const component of param.components) {
    fields.push(
      await convert(
        ctx,
        component,
        value[component.name],
        `${field}.${component.name}`,
        `${key}.${component.name}`,
        value,
      ),
    );
  }
  return fields;
}

/** An address, a boolean, text, a function selector or bytes. */
function convertScalar(ctx: ConvertContext, type: string, value: ArgValue, field: string): unknown {
  if (type === "address") return resolveAddress(ctx.chain, value, field);
  if (type === "bool") {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    throw new FieldError(field, `expected true or false, got ${show(value)}`);
  }
  if (type === "string") {
    if (typeof value !== "string") throw new FieldError(field, `expected text, got ${show(value)}`);
    return value;
  }
  if (type === "bytes4") {
    if (typeof value !== "string")
      throw new FieldError(field, `expected a function signature, got ${show(value)}`);
    if (isHexString(value, 4)) return value;
    if (!/^[A-Za-z_$][\w$]*\((?:[\w[\],() ]*)\)$/.test(value)) {
      throw new FieldError(field, `"${value}" is not a function signature like "setUnstakeCooldown(uint48)"`);
    }
    return id(value.replaceAll(" ", "")).slice(0, 10);
  }
  if (type === "bytes" || type.startsWith("bytes")) {
    const size = type === "bytes" ? undefined : Number(type.slice(5));
    if (typeof value !== "string" || !isHexString(value, size)) {
      throw new FieldError(field, `expected 0x hex${size ? ` of ${size} bytes` : ""}, got ${show(value)}`);
    }
    return value;
  }
  throw new FieldError(field, `arguments of type ${type} are not supported`);
}

/** An integer written in its argument's unit: an enum name, a role name, or an amount, duration, price... */
async function convertInteger(
  ctx: ConvertContext,
  param: ParamType,
  value: ArgValue,
  { field, key, siblings }: { field: string; key: string; siblings: Readonly<Record<string, ArgValue>> },
): Promise<bigint> {
  const name = key.split(".").at(-1) ?? key;
  const unit = argumentUnit(ctx.contract, ctx.fn, key, name, param.type);
  const text = scalarText(value, field, unit);
  if (unit.kind === "enum") {
    const index = unit.names.indexOf(text);
    if (index < 0) throw new FieldError(field, `unknown ${name} "${text}": one of ${unit.names.join(", ")}`);
    return BigInt(index);
  }
  if (unit.kind === "role") {
    if (/^\d+$/.test(text)) return checkIntegerRange(param, BigInt(text), field, `"${text}"`);
    const roles = await ctx.roles();
    const role = roles.get(text) ?? roles.get(`${text}_ROLE`);
    if (role === undefined) {
      throw new FieldError(field, `unknown role "${text}": one of ${[...roles.keys()].join(", ")}`);
    }
    return role;
  }
  const concrete = unit.kind === "feedPrice" ? await feedPriceUnit(ctx, unit, siblings, field, name) : unit;
  try {
    return checkIntegerRange(param, parseUnit(concrete, text), field, `"${text}"`);
  } catch (error) {
    if (error instanceof UnitError) throw new FieldError(field, error.message);
    throw error;
  }
}

function checkNames(params: readonly ParamType[], given: Record<string, ArgValue>, field: string): void {
  const expected = params.map((p) => p.name);
  const missing = expected.filter((n) => !(n in given));
  const unexpected = Object.keys(given).filter((n) => !expected.includes(n));
  if (missing.length || unexpected.length) {
    const parts = [
      missing.length ? `missing ${missing.join(", ")}` : "",
      unexpected.length ? `unexpected ${unexpected.join(", ")}` : "",
    ].filter(Boolean);
    throw new FieldError(
      field,
      `wrong arguments: expected ${expected.length} (${expected.join(", ")}), got ${Object.keys(given).length}; ${parts.join("; ")}`,
    );
  }
}

/** Finds the function by name or full signature; errors list what exists. */
function findFunction(contract: ContractName, fn: string): FunctionFragment {
  const iface = contractInterface(contract);
  const matches: FunctionFragment[] = [];
  iface.forEachFunction((f) => {
    if (f.name === fn || f.format("sighash") === fn.replaceAll(" ", "")) matches.push(f);
  });
  if (matches.length === 0) {
    const known = new Set<string>();
    iface.forEachFunction((f) => {
      if (!f.constant) known.add(f.name);
    });
    throw new FieldError(
      "function",
      `unknown function "${fn}" on ${contract}; it has: ${[...known].sort().join(", ")}`,
    );
  }
  if (matches.length > 1) {
    throw new FieldError(
      "function",
      `"${fn}" is overloaded on ${contract}: write one of ${matches.map((f) => f.format("sighash")).join(", ")}`,
    );
  }
  if (matches[0].constant)
    throw new FieldError("function", `${contract}.${fn} is a view function: an action must change state`);
  return matches[0];
}

/**
 * Converts named, human-unit arguments into the values `fragment` encodes, for any contract (known or
 * not yet): structs are named fields, arrays are lists. Throws a {FieldError} naming the field.
 */
export async function convertArguments(
  chain: Chain,
  contract: string,
  fragment: FunctionFragment,
  args: Record<string, ArgValue>,
  roles: () => Promise<Map<string, bigint>> = () => roleIds(chain),
  decimalsOf: (address: string) => Promise<number> = cachedFeedDecimals(chain),
): Promise<unknown[]> {
  checkNames(fragment.inputs, args, "args");
  const ctx: ConvertContext = { chain, contract, fn: fragment.name, roles, feedDecimals: decimalsOf };
  const values: unknown[] = [];
  for (const input of fragment.inputs) {
    values.push(await convert(ctx, input, args[input.name], `args.${input.name}`, input.name, args));
  }
  return values;
}

async function resolveAction(
  ctx: Omit<ConvertContext, "contract" | "fn">,
  spec: ActionSpec,
  index: number,
): Promise<ResolvedAction> {
  if (!isContractName(spec.contract)) {
    throw new FieldError(
      "contract",
      `unknown contract "${spec.contract}": one of ${CONTRACT_NAMES.join(", ")}`,
    );
  }
  const contract = spec.contract;
  const target = ctx.chain.deployment.contracts[contract];
  if (!target)
    throw new FieldError(
      "contract",
      `${contract} is not in the deployment of chain ${ctx.chain.deployment.chainId}`,
    );
  const fragment = findFunction(contract, spec.function);
  const values = await convertArguments(
    ctx.chain,
    contract,
    fragment,
    spec.args,
    ctx.roles,
    ctx.feedDecimals,
  );
  let value = 0n;
  if (spec.value !== undefined) {
    const text = spec.value.trim().replace(/\s*ETH$/i, "");
    if (!/^\d+(\.\d{1,18})?$/.test(text)) {
      throw new FieldError("value", `"${spec.value}" is not an amount of ETH: write e.g. "0.5 ETH"`);
    }
    value = parseEther(text);
    if (value > 0n && !fragment.payable)
      throw new FieldError("value", `${contract}.${fragment.name} is not payable: it cannot receive ETH`);
  }
  return {
    index,
    contract,
    function: fragment.name,
    fragment,
    args: fragment.inputs.map((input, i) => ({
      name: input.name,
      value: values[i],
      written: spec.args[input.name],
    })),
    target,
    value,
    calldata: contractInterface(contract).encodeFunctionData(fragment, values),
  };
}

const actionLabel = (spec: Pick<ActionSpec, "contract" | "function">) => `${spec.contract}.${spec.function}`;

/** Converts every action against the deployment's ABIs; throws a {ProposalError} listing every problem. */
export async function resolveProposal(proposal: ProposalFile, chain: Chain): Promise<ResolvedProposal> {
  let roles: Promise<Map<string, bigint>> | undefined;
  const ctx = { chain, roles: () => (roles ??= roleIds(chain)), feedDecimals: cachedFeedDecimals(chain) };
  const problems: ProposalProblem[] = [];
  const actions: ResolvedAction[] = [];
  for (const [index, spec] of proposal.actions.entries()) {
    try {
      actions.push(await resolveAction(ctx, spec, index));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push({
        file: proposal.file,
        action: { index, call: actionLabel(spec) },
        field: error.field,
        message: error.message,
      });
    }
  }
  if (problems.length) throw new ProposalError(problems);
  const description = onChainDescription(proposal);
  return {
    file: proposal.file,
    title: proposal.title,
    description,
    actions,
    call: {
      actions: actions.map(({ target, value, calldata }) => ({ target, value, calldata })),
      description,
    },
  };
}
