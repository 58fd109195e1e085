/**
 * What the new-proposal form may change and how a typed value is checked: pure functions over the core's
 * parameter registry (tested in `checks.test.ts`).
 */
import {
  type ParameterReading,
  UnitError,
  contractInterface,
  isNumericUnit,
  parseNewValue,
  unitExample,
} from "@coverdao/core";

/** A parameter the form can change: a single-value setter whose other arguments are fixed by the registry. */
export function editableSetter(reading: ParameterReading) {
  const spec = reading.parameter;
  const setter = spec.setters[0];
  // Numbers in a unit and addresses are typed in the form; lists, flags, names and enum members of
  // products are changed through a proposal file.
  if (!setter || !(isNumericUnit(spec.unit) || spec.unit.kind === "address")) return undefined;
  const fragment = contractInterface(spec.contract).getFunction(setter.function);
  if (!fragment) return undefined;
  const others = fragment.inputs.filter((input) => input.name !== setter.arg);
  if (others.some((input) => !(input.name in (setter.fixed ?? {})))) return undefined;
  return setter;
}

/**
 * Checks a typed value against the parameter's unit and bounds; returns the error in words or undefined.
 * The value is parsed by the core in the reading's own unit (a trigger price in its product's feed decimals).
 */
export function checkParameterValue(reading: ParameterReading, text: string): string | undefined {
  const unit = reading.parameter.unit;
  if (text.trim() === "") return "Enter the new value.";
  if (unit.kind === "address")
    return /^0x[0-9a-fA-F]{40}$/.test(text.trim()) ? undefined : "Enter a 0x address.";
  if (!isNumericUnit(unit)) return "This parameter is changed through a proposal file.";
  let value: bigint;
  try {
    value = parseNewValue(reading, text);
  } catch (error) {
    if (error instanceof UnitError) return error.message;
    throw error;
  }
  if (reading.bounds && (value < reading.bounds.min || value > reading.bounds.max)) {
    return `Out of bounds: must be between ${reading.bounds.display.replace(" … ", " and ")}.`;
  }
  return undefined;
}

/** How a value of the parameter's unit is written, e.g. "7 days". */
export function exampleOf(reading: ParameterReading): string {
  const unit = reading.unit ?? reading.parameter.unit;
  return isNumericUnit(unit) ? unitExample(unit) : "0x…";
}
