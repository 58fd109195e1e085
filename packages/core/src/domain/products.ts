/** The cover products' enums (`ICoverBook.RiskType`, `ICoverBook.PayoutRule`) by index, and their words. */

/** Names of `ICoverBook.RiskType`, in the enum's order. */
export const RISK_TYPES = ["SmartContract", "Hack", "DepegMarket", "Operational"] as const;
export type RiskTypeName = (typeof RISK_TYPES)[number];

/** Each risk type as people read it. */
export const RISK_TYPE_LABELS: Record<RiskTypeName, string> = {
  SmartContract: "Smart-contract failure",
  Hack: "Hack",
  DepegMarket: "Depeg / market crash",
  Operational: "Operational error",
};

/** A risk type (an enum index) as people read it; "Other" for an index this core does not know. */
export function riskTypeLabel(index: number | bigint): string {
  const name = RISK_TYPES[Number(index)];
  return name ? RISK_TYPE_LABELS[name] : "Other";
}

/** Names of `ICoverBook.PayoutRule`, in the enum's order. */
export const PAYOUT_RULES = ["Full", "LossProportional"] as const;
export type PayoutRule = (typeof PAYOUT_RULES)[number];

/** An enum's names as `{ name: index }`: `enumIndex(RISK_TYPES).Hack === 1`. */
export function enumIndex<const N extends string>(names: readonly N[]): Record<N, number> {
  return Object.fromEntries(names.map((name, index) => [name, index])) as Record<N, number>;
}
