/**
 * The account's delegation: what it holds and who votes with it, button "Delegate to myself", and the form to
 * delegate to another address.
 */
import { ZeroAddress } from "ethers";

import { type AccountView, readAccount } from "@coverdao/core";
import { CheckedForm } from "../../components/CheckedForm";
import { Address, ErrorNote, Loading } from "../../components/ui";
import { formatAmount } from "../../lib/format";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { checkDelegate } from "./checks";

export function DelegateForm() {
  const { provider, deployment, wallet, send } = useReadyDao();
  const account = wallet.address!;
  const state = useChainQuery("delegation", () => readAccount(provider, deployment, account), [
    provider,
    deployment,
    account,
  ]);
  if (!state.data)
    return state.error ? <ErrorNote error={state.error} /> : <Loading what="your delegation" />;
  const a = state.data;
  const self = a.delegate.toLowerCase() === account.toLowerCase();
  return (
    <>
      <DelegationStats a={a} self={self} />
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
        <DelegateToForm />
      </div>
    </>
  );
}

function DelegationStats({ a, self }: { a: AccountView; self: boolean }) {
  return (
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
  );
}

function DelegateToForm() {
  const { send } = useReadyDao();
  return (
    <CheckedForm
      className="panel"
      heading="Delegate to someone else"
      field={{ id: "delegate-address", label: "Delegate address", placeholder: "0x…" }}
      check={(text) => {
        const check = checkDelegate(text);
        return check.ok ? { ok: true, value: check.address } : check;
      }}
      button="Delegate"
      submit={(to) => send(`Delegate to ${to.slice(0, 8)}…`, (dao) => dao.GovernanceToken.delegate(to))}
    />
  );
}
