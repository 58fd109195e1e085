/**
 * One proposal: markdown description, decoded actions with the parameters they change (current value read
 * now → value the call sets, decoded from its calldata), status timeline, tally against quorum, vote with
 * reason, queue and execute gated on state and the Timelock ETA, and "You voted …"; the temperature check of
 * the same title, with quorum counted both ways and its voters' power there and on chain ({TempCheckPanel}).
 *
 * Accessible names: radio group "Your vote" with radios "For", "Against", "Abstain"; textarea "Reason (optional)";
 * button "Cast vote"; buttons "Queue", "Execute"; region "Actions"; table "Parameter changes".
 *
 * Parts: {useProposal} (the reads), {VotePanel}, {StatusPanel}, {ActionsPanel}.
 */
import { Link } from "react-router";
import { Suspense, lazy } from "react";

import { ErrorNote, Loading } from "../../components/ui";
import { StateBadge } from "../../components/Tally";
import { useChainNow } from "../../lib/countdown";
import { shortAddress } from "../../lib/format";
import { Markdown } from "../../lib/markdown";
import { href } from "../../lib/router";
import { nextAction } from "../../lib/tally";
import { ActionsPanel } from "./ActionsPanel";
import { StatusPanel } from "./StatusPanel";
import { VotePanel } from "./VotePanel";
import { useProposal } from "./useProposal";

// The panel reads the Snapshot hub through snapshot.js (large): it loads after the page, in its own chunk, and
// renders nothing until then (as it does when there is no hub or no check of the title).
const TempCheckPanel = lazy(() =>
  import("../../components/TempCheckPanel").then((m) => ({ default: m.TempCheckPanel })),
);

/** The description without its first heading when that heading is the title (shown as the page's h1). */
export function bodyOf(description: string, title: string): string {
  const lines = description.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first >= 0 && lines[first].replace(/^#+\s*/, "").trim() === title)
    return lines.slice(first + 1).join("\n");
  return description;
}

export function ProposalPage({ id }: { id: string }) {
  const state = useProposal(id);
  const now = useChainNow(state.data?.timestamp, state.readAt);

  if (!state.data) return state.error ? <ErrorNote error={state.error} /> : <Loading what="the proposal" />;
  const { proposal: p, actions, ballot, power, changes } = state.data;
  if (!p) {
    return (
      <section>
        <h1>Proposal not found</h1>
        <p>
          The Governor has no proposal with id {id}. <Link to={href("proposals")}>Back to proposals</Link>
        </p>
      </section>
    );
  }
  const action = now === undefined ? undefined : nextAction(p.state, p.eta, now);

  return (
    <article>
      <p>
        <Link to={href("proposals")}>← Proposals</Link>
      </p>
      <div className="page-head">
        <h1>{p.title}</h1>
        <StateBadge state={p.state} />
      </div>
      <p className="muted small">
        Proposed by <span title={p.proposer}>{shortAddress(p.proposer)}</span> in block {p.blockNumber} · id{" "}
        <code title={p.id.toString()}>{shortAddress(p.id.toString())}</code>
      </p>

      <div className="grid">
        <VotePanel p={p} ballot={ballot} power={power} canVote={action?.kind === "vote"} />
        <StatusPanel p={p} now={now} action={action} />
      </div>

      <Suspense fallback={null}>
        <TempCheckPanel title={p.title} voteStart={p.voteStart} />
      </Suspense>
      <ActionsPanel actions={actions} changes={changes} state={p.state} />

      <section className="panel" aria-labelledby="description-heading">
        <h2 id="description-heading">Description</h2>
        <Markdown source={bodyOf(p.description, p.title)} headingOffset={2} />
      </section>
    </article>
  );
}
