/**
 * The temperature checks on the hub (list "Temperature check list", newest first as the hub gives them), each
 * with its state and when voting opens or ends, and the form to create one ({CreateCheck}).
 */
import { Link } from "react-router";
import { hubGet } from "@coverdao/core/snapshot";
import { ErrorNote, Loading, RequireAccount } from "../../components/ui";
import { describeDeadline, useChainNow } from "../../lib/countdown";
import { shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { useChainQuery } from "../../lib/useChainQuery";
import { CreateCheck } from "./CreateCheck";
import { HUB_POLL_MS, type HubProposal, type HubSpace } from "./hub";

export function CheckList({ hubUrl, space }: { hubUrl: string; space: HubSpace }) {
  const list = useChainQuery("temp-checks", () => hubGet<HubProposal[]>(hubUrl, "/api/proposals"), [hubUrl], {
    everyMs: HUB_POLL_MS,
  });
  // Countdowns on the chain's clock (the dev hub follows it too); signing uses the hub's own ({hubClock}).
  const now = useChainNow();
  const when = (p: HubProposal) => {
    if (p.state === "closed") return "closed";
    if (p.state === "pending")
      return now === undefined ? "voting not open yet" : `voting starts ${describeDeadline(p.start, now)}`;
    return now === undefined ? "voting open" : `voting ends ${describeDeadline(p.end, now)}`;
  };
  return (
    <>
      <ErrorNote error={list.error} />
      {!list.data && <Loading what="temperature checks" />}
      {list.data && (
        <ol className="cards" aria-label="Temperature check list">
          {list.data.length === 0 && <li className="muted">No temperature check yet.</li>}
          {list.data.map((p) => (
            <li key={p.id}>
              <article className="card">
                <header className="card-head">
                  <h2>
                    <Link to={href("temp-checks", p.id)}>{p.title}</Link>
                  </h2>
                  <span
                    className={`badge badge-${p.state === "active" ? "active" : p.state === "pending" ? "pending" : "executed"}`}
                  >
                    {p.state}
                  </span>
                </header>
                <p className="muted small">
                  by {shortAddress(p.author)} · {when(p)}
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
      <RequireAccount action="create a temperature check">
        <CreateCheck hubUrl={hubUrl} space={space} />
      </RequireAccount>
    </>
  );
}
