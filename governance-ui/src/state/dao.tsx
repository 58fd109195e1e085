/**
 * The app's connection to the DAO: the RPC endpoint it reads through, the deployment file of that chain,
 * the wallet it writes with (an injected EIP-1193 wallet, or on a local chain the node's unlocked dev
 * accounts), the transaction tray, and a monitor that notices the RPC going away and reloads when it returns.
 *
 * Reads always go through a JsonRpcProvider on the RPC URL (batched, independent of the wallet); writes
 * go through the wallet's signer, after checking that the wallet is on the deployment's chain.
 */
import {
  BrowserProvider,
  type ContractTransactionResponse,
  type Eip1193Provider,
  JsonRpcProvider,
  Network,
  type Signer,
} from "ethers";
import {
  type ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";

import {
  type DAOContracts,
  type Deployment,
  type ErrorContext,
  clearProposalIndex,
  connectDAO,
  explainError,
  parseDeployment,
  HttpRpcProvider,
} from "@coverdao/core";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
export const LOCAL_CHAIN_ID = 31337;

/** The RPC URL: `?rpc=` in the page's URL, else the saved setting, else the local node. */
export function configuredRpcUrl(search: string, saved: string | null): string {
  const fromQuery = new URLSearchParams(search).get("rpc");
  return fromQuery || saved || DEFAULT_RPC_URL;
}

export type ConnectionStatus =
  | { kind: "connecting" }
  | { kind: "ready"; chainId: number; deployment: Deployment }
  | { kind: "no-deployment"; chainId: number; message: string }
  | { kind: "offline"; message: string; retryIn: number };

export interface Tx {
  id: number;
  label: string;
  status: "signing" | "pending" | "confirmed" | "failed";
  hash?: string;
  error?: string;
}

export interface DevAccount {
  address: string;
  name: string;
}

export interface WalletState {
  kind: "none" | "injected" | "dev";
  address?: string;
  /** Chain the wallet is on (the dev accounts are always on the read chain). */
  chainId?: number;
}

declare global {
  interface Window {
    ethereum?: Eip1193Provider & {
      on?: (event: string, handler: (...args: unknown[]) => void) => void;
      removeListener?: (event: string, handler: (...args: unknown[]) => void) => void;
    };
  }
}

interface DaoContext {
  rpcUrl: string;
  setRpcUrl(url: string): void;
  /** Snapshot hub: the deployment's `services.hubUrl`, else `?hub=`; undefined means the dev hub. */
  hubUrl?: string;
  status: ConnectionStatus;
  /** Set once the chain answers and has a deployment. */
  provider?: JsonRpcProvider;
  deployment?: Deployment;
  /** Contracts connected to the read provider. */
  dao?: DAOContracts;
  /** Increments whenever data should be read again (after a transaction, a reconnection, a new block of interest). */
  refresh: number;
  reload(): void;
  wallet: WalletState;
  devAccounts: DevAccount[];
  hasInjected: boolean;
  connectInjected(): Promise<void>;
  selectDevAccount(address: string): void;
  disconnect(): void;
  /** The wallet is on another chain than the deployment. */
  wrongNetwork: boolean;
  switchWalletNetwork(): Promise<void>;
  /** The wallet's signer (throws in words when there is none or it is on the wrong network). */
  getSigner(): Promise<Signer>;
  txs: Tx[];
  dismissTx(id: number): void;
  /**
   * Sends a transaction with the wallet: shows it in the tray (signing, pending with its hash, confirmed or
   * failed with the decoded reason) and reloads data when it is mined. Returns whether it succeeded.
   */
  send(
    label: string,
    action: (dao: DAOContracts, signer: Signer) => Promise<ContractTransactionResponse>,
    /** What a failure's sentence needs, e.g. the asset, so that amounts read "0.01 WETH". */
    context?: ErrorContext,
  ): Promise<boolean>;
}

const Context = createContext<DaoContext | undefined>(undefined);

export function useDao(): DaoContext {
  const context = useContext(Context);
  if (!context) throw new Error("useDao outside <DaoProvider>");
  return context;
}

/** The DAO once connected (pages render only then). */
export function useReadyDao() {
  const context = useDao();
  if (!context.provider || !context.deployment || !context.dao) throw new Error("the DAO is not connected");
  return { ...context, provider: context.provider, deployment: context.deployment, dao: context.dao };
}

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

export function DaoProvider({ children }: { children: ReactNode }) {
  const [rpcUrl, setRpcUrlState] = useState(() =>
    configuredRpcUrl(window.location.search, window.localStorage.getItem("coverdao.rpcUrl")),
  );
  const [status, setStatus] = useState<ConnectionStatus>({ kind: "connecting" });
  const [refresh, setRefresh] = useState(0);
  const [wallet, setWallet] = useState<WalletState>({ kind: "none" });
  const [devAccounts, setDevAccounts] = useState<DevAccount[]>([]);
  const [txs, setTxs] = useState<Tx[]>([]);
  const txCounter = useRef(0);
  const reload = useCallback(() => setRefresh((n) => n + 1), []);

  const setRpcUrl = useCallback((url: string) => {
    window.localStorage.setItem("coverdao.rpcUrl", url);
    setRpcUrlState(url);
  }, []);

  // The connection monitor: find the chain, load its deployment, then keep polling eth_chainId; when the
  // RPC fails, poll with backoff and, when it answers again, reload everything.
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
          if (failures > 0) setRefresh((n) => n + 1);
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

  // Dev accounts on the local chain: the node's unlocked accounts, named from the deployment's accounts.
  useEffect(() => {
    if (!provider || !deployment || deployment.chainId !== LOCAL_CHAIN_ID) {
      setDevAccounts([]);
      return;
    }
    let cancelled = false;
    provider
      .send("eth_accounts", [])
      .then((accounts: string[]) => {
        if (cancelled) return;
        const names = new Map(
          Object.entries(deployment.accounts).map(([name, address]) => [address.toLowerCase(), name]),
        );
        setDevAccounts(
          accounts.map((address, i) => ({
            address,
            name: names.get(address.toLowerCase()) ?? `Dev account #${i}`,
          })),
        );
      })
      .catch(() => setDevAccounts([]));
    return () => {
      cancelled = true;
    };
  }, [provider, deployment]);

  // Injected wallet events.
  useEffect(() => {
    const ethereum = window.ethereum;
    if (!ethereum?.on || wallet.kind !== "injected") return;
    const onAccounts = (...args: unknown[]) => {
      const accounts = args[0] as string[];
      setWallet((w) => (accounts.length === 0 ? { kind: "none" } : { ...w, address: accounts[0] }));
    };
    const onChain = (...args: unknown[]) =>
      setWallet((w) => ({ ...w, chainId: Number(BigInt(String(args[0]))) }));
    ethereum.on("accountsChanged", onAccounts);
    ethereum.on("chainChanged", onChain);
    return () => {
      ethereum.removeListener?.("accountsChanged", onAccounts);
      ethereum.removeListener?.("chainChanged", onChain);
    };
  }, [wallet.kind]);

  const connectInjected = useCallback(async () => {
    const ethereum = window.ethereum;
    if (!ethereum) throw new Error("No browser wallet found.");
    const accounts = (await ethereum.request({ method: "eth_requestAccounts" })) as string[];
    const chainId = Number(BigInt((await ethereum.request({ method: "eth_chainId" })) as string));
    setWallet({ kind: "injected", address: accounts[0], chainId });
  }, []);

  const selectDevAccount = useCallback(
    (address: string) =>
      setWallet(address ? { kind: "dev", address, chainId: LOCAL_CHAIN_ID } : { kind: "none" }),
    [],
  );
  const disconnect = useCallback(() => setWallet({ kind: "none" }), []);

  const wrongNetwork =
    wallet.kind === "injected" &&
    deployment !== undefined &&
    wallet.chainId !== undefined &&
    wallet.chainId !== deployment.chainId;

  const switchWalletNetwork = useCallback(async () => {
    if (!window.ethereum || !deployment) return;
    await window.ethereum.request({
      method: "wallet_switchEthereumChain",
      params: [{ chainId: `0x${deployment.chainId.toString(16)}` }],
    });
  }, [deployment]);

  const getSigner = useCallback(async (): Promise<Signer> => {
    if (!wallet.address) throw new Error("Connect a wallet or choose a dev account first.");
    if (wallet.kind === "dev") {
      if (!provider) throw new Error("The chain is not connected.");
      return provider.getSigner(wallet.address);
    }
    if (!window.ethereum) throw new Error("The browser wallet went away.");
    if (wrongNetwork)
      throw new Error(
        `Your wallet is on chain ${wallet.chainId}; switch it to chain ${deployment?.chainId} first.`,
      );
    return new BrowserProvider(window.ethereum).getSigner(wallet.address);
  }, [wallet, provider, wrongNetwork, deployment]);

  const update = (id: number, patch: Partial<Tx>) =>
    setTxs((list) => list.map((tx) => (tx.id === id ? { ...tx, ...patch } : tx)));

  const send = useCallback<DaoContext["send"]>(
    async (label, action, context) => {
      const id = ++txCounter.current;
      setTxs((list) => [{ id, label, status: "signing" as const }, ...list].slice(0, 8));
      try {
        if (!deployment) throw new Error("The chain is not connected.");
        const signer = await getSigner();
        const response = await action(connectDAO(deployment, signer), signer);
        update(id, { status: "pending", hash: response.hash });
        const receipt = await response.wait();
        if (!receipt || receipt.status !== 1) throw new Error("The transaction reverted.");
        update(id, { status: "confirmed" });
        return true;
      } catch (error) {
        update(id, { status: "failed", error: explainError(error, context) });
        return false;
      } finally {
        setRefresh((n) => n + 1);
      }
    },
    [deployment, getSigner],
  );

  const dismissTx = useCallback((id: number) => setTxs((list) => list.filter((tx) => tx.id !== id)), []);

  const hubUrl = useMemo(() => {
    return (
      deployment?.services?.hubUrl || new URLSearchParams(window.location.search).get("hub") || undefined
    );
  }, [deployment]);

  const value: DaoContext = {
    rpcUrl,
    setRpcUrl,
    hubUrl,
    status,
    provider,
    deployment,
    dao,
    refresh,
    reload,
    wallet,
    devAccounts,
    hasInjected: typeof window.ethereum !== "undefined",
    connectInjected,
    selectDevAccount,
    disconnect,
    wrongNetwork,
    switchWalletNetwork,
    getSigner,
    txs,
    dismissTx,
    send,
  };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
