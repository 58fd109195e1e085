/** Small shared pieces: status messages, loading, addresses, the transaction tray, and the account guard. */
import type { ReactNode } from "react";

import { shortAddress } from "../lib/format";
import { useDao } from "../state/dao";

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}

export function Address({ address, name }: { address: string; name?: string }) {
  return (
    <span className="address" title={address}>
      {name ? `${name} (${shortAddress(address)})` : shortAddress(address)}
    </span>
  );
}

/** Shows `children` only with a connected account; otherwise says how to connect. */
export function RequireAccount({ action, children }: { action: string; children: ReactNode }) {
  const { wallet } = useDao();
  if (!wallet.address) {
    return <p className="note">To {action}, connect a wallet or choose a dev account in the header.</p>;
  }
  return <>{children}</>;
}

const TX_WORDS = {
  signing: "Waiting for signature",
  pending: "Pending",
  confirmed: "Confirmed",
  failed: "Failed",
} as const;

/** Pending and finished transactions, with their hash and, when failed, the decoded reason. */
export function TxTray() {
  const { txs, dismissTx } = useDao();
  return (
    <section className="tx-tray" aria-label="Transactions" aria-live="polite">
      {txs.map((tx) => (
        <div key={tx.id} className={`tx tx-${tx.status}`} role={tx.status === "failed" ? "alert" : "status"}>
          <div>
            <strong>{tx.label}</strong>: {TX_WORDS[tx.status]}
            {tx.hash && (
              <div className="tx-hash">
                tx <code title={tx.hash}>{shortAddress(tx.hash)}</code>
              </div>
            )}
            {tx.error && <div className="tx-error">{tx.error}</div>}
          </div>
          {tx.status !== "signing" && tx.status !== "pending" && (
            <button
              type="button"
              className="link"
              onClick={() => dismissTx(tx.id)}
              aria-label={`Dismiss ${tx.label}`}
            >
              ×
            </button>
          )}
        </div>
      ))}
    </section>
  );
}

/** A labelled amount/number field with its validation message tied to it. */
export function Field({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
  inputMode,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  placeholder?: string;
  inputMode?: "decimal" | "text" | "numeric";
}) {
  const describedBy =
    [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
