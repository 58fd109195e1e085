/**
 * The block watcher: one poll of the latest block on the app's read provider (every 4 s, or `?poll=<ms>`;
 * paused while the tab is hidden), shared with every page. Pages follow the chain through it: `useChainQuery`
 * keys its reads by the latest block, so they run again when a new block arrives, and countdowns run on the chain's clock ({useChainNow}).
 */
import type { JsonRpcProvider } from "ethers";
import { type ReactNode, createContext, useContext, useEffect, useRef, useState } from "react";

import { type BlockHead, type ChainHead, configuredPollMs, describeHead, watchHead } from "../lib/head";
import { useDao } from "./dao";

/** The latest block seen, or undefined before the first answer (and outside a {ChainHeadProvider}). */
export const ChainHeadContext = createContext<ChainHead | undefined>(undefined);

/** The latest block seen on the chain the app reads. */
export function useChainHead(): ChainHead | undefined {
  return useContext(ChainHeadContext);
}

/** The latest block with `eth_getBlockByNumber` (uncached, unlike ethers' `getBlockNumber`). */
export async function latestBlock(provider: JsonRpcProvider): Promise<BlockHead> {
  const block = (await provider.send("eth_getBlockByNumber", ["latest", false])) as {
    number?: string;
    hash?: string;
    timestamp?: string;
  } | null;
  if (!block?.number || !block.hash || !block.timestamp) throw new Error("the node has no latest block");
  return { number: Number(BigInt(block.number)), hash: block.hash, timestamp: BigInt(block.timestamp) };
}

/**
 * Runs the block watcher on the DAO's provider (a new watcher per chain or RPC URL) and polls at once after a
 * transaction or a reconnection (`refresh`), so the shell shows the new block without waiting for the tick.
 */
export function ChainHeadProvider({
  children,
  intervalMs = configuredPollMs(window.location.search),
}: {
  children: ReactNode;
  intervalMs?: number;
}) {
  const { provider, refresh } = useDao();
  const [head, setHead] = useState<ChainHead>();
  const watcher = useRef<ReturnType<typeof watchHead>>(undefined);
  useEffect(() => {
    setHead(undefined);
    if (!provider) return;
    const w = watchHead({
      read: () => latestBlock(provider),
      onHead: setHead,
      intervalMs,
      visibility: document,
    });
    watcher.current = w;
    return () => {
      w.stop();
      watcher.current = undefined;
    };
  }, [provider, intervalMs]);
  const seenRefresh = useRef(refresh);
  useEffect(() => {
    if (seenRefresh.current === refresh) return;
    seenRefresh.current = refresh;
    watcher.current?.pollNow();
  }, [refresh]);
  return <ChainHeadContext.Provider value={head}>{children}</ChainHeadContext.Provider>;
}

/** "block 1,234 · 2s ago" in the shell, ticking every second, so a user sees that the page follows the chain. */
export function HeadIndicator() {
  const head = useChainHead();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  if (!head) return null;
  const at = new Date(Number(head.timestamp) * 1000).toLocaleString("en-GB", { timeZone: "UTC" });
  return (
    <span className="head muted small" title={`Latest block ${head.number}, stamped ${at} UTC (chain time)`}>
      <span className="head-dot" aria-hidden="true" />
      {describeHead(head, Math.max(now, head.seenAt))}
    </span>
  );
}
