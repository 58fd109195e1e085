/**
 * Validating a resolved proposal against the chain (bounds, relayed-only contracts, risk-raising changes),
 * and an action described in words.
 */
import { type ParamType, isAddress } from "ethers";
import { type Chain, describeAddress } from "../rpc/chain.js";
import { explainError } from "../format/errors.js";
import { riskRaisingActions } from "../parameters/risk-changes.js";
import {
  concreteUnit,
  integerFields,
  isNumericUnit,
  parametersForSetter,
  readBounds,
} from "../parameters/index.js";
import { formatUnit } from "../format/units.js";
import { type ResolvedAction, type ResolvedProposal, resolveProposal, show } from "./resolve.js";
import { type ArgValue, ProposalError, type ProposalFile, type ProposalProblem } from "./schema.js";

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
