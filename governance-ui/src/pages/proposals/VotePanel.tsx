/**
 * The "Votes" panel of a proposal: the tally against quorum, "You voted …" once the account has voted, and
 * while voting is open the vote form: radio group "Your vote" ("For", "Against", "Abstain"), textarea
 * "Reason (optional)", the account's power at the snapshot and button "Cast vote".
 */
import { useState } from "react";

import { type ProposalSummary, VOTE, type VoteName } from "@coverdao/core";
import { TallyBar } from "../../components/Tally";
import { formatAmount } from "../../lib/format";
import { useReadyDao } from "../../state/dao";
import type { Ballot } from "./useProposal";

const SUPPORT_NAMES = ["Against", "For", "Abstain"] as const;

export function VotePanel({
  p,
  ballot,
  power,
  canVote,
}: {
  p: ProposalSummary;
  ballot?: Ballot;
  power?: bigint;
  /** Voting is open for this proposal now. */
  canVote: boolean;
}) {
  const { wallet } = useReadyDao();
  const account = wallet.address;
  // The choice and reason live here, not in the form, so that they outlast the form's hiding (no account).
  const [support, setSupport] = useState<VoteName>("For");
  const [reason, setReason] = useState("");
  const voted = p.hasVoted || ballot !== undefined;
  return (
    <section className="panel" aria-labelledby="tally-heading">
      <h2 id="tally-heading">Votes</h2>
      <TallyBar votes={p.votes} quorum={p.quorum} label={`Tally of ${p.title}`} />
      {voted && (
        <p className="badge-voted" role="status">
          <strong>
            You voted {ballot ? SUPPORT_NAMES[ballot.support] : ""}
            {ballot ? ` with ${formatAmount(ballot.weight, 18)} votes` : ""}
          </strong>
          {ballot?.reason ? `: “${ballot.reason}”` : "."}
        </p>
      )}
      {canVote && !voted && account && (
        <VoteForm p={p} power={power} support={[support, setSupport]} reason={[reason, setReason]} />
      )}
      {canVote && !account && <p className="note">Choose an account to vote.</p>}
    </section>
  );
}

function VoteForm({
  p,
  power,
  support: [support, setSupport],
  reason: [reason, setReason],
}: {
  p: ProposalSummary;
  power?: bigint;
  support: [VoteName, (name: VoteName) => void];
  reason: [string, (reason: string) => void];
}) {
  const { send } = useReadyDao();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const value = VOTE[support];
        void send(`Vote ${support} on “${p.title}”`, (d) =>
          reason.trim()
            ? d.CoverGovernor.castVoteWithReason(p.id, value, reason.trim())
            : d.CoverGovernor.castVote(p.id, value),
        );
      }}
    >
      <fieldset>
        <legend>Your vote</legend>
        {(["For", "Against", "Abstain"] as const).map((name) => (
          <label key={name} className="radio">
            <input
              type="radio"
              name="support"
              value={name}
              checked={support === name}
              onChange={() => setSupport(name)}
            />{" "}
            {name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="vote-reason">Reason (optional)</label>
        <textarea id="vote-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </div>
      <p className="muted small">
        Your voting power at the snapshot:{" "}
        {power === undefined ? "unknown" : `${formatAmount(power, 18)} votes`}
        {power === 0n && " — power delegated after the snapshot does not count for this proposal."}
      </p>
      <button type="submit">Cast vote</button>
    </form>
  );
}
