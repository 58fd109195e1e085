/**
 * One temperature check: table "Results", description list "Quorum" counted both ways, status "Your voting
 * power", "You voted …", and while it is active the vote form (radio group "Your choice", textarea "Reason
 * (optional)", button "Sign vote"); then its description.
 */
import { Link } from "react-router";
import { useState } from "react";

import { QUORUM_RULES, SnapshotClient, type StoredVote, hubClock, hubGet } from "@coverdao/core/snapshot";
import { ErrorNote, Loading, RequireAccount } from "../../components/ui";
import { describeDeadline, useChainNow } from "../../lib/countdown";
import { formatAmount, shortAddress } from "../../lib/format";
import { Markdown } from "../../lib/markdown";
import { href } from "../../lib/router";
import { percentOf } from "../../lib/tally";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { HUB_POLL_MS, type HubProposal, type HubResults } from "./hub";

export function CheckPage({ id, hubUrl }: { id: string; hubUrl: string }) {
  const { wallet } = useReadyDao();
  const data = useChainQuery(
    "temp-check",
    async () => {
      const [proposal, results, votes] = await Promise.all([
        hubGet<HubProposal>(hubUrl, `/api/proposals/${encodeURIComponent(id)}`),
        hubGet<HubResults>(hubUrl, `/api/proposals/${encodeURIComponent(id)}/results`),
        hubGet<StoredVote[]>(hubUrl, `/api/proposals/${encodeURIComponent(id)}/votes`),
      ]);
      return { proposal, results, votes };
    },
    [hubUrl, id],
    { everyMs: HUB_POLL_MS },
  );
  const now = useChainNow();
  // The choice and reason live here, not in the form, so that they outlast the form's hiding (no account).
  const choice = useState(1);
  const reason = useState("");
  if (!data.data)
    return data.error ? <ErrorNote error={data.error} /> : <Loading what="the temperature check" />;
  const { proposal: p, results, votes } = data.data;
  const mine = votes.find((v) => v.voter.toLowerCase() === wallet.address?.toLowerCase());
  return (
    <article>
      <p>
        <Link to={href("temp-checks")}>← Temperature checks</Link>
      </p>
      <div className="page-head">
        <h2>{p.title}</h2>
        <span className="badge">{p.state}</span>
      </div>
      <p className="muted small">
        by {shortAddress(p.author)} · snapshot block {p.snapshot} · quorum {p.quorum.toLocaleString("en-US")}{" "}
        COVER
      </p>
      <CheckResults check={p} results={results} />
      <MyPower check={p} voted={mine?.vpWei} />
      {mine && (
        <p className="badge-voted" role="status">
          You voted {p.choices[mine.choice - 1]}
          {mine.reason ? `: “${mine.reason}”` : "."}
        </p>
      )}
      {p.state === "active" && (
        <RequireAccount action="vote">
          <CheckVoteForm check={p} hubUrl={hubUrl} choice={choice} reason={reason} />
        </RequireAccount>
      )}
      {p.state === "pending" && now !== undefined && (
        <p className="note">Voting starts {describeDeadline(p.start, now)}.</p>
      )}
      <section className="panel">
        <h3>Description</h3>
        <Markdown source={p.body} headingOffset={3} />
      </section>
    </article>
  );
}

/** Table "Results" (votes and share per choice), the vote count, and quorum as Snapshot and the Governor count it. */
function CheckResults({ check: p, results }: { check: HubProposal; results: HubResults }) {
  const total = BigInt(results.scoresTotalWei);
  const share = (i: number) => percentOf(BigInt(results.scoresWei[i] ?? "0"), total);
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Results">
          <thead>
            <tr>
              <th scope="col">Choice</th>
              <th scope="col">Votes</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {results.choices.map((c, i) => (
              <tr key={c}>
                <td>{c}</td>
                <td>{formatAmount(BigInt(results.scoresWei[i] ?? "0"), 18, 0)}</td>
                <td>
                  <svg viewBox="0 0 100 6" width="120" height="8" role="img" aria-label={`${c} ${share(i)}%`}>
                    <rect width="100" height="6" fill="var(--track)" />
                    <rect
                      width={share(i)}
                      height="6"
                      fill={["var(--for)", "var(--against)", "var(--abstain)"][i] ?? "var(--accent)"}
                    />
                  </svg>{" "}
                  {share(i)}%
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {results.votes} vote{results.votes === 1 ? "" : "s"}
      </p>
      <dl className="small" aria-label="Quorum">
        <dt>Quorum, counting {QUORUM_RULES.snapshot}</dt>
        <dd>
          {formatAmount(BigInt(results.quorumVotesWei), 18, 0)} of {p.quorum.toLocaleString("en-US")} COVER:{" "}
          {results.quorumReached ? "reached" : "not reached"}
        </dd>
        <dt>On chain, the Governor counts {QUORUM_RULES.governor}</dt>
        <dd>
          {formatAmount(BigInt(results.governorQuorumVotesWei), 18, 0)} of {p.quorum.toLocaleString("en-US")}{" "}
          COVER: {results.governorQuorumReached ? "reached" : "not reached"}
        </dd>
      </dl>
      {results.passing !== results.governorPassing && (
        <p className="note" role="note">
          These votes {results.passing ? "pass" : "fail"} here but would{" "}
          {results.governorPassing ? "pass" : "fail"} on chain: Against votes count towards Snapshot&apos;s
          quorum, not the Governor&apos;s.
        </p>
      )}
    </>
  );
}

/** The vote form, signed with snapshot.js on the hub's clock ({hubClock}). */
function CheckVoteForm({
  check: p,
  hubUrl,
  choice: [choice, setChoice],
  reason: [reason, setReason],
}: {
  check: HubProposal;
  hubUrl: string;
  choice: [number, (choice: number) => void];
  reason: [string, (reason: string) => void];
}) {
  const { getSigner, reload } = useReadyDao();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="panel"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          const signer = await getSigner();
          const clock = await hubClock(hubUrl);
          await new SnapshotClient({ signer, hubUrl, now: clock }).vote(p.space, p.id, choice, reason.trim());
          reload();
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset>
        <legend>Your choice</legend>
        {p.choices.map((c, i) => (
          <label key={c} className="radio">
            <input
              type="radio"
              name="tc-choice"
              checked={choice === i + 1}
              onChange={() => setChoice(i + 1)}
            />{" "}
            {c}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="tc-reason">Reason (optional)</label>
        <textarea id="tc-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Sign vote
      </button>
    </form>
  );
}

/**
 * The connected account's power in this check (at its snapshot block) beside its on-chain votes now: an on-chain
 * proposal reads power at its creation plus the voting delay, so power moved since the check's block counts
 * there and not here.
 */
function MyPower({ check, voted }: { check: HubProposal; voted?: string }) {
  const { dao, wallet } = useReadyDao();
  const account = wallet.address;
  const power = useChainQuery(
    "temp-check-power",
    async () => {
      if (!account) return undefined;
      const [here, now] = await Promise.all([
        voted !== undefined
          ? BigInt(voted)
          : dao.GovernanceToken.getVotes(account, { blockTag: check.snapshot }),
        dao.GovernanceToken.getVotes(account),
      ]);
      return { here, now };
    },
    [account, check.snapshot, voted],
  );
  if (!account || !power.data) return null;
  const { here, now } = power.data;
  return (
    <p className="small" role="status" aria-label="Your voting power">
      Your power in this check (block {check.snapshot}): {formatAmount(here, 18, 0)} COVER; your on-chain
      votes now: {formatAmount(now, 18, 0)} COVER.
      {here !== now &&
        " They differ: an on-chain proposal counts the power held at its creation plus the voting delay, not at this block."}
    </p>
  );
}
