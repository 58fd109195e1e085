/** Countdowns against the chain's clock: the page reads the block timestamp once and ticks locally from there. */
import { useEffect, useState } from "react";

import { formatDuration } from "./format";

/** Seconds from `now` until `deadline` (never negative). */
export function secondsUntil(deadline: bigint | number, now: bigint | number): number {
  const left = Number(deadline) - Number(now);
  return left > 0 ? left : 0;
}

/** "in 2d 3h" / "now" for a deadline; "2d 3h ago" for a past one when `past` is wanted. */
export function describeDeadline(deadline: bigint | number, now: bigint | number): string {
  const left = Number(deadline) - Number(now);
  if (left > 0) return `in ${formatDuration(left)}`;
  if (left === 0) return "now";
  return `${formatDuration(-left)} ago`;
}

/**
 * The chain time now: `chainTime` (a block timestamp read at `readAt`, in ms of the wall clock) plus the
 * wall-clock seconds since, ticking every second. Local chains that skip time jump with the next read.
 */
export function useChainNow(chainTime: bigint | undefined, readAt: number): bigint | undefined {
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setTick(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  if (chainTime === undefined) return undefined;
  return chainTime + BigInt(Math.max(0, Math.floor((tick - readAt) / 1000)));
}
