/**
 * What the claim pages share: a claim in plain words, a typed claim amount.
 */
import { type ClaimRow, explainClaim, parseDecimal } from "@coverdao/core";

export const explain = (claim: ClaimRow) =>
  explainClaim(claim, { assetDecimals: claim.pool?.assetDecimals, assetSymbol: claim.pool?.symbol });

/** A claim amount typed in the asset's units ("1,500.5"): more than zero, at most `decimals` places. */
export function claimAmount(
  amount: string,
  decimals: number,
): { ok: true; value: bigint } | { ok: false; error: string } {
  let value: bigint;
  try {
    value = parseDecimal(amount.trim().replaceAll(",", ""), decimals);
  } catch (error) {
    return { ok: false, error: `${(error as Error).message}.` };
  }
  if (value === 0n) return { ok: false, error: "The amount must be more than zero." };
  return { ok: true, value };
}
