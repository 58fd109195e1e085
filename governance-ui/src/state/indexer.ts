/**
 * History, lists and aggregates from the indexer (`indexer/`, Ponder), next to the current state that pages read
 * from the chain. The indexer's URL is the deployment's `services.indexerUrl`, else `?indexer=` in the page's URL;
 * without either, the panels that need history say so instead of showing nothing.
 *
 * `useIndexerQuery` is a TanStack query keyed by its name, its inputs and the latest block (as `useChainQuery`), so
 * lists follow the chain. Every answer carries the block the indexer had reached; while that block is below the
 * chain's head the read runs again every second until the indexer has caught up (it polls the chain on its own),
 * and the panel says that the history is behind. A failed read keeps the last rows on screen and says the indexer
 * is down.
 */
import { useQuery } from "@tanstack/react-query";
import { type DependencyList, useMemo } from "react";

import { describeHealth, IndexerClient, type IndexerHealth } from "@coverdao/core/indexer";
import { keyPart } from "../lib/useChainQuery";
import { useDao } from "./dao";
import { useChainHead } from "./head";

/** The indexer's base URL for this deployment, or undefined when none is configured. */
export function useIndexerUrl(): string | undefined {
  const { deployment } = useDao();
  return useMemo(() => {
    const fromQuery = new URLSearchParams(window.location.search).get("indexer");
    return deployment?.services?.indexerUrl || fromQuery || undefined;
  }, [deployment]);
}

/** One client per indexer URL (undefined when the deployment names no indexer). */
export function useIndexerClient(): IndexerClient | undefined {
  const url = useIndexerUrl();
  return useMemo(() => (url ? new IndexerClient(url, { timeoutMs: 8_000 }) : undefined), [url]);
}

/** What an indexed read answers: anything that says which block the indexer had reached. */
export interface Indexed {
  indexedBlock: number;
}

export interface IndexerQueryState<T> {
  data?: T;
  /** The read failed (the indexer is down or refused the query), in words. */
  error?: string;
  /** A read for new inputs is in flight. */
  loading: boolean;
  /** No indexer is configured for this deployment: history cannot be shown. */
  unconfigured: boolean;
  /** Up to date, behind (with how far) or down, in one sentence for the panel. */
  health?: IndexerHealth;
}

/** Sentence for a deployment without an indexer. */
export const NO_INDEXER =
  "History needs the indexer, and this deployment names none (services.indexerUrl in its deployment file). " +
  "`npm start` runs one for the local DAO; for a real network see docs/indexer.md, then add its URL there or open " +
  "the app with ?indexer=<url>.";

/**
 * Reads `load(client)` from the indexer, keyed by `name`, `deps` and the latest block. `load` must answer
 * something with `indexedBlock` (a {Page}, or an object that carries the block of its reads).
 */
export function useIndexerQuery<T extends Indexed>(
  name: string,
  load: (client: IndexerClient) => Promise<T>,
  deps: DependencyList,
): IndexerQueryState<T> {
  const client = useIndexerClient();
  const head = useChainHead();
  const headNumber = head?.number;
  const inputs = JSON.stringify([name, client?.url ?? null, ...deps.map(keyPart)]);
  const query = useQuery({
    queryKey: ["indexer", inputs, headNumber ?? null],
    queryFn: () => load(client!),
    enabled: client !== undefined && headNumber !== undefined,
    staleTime: Infinity,
    // Behind the head: ask again each second until the indexer has reached it.
    refetchInterval: (q) => {
      const indexed = q.state.data?.indexedBlock;
      return indexed !== undefined && headNumber !== undefined && indexed < headNumber ? 1000 : false;
    },
    placeholderData: (previous) => previous,
  });
  const data = query.data;
  let health: IndexerHealth | undefined;
  if (query.error) {
    health = { state: "down", message: `History is unavailable: ${(query.error as Error).message}.` };
  } else if (data && head) {
    // A block or two behind is the indexer's polling, not a problem worth a banner: it catches up by itself.
    health = describeHealth(data.indexedBlock, 0, head.number, 2);
  }
  return {
    data,
    error: query.error ? (query.error as Error).message : undefined,
    loading: client !== undefined && data === undefined && !query.isError,
    unconfigured: client === undefined,
    health,
  };
}
