/** Validates an amount typed into a form against the token's decimals, with the core's exact unit parser. */
import { UnitError, parseDecimal } from "@coverdao/core";

export type AmountCheck = { ok: true; value: bigint } | { ok: false; error: string };

/**
 * "1,000.5" → base units. Empty, zero, malformed, too many decimals, or above `max` (with `maxLabel`) are errors
 * in words. Commas as thousands separators are accepted.
 */
export function checkAmount(
  text: string,
  decimals: number,
  max?: bigint,
  maxLabel = "your balance",
): AmountCheck {
  const cleaned = text.trim().replaceAll(",", "");
  if (cleaned === "") return { ok: false, error: "Enter an amount." };
  let value: bigint;
  try {
    value = parseDecimal(cleaned, decimals, text.trim());
  } catch (error) {
    if (error instanceof UnitError) return { ok: false, error: `${error.message}.` };
    throw error;
  }
  if (value === 0n) return { ok: false, error: "The amount must be more than zero." };
  if (max !== undefined && value > max) return { ok: false, error: `That is more than ${maxLabel}.` };
  return { ok: true, value };
}
