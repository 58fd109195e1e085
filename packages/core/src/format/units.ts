/**
 * Human units to on-chain integers, exactly: decimal strings are split and scaled as integers, never
 * parsed as floats. Each ABI parameter has one unit kind; a value in another unit is an error.
 *
 *   duration  "7 days", "36 hours", "1.5 days", "90 minutes", "3600 seconds"  → seconds
 *   bps       "12.5%", "1250 bps"                                            → basis points
 *   percent   "5%"                                                           → percent × denominator / 100
 *   token     "1000 USDC", "0.5 ETH", "10000 COVER" (symbol must match)      → base units
 *   price     "0.95 USD" (a price feed's answer, in the feed's own decimals)  → answer units
 *   integer   "42"                                                           → 42
 */

import { plainDecimal } from "./decimals.js";
import { exactDuration } from "./durations.js";

/** Seconds in the largest unit that divides them (see {exactDuration}): the unit form of a duration. */
export { exactDuration as formatDuration };

/** Tokens known by symbol. Pool/claims assets (USDC, ...) are entries here, not new code. */
export const TOKENS = {
  COVER: { decimals: 18, contract: "GovernanceToken" },
  ETH: { decimals: 18 },
  WETH: { decimals: 18 },
  USDC: { decimals: 6 },
  USDT: { decimals: 6 },
  DAI: { decimals: 18 },
} as const satisfies Record<string, { decimals: number; contract?: string }>;
export type TokenSymbol = keyof typeof TOKENS;

/**
 * The unit an integer parameter is written in. A price has the decimals of the feed that answers it; `feed`,
 * when set, is that feed's address, and the zero address means "no feed": only a zero price is then valid.
 */
export type UnitSpec =
  | { kind: "duration" }
  | { kind: "bps" }
  | { kind: "percent"; denominator?: bigint }
  | { kind: "token"; symbol: TokenSymbol }
  | { kind: "price"; decimals: number; symbol: string; feed?: string }
  | { kind: "integer" };

/**
 * A price whose decimals are not known until the chain is read: those of the Chainlink-style feed whose
 * address is in the sibling field `feedField` of the same struct or call (a product's `priceFeed`). The
 * registry declares it; `concreteUnit` (parameters.ts) reads the feed's `decimals()` and turns it into a
 * `price` {UnitSpec}, which is what {parseUnit} and {formatUnit} take.
 */
export interface FeedPriceUnit {
  kind: "feedPrice";
  symbol: string;
  feedField: string;
}

/** Any unit of an integer: one that parses and formats as it is, or a feed price that needs its feed. */
export type NumericUnit = UnitSpec | FeedPriceUnit;

/** Thrown for a value that does not parse or does not fit its unit; `message` is user-facing. */
export class UnitError extends Error {}

const SECONDS: Record<string, bigint> = {
  second: 1n,
  minute: 60n,
  hour: 3_600n,
  day: 86_400n,
  week: 604_800n,
};

const DECIMAL = /^(\d+(?:_\d+)*)(?:\.(\d+))?$/;

/** An exact decimal `text` scaled by 10^decimals; more fractional digits than `decimals` is an error. */
export function parseDecimal(text: string, decimals: number, written = text): bigint {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new UnitError(`"${written}" is not a decimal number`);
  const whole = match[1].replaceAll("_", "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > decimals) {
    throw new UnitError(`"${written}" has more than ${decimals} decimal place${decimals === 1 ? "" : "s"}`);
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

/** `numerator / denominator` when exact, else an error naming `what`. */
function exactDiv(numerator: bigint, denominator: bigint, what: string): bigint {
  if (numerator % denominator !== 0n) throw new UnitError(what);
  return numerator / denominator;
}

/** Splits "12.5 days" / "12.5%" into the number and its unit word. */
function split(text: string): { amount: string; unit: string } {
  const match = /^\s*([0-9][0-9_]*(?:\.[0-9]+)?)\s*(%|[A-Za-z]+)?\s*$/.exec(text);
  if (!match) throw new UnitError(`"${text}" is not a number with a unit`);
  return { amount: match[1], unit: match[2] ?? "" };
}

/** Decimal places of a decimal string (trailing zeros ignored). */
const decimalsOf = (amount: string): number => (amount.split(".")[1] ?? "").replace(/0+$/, "").length;

/** Parses a duration into seconds: "7 days", "36 hours", "1.5 days"; the result must be whole seconds. */
export function parseDuration(text: string): bigint {
  const { amount, unit } = split(text);
  const word = unit.toLowerCase().replace(/s$/, "");
  const scale = SECONDS[word] ?? (word === "sec" ? 1n : word === "min" ? 60n : undefined);
  if (!unit || scale === undefined) {
    throw new UnitError(`"${text}" is not a duration: write e.g. "7 days", "36 hours" or "90 minutes"`);
  }
  const places = decimalsOf(amount);
  const scaled = parseDecimal(amount, places) * scale;
  return exactDiv(scaled, 10n ** BigInt(places), `"${text}" is not a whole number of seconds`);
}

/** Parses a percentage into basis points ("12.5%" → 1250), or "1250 bps". */
export function parseBps(text: string): bigint {
  const { amount, unit } = split(text);
  if (unit === "%") return parseDecimal(amount, 2, text);
  if (unit.toLowerCase() === "bps") return parseDecimal(amount, 0, text);
  throw new UnitError(`"${text}" is not a percentage: write e.g. "12.5%"`);
}

/** Parses a percentage into a fraction numerator over `denominator` ("5%" over 100 → 5). */
export function parsePercent(text: string, denominator = 100n): bigint {
  const { amount, unit } = split(text);
  if (unit !== "%") throw new UnitError(`"${text}" is not a percentage: write e.g. "5%"`);
  const places = decimalsOf(amount);
  return exactDiv(
    parseDecimal(amount, places) * denominator,
    100n * 10n ** BigInt(places),
    `"${text}" cannot be expressed exactly with a denominator of ${denominator}`,
  );
}

/** Parses "1000 USDC" into base units of `symbol`; another symbol is an error. */
export function parseTokenAmount(text: string, symbol: TokenSymbol): bigint {
  const { amount, unit } = split(text);
  if (unit.toUpperCase() !== symbol) {
    throw new UnitError(`"${text}" is not an amount of ${symbol}: write e.g. "1000 ${symbol}"`);
  }
  return parseDecimal(amount, TOKENS[symbol].decimals, text);
}

const ZERO_ADDRESS = /^0x0{40}$/;

/**
 * Parses "0.95 USD" into a feed answer with `decimals` decimals; another currency is an error, and so are
 * more fractional digits than the feed has. With `feed` the zero address (no feed) only a zero price parses.
 */
export function parsePrice(text: string, decimals: number, symbol: string, feed?: string): bigint {
  const { amount, unit } = split(text);
  if (unit.toUpperCase() !== symbol.toUpperCase()) {
    throw new UnitError(`"${text}" is not a price in ${symbol}: write e.g. "0.95 ${symbol}"`);
  }
  if (feed !== undefined && ZERO_ADDRESS.test(feed)) {
    if (parseDecimal(amount, decimalsOf(amount), text) !== 0n) {
      throw new UnitError(
        `"${text}" needs a price feed: with no feed (the zero address) the price is 0 ${symbol}`,
      );
    }
    return 0n;
  }
  const places = decimalsOf(amount);
  if (places > decimals) {
    const where = feed === undefined ? "the price" : `the price feed at ${feed}`;
    throw new UnitError(
      `"${text}" has ${places} decimal places but ${where} answers with ${decimals} decimal${decimals === 1 ? "" : "s"}`,
    );
  }
  return parseDecimal(amount, decimals, text);
}

/** Parses a plain non-negative integer ("42", "1_000"). */
export function parseInteger(text: string): bigint {
  const { amount, unit } = split(text);
  if (unit || amount.includes(".")) throw new UnitError(`"${text}" is not a whole number`);
  return BigInt(amount.replaceAll("_", ""));
}

/** Converts `text` in the unit `spec` into the on-chain integer. */
export function parseUnit(spec: UnitSpec, text: string): bigint {
  switch (spec.kind) {
    case "duration":
      return parseDuration(text);
    case "bps":
      return parseBps(text);
    case "percent":
      return parsePercent(text, spec.denominator);
    case "token":
      return parseTokenAmount(text, spec.symbol);
    case "price":
      return parsePrice(text, spec.decimals, spec.symbol, spec.feed);
    case "integer":
      return parseInteger(text);
  }
}

/** An example value, for messages: how a value of this unit is written. */
export function unitExample(spec: NumericUnit): string {
  switch (spec.kind) {
    case "duration":
      return '"7 days"';
    case "bps":
      return '"12.5%"';
    case "percent":
      return '"5%"';
    case "token":
      return `"1000 ${spec.symbol}"`;
    case "price":
    case "feedPrice":
      return `"0.95 ${spec.symbol}"`;
    case "integer":
      return '"42"';
  }
}

/** The on-chain integer `value` written back in the unit `spec`, exactly. */
export function formatUnit(spec: UnitSpec, value: bigint): string {
  switch (spec.kind) {
    case "duration":
      return exactDuration(value);
    case "bps":
      return `${plainDecimal(value, 2)}%`;
    case "percent": {
      const denominator = spec.denominator ?? 100n;
      if (denominator === 100n) return `${value}%`;
      return `${value}/${denominator}`;
    }
    case "token":
      return `${plainDecimal(value, TOKENS[spec.symbol].decimals)} ${spec.symbol}`;
    case "price":
      return `${plainDecimal(value, spec.decimals)} ${spec.symbol}`;
    case "integer":
      return value.toString();
  }
}
