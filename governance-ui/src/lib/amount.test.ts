import { describe, expect, it } from "vitest";

import { checkAmount } from "./amount";

describe("checkAmount", () => {
  it("converts exact decimals to base units, with thousands separators", () => {
    expect(checkAmount("1,000.5", 18)).toEqual({ ok: true, value: 1_000_500_000_000_000_000_000n });
    expect(checkAmount("0.000001", 6)).toEqual({ ok: true, value: 1n });
  });
  it("refuses more decimals than the token has", () => {
    const result = checkAmount("0.0000001", 6);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/more than 6 decimal places/);
  });
  it("refuses empty, zero, negative and non-numeric amounts", () => {
    for (const text of ["", "0", "-1", "1e18", "abc", "1.2.3"]) expect(checkAmount(text, 18).ok).toBe(false);
  });
  it("refuses more than the maximum, naming it", () => {
    expect(checkAmount("11", 0, 10n, "your staked balance")).toEqual({
      ok: false,
      error: "That is more than your staked balance.",
    });
    expect(checkAmount("10", 0, 10n).ok).toBe(true);
  });
});
