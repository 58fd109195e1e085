/**
 * A page's reads, through TanStack Query: each read is a query keyed by its name, its inputs and (for data that
 * lives on the chain) the latest block the block watcher has seen. So two parts of a page that read the same thing
 * at the same block share one read, a page visited again at the same block shows its data at once, and a new block
 * makes a new key: the read runs again quietly (the old data stays on screen until the new read lands, `loading`
 * stays false). New inputs show `loading`. Errors become plain words; a failed read keeps the last data of the same
 * inputs. After a transaction the DAO context invalidates every query (`reload`), so what it changed is read again.
 *
 * Only the read is repeated: forms keep their own state in their components, which stay mounted.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { DependencyList } from "react";

import { explainError } from "@coverdao/core";
import { useChainHead } from "../state/head";

export interface AsyncState<T> {
  data?: T;
  error?: string;
  /** A read for new inputs is in flight (not set by the quiet re-reads on a new block). */
  loading: boolean;
  /** Wall-clock ms when `data` was read (to tick countdowns from the chain's clock). */
  readAt: number;
}

export interface ChainQueryOptions {
  /** Key the read by the latest block, so it runs again on each (default true); false for off-chain data. */
  live?: boolean;
  /**
   * Also read again, quietly, every `everyMs` while the tab is visible: for data that changes without a
   * block, such as votes signed to a Snapshot hub.
   */
  everyMs?: number;
}

/** What a query stores: the read's answer and when it landed (wall clock). */
interface Box<T> {
  value: T;
  readAt: number;
}

/** Stable key parts for inputs that are objects (providers, contracts): one number per object, by identity. */
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/** An input as a part of a query key: primitives as they are (bigints as text), objects by identity. */
export function keyPart(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "bigint") return `${value}n`;
  if ((typeof value === "object" && value !== null) || typeof value === "function") {
    let id = objectIds.get(value);
    if (id === undefined) objectIds.set(value, (id = ++nextObjectId));
    return `#${id}`;
  }
  return value;
}

export function useChainQuery<T>(
  name: string,
  load: () => Promise<T>,
  deps: DependencyList,
  { live = true, everyMs }: ChainQueryOptions = {},
): AsyncState<T> {
  const head = useChainHead();
  const inputs = JSON.stringify([name, ...deps.map(keyPart)]);
  const block = live && head ? `${head.number}:${head.hash}` : null;
  const query = useQuery({
    queryKey: [name, inputs, block],
    // Boxed: a read may answer `undefined` ("nothing there"), which TanStack Query does not store as data.
    queryFn: async (): Promise<Box<T>> => ({ value: await load(), readAt: Date.now() }),
    // A live read waits for the first head, so that its arrival does not read twice.
    enabled: !live || head !== undefined,
    // Data at a block does not change; off-chain data is read again when a page shows it.
    staleTime: live ? Infinity : 0,
    refetchInterval: everyMs,
    refetchIntervalInBackground: false,
    // While new inputs are read, the page keeps showing what it had (with `loading`), as it did before the key moved.
    placeholderData: (previous) => previous,
  });
  const current = query.isPlaceholderData ? undefined : query.data;

  // The latest data read for these inputs at an earlier block, shown while the read at the new block is in flight
  // or after it failed (queries of past blocks stay cached for a while: `gcTime`).
  const client = useQueryClient();
  let kept: Box<T> | undefined;
  if (current === undefined)
    for (const cached of client.getQueryCache().findAll({ queryKey: [name, inputs] })) {
      const data = cached.state.data as Box<T> | undefined;
      if (data !== undefined && (!kept || data.readAt > kept.readAt)) kept = data;
    }
  const shown = current ?? kept ?? query.data;

  return {
    data: shown?.value,
    error: query.error ? explainError(query.error) : undefined,
    loading: current === undefined && kept === undefined && !query.isError,
    readAt: shown?.readAt ?? 0,
  };
}
