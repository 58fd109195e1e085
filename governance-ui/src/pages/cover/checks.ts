/** The cover form's checks: the period typed in days and the most the premium may cost. */

export const DAY = 86_400n;

/** Max premium for a quoted premium and a slippage in basis points, rounded up. */
export function maxPremiumOf(premium: bigint, slippageBps: bigint): bigint {
  return (premium * (10_000n + slippageBps) + 9_999n) / 10_000n;
}

/** The cover period typed in days, whole or decimal, within the product's bounds; in seconds. */
export function checkPeriod(
  text: string,
  min: bigint,
  max: bigint,
): { ok: true; value: bigint } | { ok: false; error: string } {
  const match = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return { ok: false, error: "Enter the period in days, e.g. 30." };
  const fraction = match[2] ?? "";
  const seconds = (BigInt(match[1]) * 10n ** BigInt(fraction.length) + BigInt(fraction || "0")) * DAY;
  const value = seconds / 10n ** BigInt(fraction.length);
  if (value < min || value > max)
    return { ok: false, error: `This product covers ${min / DAY} to ${max / DAY} days.` };
  return { ok: true, value };
}
