/**
 * The chain's head as the UI follows it: the latest block, the wall-clock moment it was first seen, and the
 * chain time derived from both. Plain logic without React: {watchHead} polls a `read` function on a timer,
 * pauses while the tab is hidden, and reports a block only when it differs from the last one reported.
 * `src/state/head.tsx` runs it on the app's provider and shares the head with the pages.
 */
import { formatDuration } from "./format";

/** A block as the watcher reads it. */
export interface BlockHead {
  number: number;
  hash: string;
  /** The block's timestamp, in seconds of chain time. */
  timestamp: bigint;
}

/** The latest block and when the UI first saw it. */
export interface ChainHead extends BlockHead {
  /** Wall-clock ms (`Date.now()`) when this block was first seen. */
  seenAt: number;
}

/** How often the watcher asks for the latest block, unless `?poll=<ms>` says otherwise. */
export const DEFAULT_HEAD_POLL_MS = 4_000;
/** The shortest poll the `?poll=` setting accepts. */
export const MIN_HEAD_POLL_MS = 250;

/** The poll interval: `?poll=<ms>` in the page's URL (at least {MIN_HEAD_POLL_MS}), else the default. */
export function configuredPollMs(search: string): number {
  const ms = Number(new URLSearchParams(search).get("poll"));
  return Number.isFinite(ms) && ms > 0 ? Math.max(MIN_HEAD_POLL_MS, Math.round(ms)) : DEFAULT_HEAD_POLL_MS;
}

/**
 * The chain time at wall-clock `wallMs`: the head's timestamp plus the whole seconds of wall time since the
 * head was seen. On a local chain moved forward with `evm_increaseTime`, the next block carries the jump, so
 * the clock follows it as soon as that block is seen.
 */
export function chainTimeAt(head: { timestamp: bigint; seenAt: number }, wallMs: number): bigint {
  return head.timestamp + BigInt(Math.max(0, Math.floor((wallMs - head.seenAt) / 1000)));
}

/** "block 1,234 · 2s ago" for the shell: the head's number and how long ago it was seen. */
export function describeHead(head: { number: number; seenAt: number }, wallMs: number): string {
  const seconds = Math.max(0, Math.floor((wallMs - head.seenAt) / 1000));
  const age = seconds === 0 ? "just now" : `${formatDuration(seconds)} ago`;
  return `block ${head.number.toLocaleString("en-US")} · ${age}`;
}

/** Whether `next` is another block than `last` (a higher number, or a different block at the same height). */
export function isNewHead(last: BlockHead | undefined, next: BlockHead): boolean {
  return last === undefined || last.number !== next.number || last.hash !== next.hash;
}

/** The part of `document` the watcher needs: whether the tab is visible, and its change event. */
export type Visibility = Pick<Document, "visibilityState" | "addEventListener" | "removeEventListener">;

export interface HeadWatcherOptions {
  /** Reads the latest block (for the UI: `eth_getBlockByNumber("latest")` on its provider). */
  read(): Promise<BlockHead>;
  /** Called with each new head, once per block. */
  onHead(head: ChainHead): void;
  intervalMs?: number;
  /** The page's document; without it (outside a browser) the watcher never pauses. */
  visibility?: Visibility;
  /** The wall clock in ms (tests may pass their own). */
  now?: () => number;
}

export interface HeadWatcher {
  /** Asks for the latest block now (after a transaction, say) instead of at the next tick. */
  pollNow(): void;
  stop(): void;
}

/**
 * Polls `read` at once and then every `intervalMs` after the previous answer (a slow RPC never stacks
 * requests), and calls `onHead` when the block differs from the last one reported. While the tab is hidden
 * no poll is scheduled; when it shows again, one poll runs at once. A failed read is ignored: the
 * connection monitor (`state/dao.tsx`) tells the user about an unreachable RPC, and the next poll tries again.
 */
export function watchHead(options: HeadWatcherOptions): HeadWatcher {
  const { read, onHead, visibility } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_HEAD_POLL_MS;
  const now = options.now ?? (() => Date.now());
  let stopped = false;
  let inFlight = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: ChainHead | undefined;

  const hidden = () => visibility?.visibilityState === "hidden";
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const schedule = () => {
    cancel();
    if (!stopped && !hidden()) timer = setTimeout(poll, intervalMs);
  };
  async function poll(): Promise<void> {
    cancel();
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      const block = await read();
      if (!stopped && isNewHead(last, block)) {
        last = { number: block.number, hash: block.hash, timestamp: block.timestamp, seenAt: now() };
        onHead(last);
      }
    } catch {
      // Reported by the connection monitor; the next poll tries again.
    } finally {
      inFlight = false;
    }
    if (again) {
      again = false;
      void poll();
    } else schedule();
  }
  const onVisibility = () => {
    if (hidden()) cancel();
    else void poll();
  };

  visibility?.addEventListener("visibilitychange", onVisibility);
  // A tab opened in the background reads its first block when it shows.
  if (!hidden()) void poll();
  return {
    pollNow: () => void poll(),
    stop: () => {
      stopped = true;
      cancel();
      visibility?.removeEventListener("visibilitychange", onVisibility);
    },
  };
}
