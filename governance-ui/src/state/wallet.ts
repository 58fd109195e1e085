/**
 * The wallet the app writes with: an injected EIP-1193 wallet (its account and chain followed through its
 * events, a switch to the deployment's chain), or on the local chain one of the node's unlocked accounts,
 * named from the deployment's `accounts`. {getSigner} refuses in words when there is none or it is on the
 * wrong network.
 */
import { BrowserProvider, type Eip1193Provider, type JsonRpcProvider, type Signer } from "ethers";
import { useCallback, useEffect, useState } from "react";

import type { Deployment } from "@coverdao/core";
import { LOCAL_CHAIN_ID } from "./connection";

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

export function useWallet(provider: JsonRpcProvider | undefined, deployment: Deployment | undefined) {
  const [wallet, setWallet] = useState<WalletState>({ kind: "none" });
  const devAccounts = useDevAccounts(provider, deployment);
  useInjectedEvents(wallet.kind, setWallet);

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

  return {
    wallet,
    devAccounts,
    hasInjected: typeof window.ethereum !== "undefined",
    connectInjected,
    selectDevAccount,
    disconnect,
    wrongNetwork,
    switchWalletNetwork,
    getSigner,
  };
}

/** Dev accounts on the local chain: the node's unlocked accounts, named from the deployment's accounts. */
function useDevAccounts(provider: JsonRpcProvider | undefined, deployment: Deployment | undefined) {
  const [devAccounts, setDevAccounts] = useState<DevAccount[]>([]);
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
  return devAccounts;
}

/** Follows the injected wallet's account and chain while it is the one in use. */
function useInjectedEvents(
  kind: WalletState["kind"],
  setWallet: (update: (wallet: WalletState) => WalletState) => void,
) {
  useEffect(() => {
    const ethereum = window.ethereum;
    if (!ethereum?.on || kind !== "injected") return;
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
  }, [kind, setWallet]);
}
