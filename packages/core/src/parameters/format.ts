/**
 * Parameter values in words (labelled addresses, units) and a typed new value parsed in its concrete unit.
 */
import { ZeroAddress } from "ethers";
import type { Chain } from "../rpc/chain.js";
import type { Deployment } from "../deployment/schema.js";
import { type UnitSpec, UnitError, formatUnit, parseUnit } from "../format/units.js";
import type { ParameterReading } from "./read.js";
import { type ParameterSpec, type ParameterValue, isNumericUnit } from "./types.js";
import { labelAddress } from "./views.js";

/**
 * The unit `parameter`'s values parse and format in: its own when that is concrete, else `unit` (a feed
 * price made concrete by {concreteUnit}); a feed price without it is an error, never a guess of decimals.
 */
export function unitOf(parameter: ParameterSpec, unit: UnitSpec | undefined): UnitSpec {
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
