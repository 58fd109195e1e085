/**
 * Countdowns against the chain's clock: the latest block's timestamp (from the block watcher, or the page's
 * own read) plus the wall time since, ticking every second.
 */
import { useEffect, useState } from "react";

import { useChainHead } from "../state/head";
import { formatDuration } from "./format";
import { chainTimeAt } from "./head";

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
 * The chain time at wall-clock `wallMs`, from what the page knows: the head the block watcher saw (its
 * timestamp plus the wall time since it was seen) and, when given, the block timestamp a read returned at
 * `readAt`. The later of the two counts: a read may have seen a block the watcher has not polled yet.
 */
export function chainNowAt(
  head: { timestamp: bigint; seenAt: number } | undefined,
  read: { timestamp: bigint; readAt: number } | undefined,
  wallMs: number,
): bigint | undefined {
  const fromHead = head ? chainTimeAt(head, wallMs) : undefined;
  const fromRead = read ? chainTimeAt({ timestamp: read.timestamp, seenAt: read.readAt }, wallMs) : undefined;
  if (fromHead === undefined) return fromRead;
  if (fromRead === undefined) return fromHead;
  return fromHead > fromRead ? fromHead : fromRead;
}

/**
 * The chain time now, ticking every second: the latest block's timestamp plus the wall time since the block
 * watcher saw it, or the page's own read (`chainTime`, a block timestamp read at `readAt`) when that is later.
 * On a local chain that travels in time, countdowns jump with the next block.
 */
export function useChainNow(chainTime?: bigint, readAt = 0): bigint | undefined {
  const head = useChainHead();
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setTick(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const read = chainTime === undefined ? undefined : { timestamp: chainTime, readAt };
  return chainNowAt(head, read, Math.max(tick, head?.seenAt ?? 0, readAt));
}
