/**
 * Decodes a proposal's actions for people: the target's deployment name, the function, and each named
 * argument in its human unit (the same unit rules the proposal files use), never raw hex alone.
 */
import { type ParamType, isAddress } from "ethers";

import { isContractName, nameOfAddress } from "../../../scripts/lib/chain.js";
import { contractInterface } from "../../../scripts/lib/contracts.js";
import type { Deployment } from "../../../scripts/lib/deployment-schema.js";
import { type ParameterSpec, parameterForSetter } from "../../../scripts/lib/parameters.js";
import { argumentUnit } from "../../../scripts/lib/proposals.js";
import { formatUnit } from "../../../scripts/lib/units.js";

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
}

function show(
  deployment: Deployment,
  contract: string,
  fn: string,
  param: ParamType,
  value: unknown,
  key: string,
): string {
  if (param.isArray() && Array.isArray(value)) {
    return `[${value.map((v) => show(deployment, contract, fn, param.arrayChildren, v, key)).join(", ")}]`;
  }
  if (param.isTuple() && Array.isArray(value)) {
    return `{ ${param.components.map((c, i) => `${c.name}: ${show(deployment, contract, fn, c, value[i], `${key}.${c.name}`)}`).join(", ")} }`;
  }
  if (param.type === "address" && typeof value === "string" && isAddress(value)) {
    const name = nameOfAddress(deployment, value);
    return name ? `${name} (${value})` : value;
  }
  if (typeof value === "bigint" && /^u?int\d*$/.test(param.type)) {
    const unit = argumentUnit(contract, fn, key, key.split(".").at(-1) ?? key, param.type);
    if (unit.kind === "role") return value.toString();
    try {
      return formatUnit(unit, value);
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

export function decodeAction(
  deployment: Deployment,
  target: string,
  value: bigint,
  calldata: string,
): DecodedAction {
  const base: DecodedAction = { target, args: [], value, calldata };
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
  const args = fragment.inputs.map((input, i) => ({
    name: input.name || `arg${i}`,
    type: input.type,
    display: show(deployment, name, fragment.name, input, parsed.args[i], input.name),
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
  };
}
