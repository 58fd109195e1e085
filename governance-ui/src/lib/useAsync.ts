/**
 * Loads data for a page and keeps it following the chain: reads again when `deps` change (showing `loading`)
 * and, quietly, when the block watcher sees a new block (the old data stays on screen until the new read
 * lands, `loading` stays false). Errors become plain words; a failed refresh keeps the last data.
 *
 * Only the read is repeated: forms keep their own state in their components, which stay mounted.
 */
import { type DependencyList, useEffect, useRef, useState } from "react";

import { explainError } from "@coverdao/core";
import { useChainHead } from "../state/head";

export interface AsyncState<T> {
  data?: T;
  error?: string;
  /** A read for new `deps` is in flight (not set by the quiet re-reads on a new block). */
  loading: boolean;
  /** Wall-clock ms when `data` was read (to tick countdowns from the chain's clock). */
  readAt: number;
}

export interface AsyncOptions {
  /** Read again on every new block (default true); false for data that does not live on the chain. */
  live?: boolean;
  /**
   * Also read again, quietly, every `everyMs` while the tab is visible: for data that changes without a
   * block, such as votes signed to a Snapshot hub.
   */
  everyMs?: number;
}

/** Which read is current, whether one is in flight, and the head it started at. */
interface Reads {
  generation: number;
  inFlight: boolean;
  /** A new block arrived while a read was in flight: read once more when it lands. */
  again: boolean;
  /** The head (number and hash) when the last read started; undefined before the first head. */
  head?: string;
}

export function useAsync<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  { live = true, everyMs }: AsyncOptions = {},
): AsyncState<T> {
  const chainHead = useChainHead();
  const head = live && chainHead ? `${chainHead.number}:${chainHead.hash}` : undefined;
  const [state, setState] = useState<AsyncState<T>>({ loading: true, readAt: 0 });
  // The latest closure and head, for reads started from an effect or after another read.
  const latest = useRef({ load, head });
  latest.current = { load, head };
  const reads = useRef<Reads>({ generation: 0, inFlight: false, again: false });

  const read = (generation: number, quiet: boolean) => {
    const r = reads.current;
    r.inFlight = true;
    r.again = false;
    r.head = latest.current.head;
    if (!quiet) setState((s) => ({ ...s, loading: true }));
    const landed = (update: (s: AsyncState<T>) => AsyncState<T>) => {
      if (r.generation !== generation) return;
      r.inFlight = false;
      setState(update);
      if (r.again) read(generation, true);
    };
    latest.current.load().then(
      (data) => landed(() => ({ data, loading: false, readAt: Date.now() })),
      (error: unknown) => landed((s) => ({ ...s, error: explainError(error), loading: false })),
    );
  };

  // New deps: a new read, shown as loading; a read of the old deps is dropped when it lands.
  useEffect(() => {
    const generation = ++reads.current.generation;
    read(generation, false);
    return () => {
      reads.current.generation++;
      reads.current.inFlight = false;
    };
  }, deps);

  // A new block: read again quietly, or once more after the read in flight. The first head seen arrives
  // with the first read and starts none.
  useEffect(() => {
    const r = reads.current;
    if (head === undefined || head === r.head) return;
    if (r.head === undefined) {
      r.head = head;
      return;
    }
    if (r.inFlight) r.again = true;
    else read(r.generation, true);
  }, [head]);

  // A timer, for off-chain data: the same quiet re-read as a new block, skipped while the tab is hidden.
  useEffect(() => {
    if (!everyMs) return;
    const timer = setInterval(() => {
      if (typeof document !== "undefined" && document.visibilityState === "hidden") return;
      const r = reads.current;
      if (r.inFlight) r.again = true;
      else read(r.generation, true);
    }, everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);

  return state;
}
