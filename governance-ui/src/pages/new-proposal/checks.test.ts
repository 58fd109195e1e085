import { describe, expect, it } from "vitest";

import { PARAMETERS, type ParameterReading } from "@coverdao/core";
import { checkParameterValue, editableSetter } from "./checks";

const reading = (key: string, bounds?: { min: bigint; max: bigint; display: string }): ParameterReading => {
  const parameter = PARAMETERS.find((p) => p.key === key);
  if (!parameter) throw new Error(`no parameter ${key}`);
  return { key: parameter.key, label: parameter.label, parameter, value: 0n, display: "", bounds };
};

describe("new-proposal value checks", () => {
  const cooldown = reading("staking.unstakeCooldown", {
    min: 86_400n,
    max: 7_776_000n,
    display: "1 day … 90 days",
  });
  it("accepts a value in the parameter's unit within bounds", () => {
    expect(checkParameterValue(cooldown, "12 days")).toBeUndefined();
    expect(checkParameterValue(cooldown, "36 hours")).toBeUndefined();
  });
  it("names a wrong unit, a fraction of a second and an out-of-bounds value", () => {
    expect(checkParameterValue(cooldown, "12%")).toMatch(/not a duration/);
    expect(checkParameterValue(cooldown, "1.0000001 days")).toMatch(/whole number of seconds/);
    expect(checkParameterValue(cooldown, "91 days")).toBe(
      "Out of bounds: must be between 1 day and 90 days.",
    );
    expect(checkParameterValue(cooldown, "")).toBe("Enter the new value.");
  });
  it("checks basis points exactly", () => {
    const slash = reading("staking.maxSlash", { min: 1n, max: 5000n, display: "0.01% … 50%" });
    expect(checkParameterValue(slash, "15%")).toBeUndefined();
    expect(checkParameterValue(slash, "15.001%")).toMatch(/more than 2 decimal places/);
  });
  it("parses a trigger price in the decimals of its product's own feed, through the core", () => {
    const feed = "0x5337cda553eCB46de49e53E1E079f19Ca89eC04d";
    const trigger = (decimals: number): ParameterReading => ({
      ...reading("cover.product.triggerPrice"),
      unit: { kind: "price", decimals, symbol: "USD", feed },
    });
    expect(checkParameterValue(trigger(18), "0.95 USD")).toBeUndefined();
    expect(checkParameterValue(trigger(18), "0.950000000000000001 USD")).toBeUndefined();
    expect(checkParameterValue(trigger(8), "0.950000001 USD")).toBe(
      `"0.950000001 USD" has 9 decimal places but the price feed at ${feed} answers with 8 decimals`,
    );
    expect(checkParameterValue(trigger(8), "0.95 EUR")).toMatch(/not a price in USD/);
    // Without its feed's decimals the core refuses to guess them.
    expect(() => checkParameterValue(reading("cover.product.triggerPrice"), "0.95 USD")).toThrow(
      /feed's decimals/,
    );
  });
  it("offers single-value setters in the form and leaves multi-argument ones to proposal files", () => {
    expect(editableSetter(reading("staking.unstakeCooldown"))?.function).toBe("setUnstakeCooldown");
    expect(editableSetter(reading("access.functionRoles"))).toBeUndefined();
    expect(editableSetter(reading("treasury.ETH"))).toBeUndefined();
  });
});
