/**
 * Proposals as code. A proposal is one Markdown file in `proposals/`: YAML front matter with the title
 * and the actions, the body is the description. Actions name a contract (its deployment name) and a
 * function, and give NAMED arguments in human units, which are converted exactly to on-chain values
 * against the deployment's ABIs:
 *
 *   ---
 *   title: Lengthen the unstake cooldown to 10 days
 *   actions:
 *     - contract: StakingVault
 *       function: setUnstakeCooldown
 *       args: { newCooldown: 10 days }
 *   ---
 *   Why, in markdown.
 *
 * The on-chain description is `# <title>\n\n<body>`. Errors name the file, the action and the field.
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
import { parse as parseYaml } from "yaml";
import { z } from "zod";

import { type Chain, describeAddress, isContractName } from "../rpc/chain.js";
import { contractInterface } from "../rpc/contracts.js";
import { CONTRACT_NAMES, type ContractName } from "../deployment/schema.js";
import { explainError } from "../format/errors.js";
import type { Action, ProposalCall } from "../governance/governance.js";
import { riskRaisingActions } from "../parameters/risk-changes.js";
import {
  concreteUnit,
  feedDecimals,
  integerFields,
  isNumericUnit,
  parametersForSetter,
  readBounds,
  roleIds,
} from "../parameters/index.js";
import {
  type FeedPriceUnit,
  type NumericUnit,
  type TokenSymbol,
  type UnitSpec,
  UnitError,
  formatUnit,
  parseUnit,
  unitExample,
} from "../format/units.js";

// ------------------------------------------------------------------------------------------ schema

/** An argument as written in YAML: text with a unit, a whole number, a flag, a list or named fields. */
export type ArgValue = string | number | bigint | boolean | ArgValue[] | { [name: string]: ArgValue };

const argValue: z.ZodType<ArgValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.bigint(),
    z.number(),
    z.boolean(),
    z.array(argValue),
    z.record(z.string(), argValue),
  ]),
);

export const actionSchema = z.strictObject({
  /** Deployment name of the target, e.g. `StakingVault`. */
  contract: z.string().min(1),
  /** Function name, or its full signature when overloaded: `quorumNumerator(uint256)`. */
  function: z.string().min(1),
  /** Arguments by ABI parameter name. */
  args: z.record(z.string(), argValue).default({}),
  /** ETH sent with the call, e.g. "0.5 ETH". */
  value: z.string().optional(),
});

/**
 * The Snapshot temperature check opened for this proposal (`proposal temp-check` writes it), so that the
 * off-chain check and the on-chain proposal are one file. It is not part of the on-chain description.
 */
export const tempCheckSchema = z.strictObject({
  /** The Snapshot proposal id. */
  id: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "a Snapshot proposal id is 0x and 64 hex digits"),
  space: z.string().min(1),
  hub: z.url(),
  /** Voting opens and closes (ISO 8601, UTC). */
  start: z.iso.datetime(),
  end: z.iso.datetime(),
});
export type TempCheckLink = z.infer<typeof tempCheckSchema>;

export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1, "the title is empty"),
  actions: z.array(actionSchema).min(1, "a proposal needs at least one action"),
  tempCheck: tempCheckSchema.optional(),
});

export type ActionSpec = z.infer<typeof actionSchema>;

export interface ProposalFile {
  file: string;
  title: string;
  /** Markdown body (the description without the title heading). */
  body: string;
  actions: ActionSpec[];
  /** The linked Snapshot temperature check, once opened. */
  tempCheck?: TempCheckLink;
}

// ------------------------------------------------------------------------------------------ errors

export interface ProposalProblem {
  file: string;
  /** The action, when the problem is in one: 0-based index and `Contract.function`. */
  action?: { index: number; call: string };
  /** Dotted path of the field, e.g. `args.newCooldown` or `title`. */
  field?: string;
  message: string;
}

export function formatProblem(problem: ProposalProblem): string {
  const where = [
    problem.file,
    problem.action ? `actions[${problem.action.index}] (${problem.action.call})` : undefined,
    problem.field,
  ].filter(Boolean);
  return `${where.join(": ")}: ${problem.message}`;
}

export class ProposalError extends Error {
  constructor(readonly problems: ProposalProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ProposalError";
  }
}

// ------------------------------------------------------------------------------------------ parsing

export const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** Parses the text of a proposal file; throws a {ProposalError} naming every bad field. */
export function parseProposal(text: string, file: string): ProposalFile {
  const fail = (message: string, field?: string): never => {
    throw new ProposalError([{ file, field, message }]);
  };
  const match = FRONT_MATTER.exec(text);
  if (!match) return fail("no YAML front matter: the file must start with a `---` block");
  let raw: unknown;
  try {
    raw = parseYaml(match[1], { intAsBigInt: true });
  } catch (error) {
    return fail(`the front matter is not valid YAML: ${(error as Error).message}`);
  }
  const result = frontMatterSchema.safeParse(raw);
  const problems: ProposalProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [first, index, ...rest] = issue.path;
      if (first === "actions" && typeof index === "number") {
        const action = (raw as { actions?: Partial<ActionSpec>[] }).actions?.[index];
        problems.push({
          file,
          action: { index, call: `${action?.contract ?? "?"}.${action?.function ?? "?"}` },
          field: rest.join(".") || undefined,
          message: issue.message,
        });
      } else {
        problems.push({ file, field: issue.path.join(".") || undefined, message: issue.message });
      }
    }
  }
  const body = match[2].trim();
  if (!body) {
    problems.push({
      file,
      field: "description",
      message: "missing description: the body below the front matter is empty",
    });
  }
  if (problems.length > 0 || !result.success) throw new ProposalError(problems);
  return {
    file,
    title: result.data.title,
    body,
    actions: result.data.actions,
    tempCheck: result.data.tempCheck,
  };
}

/** The description the Governor stores and hashes. */
export const onChainDescription = (proposal: Pick<ProposalFile, "title" | "body">): string =>
  `# ${proposal.title}\n\n${proposal.body}\n`;

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

const show = (value: ArgValue): string =>
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
  if (param.isArray()) {
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
  if (param.isTuple()) {
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
  const name = key.split(".").at(-1) ?? key;
  const type = param.type;
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
  if (/^u?int\d*$/.test(type)) {
    const unit = argumentUnit(ctx.contract, ctx.fn, key, name, type);
    const text = scalarText(value, field, unit);
    if (unit.kind === "enum") {
      const index = unit.names.indexOf(text);
      if (index < 0)
        throw new FieldError(field, `unknown ${name} "${text}": one of ${unit.names.join(", ")}`);
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
  throw new FieldError(field, `arguments of type ${type} are not supported`);
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

// ------------------------------------------------------------------------------------- validation

/**
 * Contracts whose governance setters (`onlyGovernance`) accept a call from the Timelock only while the
 * Governor is executing the proposal: an `eth_call` from the Timelock alone panics, so validation
 * relies on the registry's bounds for them and `simulate` runs the real execution.
 */
export const RELAYED_ONLY: readonly string[] = ["CoverGovernor"];

/**
 * Everything short of execution: the file's schema, the contracts and functions, argument names,
 * types and units, the registry's bounds for setters, and an `eth_call` of each action from the
 * Timelock (the executor). Each action is called against the current state, on its own: effects of
 * earlier actions are not seen (simulate runs them in order).
 */
export async function validateProposal(
  proposal: ProposalFile,
  chain: Chain,
): Promise<ResolvedProposal & { notes: string[] }> {
  const resolved = await resolveProposal(proposal, chain);
  const problems: ProposalProblem[] = [];
  const notes: string[] = [];
  const timelock = chain.deployment.contracts.CoverTimelock;
  for (const action of resolved.actions) {
    const where = {
      file: proposal.file,
      action: { index: action.index, call: `${action.contract}.${action.function}` },
    };
    const named = Object.fromEntries(action.args.map((a) => [a.name, a.written]));
    let outOfBounds = false;
    for (const { parameter, setter } of parametersForSetter(action.contract, action.function, named)) {
      const unit = parameter.unit;
      const arg = argumentAt(action, setter.arg);
      if (!parameter.bounds || !arg || typeof arg.value !== "bigint" || !isNumericUnit(unit)) continue;
      const bounds = await readBounds(chain, parameter, arg.fields);
      if (bounds && (arg.value < bounds.min || arg.value > bounds.max)) {
        outOfBounds = true;
        // In the unit the value was converted with: a feed price in its feed's decimals.
        const shown = await concreteUnit(chain, unit, arg.siblings);
        problems.push({
          ...where,
          field: `args.${setter.arg}`,
          message: `${show(arg.written)} is out of bounds: ${parameter.label.toLowerCase()} must be between ${formatUnit(shown, bounds.min)} and ${formatUnit(shown, bounds.max)} (${bounds.min}…${bounds.max}), got ${arg.value}`,
        });
      }
    }
    if (outOfBounds) continue;
    if (RELAYED_ONLY.includes(action.contract)) {
      notes.push(
        `actions[${action.index}] (${where.action.call}): not eth_called (the Governor only accepts it inside an execution); registry bounds checked, run \`simulate\` for the real execution`,
      );
      continue;
    }
    try {
      await chain.provider.call({
        from: timelock,
        to: action.target,
        data: action.calldata,
        value: action.value,
      });
    } catch (error) {
      problems.push({
        ...where,
        message: `would revert when the Timelock executes it: ${explainError(error)}`,
      });
    }
  }
  if (problems.length) throw new ProposalError(problems);
  for (const raised of await riskRaisingActions(chain, resolved.actions)) notes.push(raised.note);
  return { ...resolved, notes };
}

/**
 * The converted and written value of the argument or struct field at `path` (`value`,
 * `params.baseRateBps`), and the converted values beside it (the struct's fields or the call's arguments):
 * all of them in `siblings`, the integers in `fields`.
 */
export function argumentAt(
  action: Pick<ResolvedAction, "fragment" | "args">,
  path: string,
):
  | { value: unknown; written: ArgValue; fields: Record<string, bigint>; siblings: Record<string, unknown> }
  | undefined {
  const [name, ...rest] = path.split(".");
  const index = action.fragment.inputs.findIndex((input) => input.name === name);
  if (index < 0) return undefined;
  let param = action.fragment.inputs[index];
  let value: unknown = action.args[index].value;
  let written: ArgValue | undefined = action.args[index].written;
  let siblings: { names: string[]; values: unknown[] } = {
    names: action.fragment.inputs.map((input) => input.name),
    values: action.args.map((a) => a.value),
  };
  for (const field of rest) {
    const components = param.components ?? [];
    const i = components.findIndex((c) => c.name === field);
    if (i < 0 || !Array.isArray(value)) return undefined;
    siblings = { names: components.map((c) => c.name), values: value };
    param = components[i];
    value = value[i];
    written =
      written && typeof written === "object" && !Array.isArray(written) && typeof written !== "bigint"
        ? written[field]
        : undefined;
  }
  const all = Object.fromEntries(siblings.names.map((n, i) => [n, siblings.values[i]]));
  return written === undefined ? undefined : { value, written, fields: integerFields(all), siblings: all };
}

/** One line per action: `StakingVault.setUnstakeCooldown(newCooldown: 10 days = 864000)`. */
export function describeAction(chain: Chain, action: ResolvedAction): string {
  const onChain = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(onChain).join(", ")}]`;
    if (typeof value === "string" && isAddress(value)) return describeAddress(chain.deployment, value);
    return String(value);
  };
  /** `name: written = on-chain`, or one of them when they read the same; structs field by field. */
  const render = (param: ParamType, value: unknown, written: ArgValue | undefined): string => {
    const isFields =
      typeof written === "object" &&
      written !== null &&
      !Array.isArray(written) &&
      typeof written !== "bigint";
    if (param.isTuple() && Array.isArray(value) && isFields) {
      const fields = param.components.map((c, i) => render(c, value[i], written[c.name]));
      return `${param.name}: {${fields.join(", ")}}`;
    }
    const chainText = onChain(value);
    const text = written === undefined ? chainText : typeof written === "string" ? written : show(written);
    const same =
      text.toLowerCase() === chainText.toLowerCase() ||
      `"${text}"` === chainText ||
      chainText.startsWith(`${text} (0x`);
    return same ? `${param.name}: ${chainText}` : `${param.name}: ${text} = ${chainText}`;
  };
  const args = action.args.map((a, i) => render(action.fragment.inputs[i], a.value, a.written));
  const value = action.value > 0n ? ` {value: ${action.value} wei}` : "";
  return `${action.contract}.${action.function}(${args.join(", ")})${value}`;
}
