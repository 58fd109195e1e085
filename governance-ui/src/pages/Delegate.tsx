/**
 * Delegate: give your voting power to yourself or to someone else, in one click.
 *
 * Accessible names: button "Delegate to myself"; input "Delegate address"; button "Delegate".
 */
import { ZeroAddress, getAddress, isAddress } from "ethers";
import { useState } from "react";

import { readAccount } from "@coverdao/core";
import { Address, ErrorNote, Field, Loading, RequireAccount } from "../components/ui";
import { formatAmount } from "../lib/format";
import { useAsync } from "../lib/useAsync";
import { useReadyDao } from "../state/dao";

/** A delegate address typed by the user: checksum-tolerant, with the mistake named. */
export function checkDelegate(text: string): { ok: true; address: string } | { ok: false; error: string } {
  const value = text.trim();
  if (!value) return { ok: false, error: "Enter the address to delegate to." };
  if (!/^0x[0-9a-fA-F]{40}$/.test(value))
    return { ok: false, error: "That is not an address: 0x followed by 40 hex digits." };
  if (!isAddress(value))
    return {
      ok: false,
      error: "The address's letter case does not match its checksum: check it, or type it in lower case.",
    };
  if (getAddress(value) === ZeroAddress)
    return { ok: false, error: "Delegating to the zero address would throw your votes away." };
  return { ok: true, address: getAddress(value) };
}

export function DelegatePage() {
  return (
    <section>
      <h1>Delegate</h1>
      <p>
        Your COVER — held or staked — only votes once it is delegated: to yourself to vote directly, or to a
        delegate you trust.{" "}
        <strong>Only power delegated before a proposal&apos;s snapshot counts for that proposal</strong>:
        delegating now changes your weight on proposals created from the next block on, not on those already
        open.
      </p>
      <RequireAccount action="delegate">
        <DelegateForm />
      </RequireAccount>
    </section>
  );
}

function DelegateForm() {
  const { provider, deployment, wallet, refresh, send } = useReadyDao();
  const account = wallet.address!;
  const state = useAsync(
    () => readAccount(provider, deployment, account),
    [provider, deployment, account, refresh],
  );
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  if (!state.data)
    return state.error ? <ErrorNote error={state.error} /> : <Loading what="your delegation" />;
  const a = state.data;
  const check = checkDelegate(text);
  const self = a.delegate.toLowerCase() === account.toLowerCase();
  return (
    <>
      <dl className="stats panel">
        <div>
          <dt>Held</dt>
          <dd>{formatAmount(a.balance, 18)} COVER</dd>
        </div>
        <div>
          <dt>Staked</dt>
          <dd>{formatAmount(a.stake, 18)} COVER</dd>
        </div>
        <div>
          <dt>Votes you can cast</dt>
          <dd>{formatAmount(a.votes, 18)}</dd>
        </div>
        <div>
          <dt>Your delegate</dt>
          <dd>
            {a.delegate === ZeroAddress ? (
              "nobody yet: your tokens do not vote"
            ) : self ? (
              "yourself"
            ) : (
              <Address address={a.delegate} />
            )}
          </dd>
        </div>
      </dl>
      <div className="grid">
        <div className="panel">
          <h2>Vote yourself</h2>
          <button
            type="button"
            disabled={self}
            onClick={() => void send("Delegate to myself", (dao) => dao.GovernanceToken.delegate(account))}
          >
            Delegate to myself
          </button>
          {self && <p className="muted">You already vote with your own tokens.</p>}
        </div>
        <form
          className="panel"
          onSubmit={async (e) => {
            e.preventDefault();
            setTouched(true);
            if (!check.ok) return;
            const to = check.address;
            if (await send(`Delegate to ${to.slice(0, 8)}…`, (dao) => dao.GovernanceToken.delegate(to))) {
              setText("");
              setTouched(false);
            }
          }}
        >
          <h2>Delegate to someone else</h2>
          <Field
            id="delegate-address"
            label="Delegate address"
            value={text}
            onChange={setText}
            placeholder="0x…"
            error={touched && !check.ok ? check.error : undefined}
          />
          <button type="submit">Delegate</button>
        </form>
      </div>
    </>
  );
}
