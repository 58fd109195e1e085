import { describe, expect, it } from "vitest";

import { formatAmount, formatBps, formatDuration, shortAddress } from "./format";

describe("formatAmount", () => {
  it("groups thousands and trims trailing zeros", () => {
    expect(formatAmount(1_234_500_000n, 6)).toBe("1,234.5");
    expect(formatAmount(10n ** 18n, 18)).toBe("1");
  });
  it("keeps at most the requested decimals", () => {
    expect(formatAmount(123_456_789n, 8, 2)).toBe("1.23");
  });
  it("keeps the sign of a small negative amount", () => {
    expect(formatAmount(-5n * 10n ** 17n, 18)).toBe("-0.5");
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(2 * 86_400 + 3 * 3_600 + 59)).toBe("2d 3h");
    expect(formatDuration(45 * 60)).toBe("45m");
  });
  it("says now for a past deadline", () => {
    expect(formatDuration(-3)).toBe("now");
  });
});

describe("formatBps and shortAddress", () => {
  it("formats basis points as a percentage", () => {
    expect(formatBps(1250)).toBe("12.5%");
    expect(formatBps(400)).toBe("4%");
  });
  it("shortens an address", () => {
    expect(shortAddress("0x1234567890abcdef1234567890abcdef12345678")).toBe("0x1234…5678");
  });
});
