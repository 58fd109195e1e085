import { expect } from "chai";

import {
  UnitError,
  formatUnit,
  parseBps,
  parseDecimal,
  parseDuration,
  parsePercent,
  parseTokenAmount,
  parseUnit,
} from "@coverdao/core/node";

describe("Proposals: human units to on-chain integers, exactly", () => {
  it("converts percentages to basis points at the edges", () => {
    expect(parseBps("12.5%")).to.equal(1250n);
    expect(parseBps("0.01%")).to.equal(1n);
    expect(parseBps("100%")).to.equal(10_000n);
    expect(parseBps("0%")).to.equal(0n);
    expect(parseBps("1250 bps")).to.equal(1250n);
    expect(parseBps("12.50%")).to.equal(1250n);
    expect(() => parseBps("12.345%")).to.throw(UnitError, "more than 2 decimal places");
    expect(() => parseBps("12.5")).to.throw(UnitError, 'not a percentage: write e.g. "12.5%"');
  });

  it("converts percentages to a quorum numerator over its denominator", () => {
    expect(parsePercent("5%")).to.equal(5n);
    expect(parsePercent("50%")).to.equal(50n);
    expect(parsePercent("5.5%", 1000n)).to.equal(55n);
    expect(() => parsePercent("5.5%")).to.throw(UnitError, "cannot be expressed exactly");
    expect(() => parsePercent("5 days")).to.throw(UnitError, "not a percentage");
  });

  it("converts durations to whole seconds", () => {
    expect(parseDuration("7 days")).to.equal(604_800n);
    expect(parseDuration("1 day")).to.equal(86_400n);
    expect(parseDuration("36 hours")).to.equal(129_600n);
    expect(parseDuration("1.5 days")).to.equal(129_600n);
    expect(parseDuration("90 minutes")).to.equal(5_400n);
    expect(parseDuration("2 weeks")).to.equal(1_209_600n);
    expect(parseDuration("0 seconds")).to.equal(0n);
    expect(() => parseDuration("1.5 seconds")).to.throw(UnitError, "not a whole number of seconds");
    expect(() => parseDuration("10 fortnights")).to.throw(UnitError, "is not a duration");
    expect(() => parseDuration("ten days")).to.throw(UnitError, "not a number with a unit");
    expect(() => parseDuration("604800")).to.throw(UnitError, "is not a duration");
  });

  it("converts token amounts by the token's decimals", () => {
    expect(parseTokenAmount("0.000001 USDC", "USDC")).to.equal(1n);
    expect(parseTokenAmount("1000 USDC", "USDC")).to.equal(1_000_000_000n);
    expect(parseTokenAmount("0.5 ETH", "ETH")).to.equal(5n * 10n ** 17n);
    expect(parseTokenAmount("10000 COVER", "COVER")).to.equal(10_000n * 10n ** 18n);
    expect(parseTokenAmount("0.000000000000000001 COVER", "COVER")).to.equal(1n);
    expect(parseTokenAmount("1_000_000 COVER", "COVER")).to.equal(10n ** 24n);
    expect(() => parseTokenAmount("0.0000001 USDC", "USDC")).to.throw(
      UnitError,
      "more than 6 decimal places",
    );
    expect(() => parseTokenAmount("1000 USDC", "COVER")).to.throw(UnitError, "not an amount of COVER");
    expect(() => parseTokenAmount("1000", "COVER")).to.throw(UnitError, 'write e.g. "1000 COVER"');
  });

  it("parses decimals without floats, even where floats round", () => {
    // 0.1 + 0.2 style inputs and amounts beyond 2^53 stay exact.
    expect(parseDecimal("0.3", 18)).to.equal(3n * 10n ** 17n);
    expect(parseDecimal("9007199254740993", 0)).to.equal(9_007_199_254_740_993n);
    expect(parseDecimal("1.10", 1)).to.equal(11n);
    expect(() => parseDecimal("1e18", 0)).to.throw(UnitError, "not a decimal number");
    expect(() => parseDecimal("-1", 0)).to.throw(UnitError, "not a decimal number");
  });

  it("writes values back in their unit", () => {
    expect(formatUnit({ kind: "bps" }, 1250n)).to.equal("12.5%");
    expect(formatUnit({ kind: "duration" }, 129_600n)).to.equal("36 hours");
    expect(formatUnit({ kind: "duration" }, 604_800n)).to.equal("7 days");
    expect(formatUnit({ kind: "token", symbol: "USDC" }, 1n)).to.equal("0.000001 USDC");
    expect(formatUnit({ kind: "token", symbol: "COVER" }, 10n ** 22n)).to.equal("10000 COVER");
    expect(formatUnit({ kind: "percent" }, 4n)).to.equal("4%");
    expect(parseUnit({ kind: "integer" }, "42")).to.equal(42n);
  });

  it("converts a price in the decimals of the feed that answers it", () => {
    const feed = "0x5337cda553eCB46de49e53E1E079f19Ca89eC04d";
    const usd8 = { kind: "price", decimals: 8, symbol: "USD", feed } as const;
    const usd18 = { ...usd8, decimals: 18 };
    expect(parseUnit(usd8, "0.95 USD")).to.equal(95_000_000n);
    expect(parseUnit(usd18, "0.95 USD")).to.equal(950_000_000_000_000_000n);
    expect(formatUnit(usd8, 95_000_000n)).to.equal("0.95 USD");
    expect(formatUnit(usd18, 950_000_000_000_000_000n)).to.equal("0.95 USD");
    expect(() => parseUnit(usd8, "0.950000001 USD")).to.throw(
      UnitError,
      `"0.950000001 USD" has 9 decimal places but the price feed at ${feed} answers with 8 decimals`,
    );
    expect(() => parseUnit(usd8, "0.95 EUR")).to.throw(UnitError, "is not a price in USD");
    // No feed (the zero address): only a zero price.
    const none = { ...usd8, decimals: 0, feed: "0x0000000000000000000000000000000000000000" };
    expect(parseUnit(none, "0 USD")).to.equal(0n);
    expect(parseUnit(none, "0.00 USD")).to.equal(0n);
    expect(() => parseUnit(none, "0.95 USD")).to.throw(UnitError, '"0.95 USD" needs a price feed');
  });
});
