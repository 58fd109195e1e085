/**
 * The transaction tray: each transaction sent with the wallet, from signing to pending (with its hash) to
 * confirmed, or failed with the reason decoded by the core ({explainError}); data is read again afterwards.
 */
import type { ContractTransactionResponse, Signer } from "ethers";
import { useCallback, useRef, useState } from "react";

import {
  type DAOContracts,
  type Deployment,
  type ErrorContext,
  connectDAO,
  explainError,
} from "@coverdao/core";

export interface Tx {
  id: number;
  label: string;
  status: "signing" | "pending" | "confirmed" | "failed";
  hash?: string;
  error?: string;
}

export type Send = (
  label: string,
  action: (dao: DAOContracts, signer: Signer) => Promise<ContractTransactionResponse>,
  /** What a failure's sentence needs, e.g. the asset, so that amounts read "0.01 WETH". */
  context?: ErrorContext,
) => Promise<boolean>;

export function useTxTray(
  deployment: Deployment | undefined,
  getSigner: () => Promise<Signer>,
  reload: () => void,
): { txs: Tx[]; dismissTx(id: number): void; send: Send } {
  const [txs, setTxs] = useState<Tx[]>([]);
  const txCounter = useRef(0);

  const update = (id: number, patch: Partial<Tx>) =>
    setTxs((list) => list.map((tx) => (tx.id === id ? { ...tx, ...patch } : tx)));

  const send = useCallback<Send>(
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
        reload();
      }
    },
    // `reload` is stable (a state setter's wrapper).
    [deployment, getSigner],
  );

  const dismissTx = useCallback((id: number) => setTxs((list) => list.filter((tx) => tx.id !== id)), []);
  return { txs, dismissTx, send };
}
