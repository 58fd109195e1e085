/**
 * The connection monitor: finds the chain behind the RPC URL, loads and validates its deployment file, then
 * keeps polling `eth_chainId` (every 5 s; with backoff while the RPC is away, reloading everything when it
 * answers again). The read provider and the contracts follow the last chain that answered with a deployment.
 */
import { Network } from "ethers";
import { useEffect, useMemo, useState } from "react";

import {
  type Deployment,
  HttpRpcProvider,
  clearProposalIndex,
  connectDAO,
  parseDeployment,
} from "@coverdao/core";

export const LOCAL_CHAIN_ID = 31337;

export type ConnectionStatus =
  | { kind: "connecting" }
  | { kind: "ready"; chainId: number; deployment: Deployment }
  | { kind: "no-deployment"; chainId: number; message: string }
  | { kind: "offline"; message: string; retryIn: number };

/** `eth_chainId` with a plain fetch (no ethers retry loop), with a timeout. */
export async function fetchChainId(rpcUrl: string, timeoutMs = 4000): Promise<number> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: controller.signal,
    });
    const body = (await response.json()) as { result?: string; error?: { message?: string } };
    if (!body.result) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    return Number(BigInt(body.result));
  } finally {
    clearTimeout(timer);
  }
}

/** Backoff of the reconnection poll: 1 s, 2 s, 4 s ... at most 15 s. */
export function backoffSeconds(failures: number): number {
  return Math.min(15, 2 ** Math.max(0, failures - 1));
}

async function loadDeployment(chainId: number): Promise<Deployment | string> {
  const response = await fetch(`/deployments/${chainId}.json`, { cache: "no-store" });
  if (response.status === 404) {
    return `Chain ${chainId} has no CoverDAO deployment (deployments/${chainId}.json was not found). Point the app to a chain where the DAO is deployed (?rpc=<url>, or the RPC setting below), or deploy it there with \`npm run deploy\`${chainId === LOCAL_CHAIN_ID ? " — for a local demo run `npm start`" : ""}.`;
  }
  if (!response.ok) return `Could not load deployments/${chainId}.json: HTTP ${response.status}.`;
  try {
    return parseDeployment(await response.json(), `deployments/${chainId}.json`);
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The connection to `rpcUrl`: its status, and once a chain with a deployment answered, the read provider,
 * the deployment and the contracts on it. `reload` is called when the RPC comes back after failing.
 */
export function useConnection(rpcUrl: string, reload: () => void) {
  const status = useChainMonitor(rpcUrl, reload);
  // The last chain that answered with a deployment: pages stay up (with the offline banner) while the RPC is away.
  const [ready, setReady] = useState<{ chainId: number; deployment: Deployment }>();
  useEffect(() => {
    if (status.kind === "ready") setReady({ chainId: status.chainId, deployment: status.deployment });
    else if (status.kind === "no-deployment") setReady(undefined);
  }, [status]);
  const provider = useMemo(
    () =>
      ready
        ? new HttpRpcProvider(rpcUrl, ready.chainId, { staticNetwork: Network.from(ready.chainId) })
        : undefined,
    // A new provider per chain; the deployment object changes on reconnection only.
    [rpcUrl, ready?.chainId],
  );
  const deployment = ready?.deployment;
  const dao = useMemo(
    () => (provider && deployment ? connectDAO(deployment, provider) : undefined),
    [provider, deployment],
  );
  return { status, provider, deployment, dao };
}

/** The monitor's poll loop: the chain's id, its deployment, and the backoff while the RPC does not answer. */
function useChainMonitor(rpcUrl: string, reload: () => void): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>({ kind: "connecting" });
  // `reload` is stable (a state setter's wrapper): the loop restarts for a new RPC URL only.
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    let failures = 0;
    let known: number | undefined;
    const schedule = (seconds: number) => {
      if (!stopped) timer = window.setTimeout(poll, seconds * 1000);
    };
    const poll = async () => {
      try {
        const chainId = await fetchChainId(rpcUrl);
        if (stopped) return;
        if (chainId !== known || failures > 0) {
          const loaded = await loadDeployment(chainId);
          if (stopped) return;
          clearProposalIndex();
          known = chainId;
          if (typeof loaded === "string") setStatus({ kind: "no-deployment", chainId, message: loaded });
          else setStatus({ kind: "ready", chainId, deployment: loaded });
          if (failures > 0) reload();
        }
        failures = 0;
        schedule(5);
      } catch (error) {
        if (stopped) return;
        failures++;
        const retryIn = backoffSeconds(failures);
        setStatus({
          kind: "offline",
          retryIn,
          message: `The chain's RPC at ${rpcUrl} does not answer (${(error as Error).message || "no response"}). Retrying in ${retryIn} s; data will reload when it is back.`,
        });
        schedule(retryIn);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [rpcUrl]);
  return status;
}
