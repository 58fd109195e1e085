/**
 * Drafting: a setter call as a proposal file writes it (what the UI's proposal builder produces).
 */
import type { Chain } from "../rpc/chain.js";
import { contractInterface } from "../rpc/contracts.js";
import type { ContractName } from "../deployment/schema.js";
import { type UnitSpec, formatUnit } from "../format/units.js";
import { unitOf } from "./format.js";
import { readParameter, readingUnit } from "./read.js";
import { PARAMETERS } from "./registry.js";
import { type ParameterSpec, type ParameterValue } from "./types.js";

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
