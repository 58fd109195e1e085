/** Where an unstake request stands at `now` (tested in `status.test.ts`). */
export function unstakeStatus(
  request: { amount: bigint; readyAt: bigint; expiresAt: bigint },
  lockedUntil: bigint,
  now: bigint,
): "none" | "cooling-down" | "locked" | "ready" | "lapsed" {
  if (request.amount === 0n) return "none";
  if (now < request.readyAt) return "cooling-down";
  if (now >= request.expiresAt) return "lapsed";
  if (now < lockedUntil) return "locked";
  return "ready";
}
