/**
 * The app's connection to the DAO: the RPC endpoint it reads through, the deployment file of that chain,
 * the wallet it writes with (an injected EIP-1193 wallet, or on a local chain the node's unlocked dev
 * accounts), the transaction tray, and a monitor that notices the RPC going away and reloads when it returns.
 *
 * Reads always go through a JsonRpcProvider on the RPC URL (batched, independent of the wallet); writes
 * go through the wallet's signer, after checking that the wallet is on the deployment's chain.
 *
 * Parts: the monitor and read provider in `connection.ts`, the wallet in `wallet.ts`, the tray in `txs.ts`;
 * this file puts them in one context ({useDao}, {useReadyDao}).
 */
import { useQueryClient } from "@tanstack/react-query";
import type { JsonRpcProvider, Signer } from "ethers";
import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from "react";

import type { DAOContracts, Deployment } from "@coverdao/core";
import { type ConnectionStatus, LOCAL_CHAIN_ID, useConnection } from "./connection";
import { type Send, type Tx, useTxTray } from "./txs";
import { type DevAccount, type WalletState, useWallet } from "./wallet";

export { LOCAL_CHAIN_ID };
export type { ConnectionStatus, DevAccount, Tx, WalletState };

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";

/** The RPC URL: `?rpc=` in the page's URL, else the saved setting, else the local node. */
export function configuredRpcUrl(search: string, saved: string | null): string {
  const fromQuery = new URLSearchParams(search).get("rpc");
  return fromQuery || saved || DEFAULT_RPC_URL;
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
  send: Send;
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

export function DaoProvider({ children }: { children: ReactNode }) {
  const [rpcUrl, setRpcUrlState] = useState(() =>
    configuredRpcUrl(window.location.search, window.localStorage.getItem("coverdao.rpcUrl")),
  );
  const [refresh, setRefresh] = useState(0);
  const queryClient = useQueryClient();
  // After a transaction or a reconnection: every query reads again (pages keep their data meanwhile), and the
  // block watcher polls at once (`refresh`).
  const reload = useCallback(() => {
    void queryClient.invalidateQueries();
    setRefresh((n) => n + 1);
  }, [queryClient]);

  const setRpcUrl = useCallback((url: string) => {
    window.localStorage.setItem("coverdao.rpcUrl", url);
    setRpcUrlState(url);
  }, []);

  const { status, provider, deployment, dao } = useConnection(rpcUrl, reload);
  const wallet = useWallet(provider, deployment);
  const tray = useTxTray(deployment, wallet.getSigner, reload);

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
    ...wallet,
    ...tray,
  };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
