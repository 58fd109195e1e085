/**
 * One proposal: markdown description, decoded actions with the parameters they change (current value read
 * now → value the call sets, decoded from its calldata), status timeline, tally against quorum, vote with
 * reason, queue and execute gated on state and the Timelock ETA, and "You voted …"; the temperature check of
 * the same title, with quorum counted both ways and its voters' power there and on chain ({TempCheckPanel}).
 *
 * Accessible names: radio group "Your vote" with radios "For", "Against", "Abstain"; textarea "Reason (optional)";
 * button "Cast vote"; buttons "Queue", "Execute"; region "Actions"; table "Parameter changes".
 */
import { useState } from "react";

import {
  type ChangeRow,
  type Chain,
  type DecodedAction,
  changeRows,
  decodeActions,
  VOTE,
  type VoteName,
  descriptionHash,
  formatParameter,
  readParameter,
  readProposal,
  readingUnit,
} from "@coverdao/core";
import { ErrorNote, Loading } from "../components/ui";
import { StateBadge, TallyBar } from "../components/Tally";
import { TempCheckPanel } from "../components/TempCheckPanel";
import { describeDeadline, useChainNow } from "../lib/countdown";
import { formatAmount, formatDuration, shortAddress } from "../lib/format";
import { Markdown } from "../lib/markdown";
import { href } from "../lib/router";
import { nextAction } from "../lib/tally";
import { useAsync } from "../lib/useAsync";
import { useReadyDao } from "../state/dao";

const SUPPORT_NAMES = ["Against", "For", "Abstain"] as const;

/** The description without its first heading when that heading is the title (shown as the page's h1). */
export function bodyOf(description: string, title: string): string {
  const lines = description.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first >= 0 && lines[first].replace(/^#+\s*/, "").trim() === title)
    return lines.slice(first + 1).join("\n");
  return description;
}

interface Ballot {
  support: number;
  weight: bigint;
  reason: string;
}

export function ProposalPage({ id }: { id: string }) {
  const { provider, deployment, dao, wallet, refresh, send } = useReadyDao();
  let proposalId: bigint | undefined;
  try {
    proposalId = BigInt(id);
  } catch {
    proposalId = undefined;
  }
  const account = wallet.address;
  const state = useAsync(async () => {
    if (proposalId === undefined) throw new Error(`"${id}" is not a proposal id.`);
    const read = await readProposal(provider, deployment, proposalId, account);
    const p = read.proposal;
    if (!p)
      return {
        ...read,
        actions: [],
        ballot: undefined,
        power: undefined,
        changes: [] as ChangeRow[],
      };
    const chain = { deployment, provider };
    const actions = await decodeActions(
      chain,
      p.targets.map((target, i) => ({ target, value: p.values[i], calldata: p.calldatas[i] })),
    );
    const [ballot, power, currentByAction] = await Promise.all([
      account ? ballotOf(p.id, account, p.blockNumber) : undefined,
      account && read.timestamp > p.voteStart
        ? dao.CoverGovernor.getVotes(account, p.voteStart).catch(() => undefined)
        : undefined,
      Promise.all(actions.map((a) => currentValues(chain, a))),
    ]);
    const changes = actions.flatMap((a, i) => changeRows(a, i, currentByAction[i]));
    return { ...read, actions, ballot, power, changes };
  }, [provider, deployment, id, account, refresh]);

  async function ballotOf(pid: bigint, voter: string, fromBlock: number): Promise<Ballot | undefined> {
    const governor = dao.CoverGovernor;
    const logs = await governor.queryFilter(governor.filters.VoteCast(voter), fromBlock);
    const log = logs.find((l) => l.args.proposalId === pid);
    return log
      ? { support: Number(log.args.support), weight: log.args.weight, reason: log.args.reason }
      : undefined;
  }

  const now = useChainNow(state.data?.timestamp, state.readAt);
  const [support, setSupport] = useState<VoteName>("For");
  const [reason, setReason] = useState("");

  if (!state.data) return state.error ? <ErrorNote error={state.error} /> : <Loading what="the proposal" />;
  const { proposal: p, actions, ballot, power, changes } = state.data;
  if (!p) {
    return (
      <section>
        <h1>Proposal not found</h1>
        <p>
          The Governor has no proposal with id {id}. <a href={href("proposals")}>Back to proposals</a>
        </p>
      </section>
    );
  }
  const call = {
    actions: p.targets.map((target, i) => ({ target, value: p.values[i], calldata: p.calldatas[i] })),
    description: p.description,
  };
  const args = [p.targets, p.values, p.calldatas, descriptionHash(p.description)] as const;
  const action = now === undefined ? undefined : nextAction(p.state, p.eta, now);
  const voted = p.hasVoted || ballot !== undefined;
  const shownChanges = changes.filter((c) => !c.unchanged);
  const unchanged = changes.length - shownChanges.length;

  return (
    <article>
      <p>
        <a href={href("proposals")}>← Proposals</a>
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
          {action?.kind === "vote" && !voted && account && (
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
                <textarea
                  id="vote-reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  rows={3}
                />
              </div>
              <p className="muted small">
                Your voting power at the snapshot:{" "}
                {power === undefined ? "unknown" : `${formatAmount(power, 18)} votes`}
                {power === 0n && " — power delegated after the snapshot does not count for this proposal."}
              </p>
              <button type="submit">Cast vote</button>
            </form>
          )}
          {action?.kind === "vote" && !account && <p className="note">Choose an account to vote.</p>}
        </section>

        <section className="panel" aria-labelledby="status-heading">
          <h2 id="status-heading">Status</h2>
          {now !== undefined && <Timeline p={p} now={now} />}
          {action?.kind === "queue" && (
            <button
              type="button"
              disabled={!account}
              onClick={() => void send(`Queue “${p.title}”`, (d) => d.CoverGovernor.queue(...args))}
            >
              Queue
            </button>
          )}
          {action?.kind === "execute" && (
            <>
              <p role="status">
                {action.waitSeconds > 0
                  ? `The Timelock delay runs out in ${formatDuration(action.waitSeconds)}; anyone can execute then.`
                  : "The Timelock delay is over: anyone can execute."}
              </p>
              <button
                type="button"
                disabled={!account || action.waitSeconds > 0}
                onClick={() =>
                  void send(`Execute “${p.title}”`, (d) =>
                    d.CoverGovernor.execute(...args, {
                      value: call.actions.reduce((sum, a) => sum + a.value, 0n),
                    }),
                  )
                }
              >
                Execute
              </button>
            </>
          )}
          {action?.kind === "none" && <p>{action.reason}</p>}
        </section>
      </div>

      <TempCheckPanel title={p.title} voteStart={p.voteStart} />

      <section className="panel" aria-label="Actions">
        <h2>Actions</h2>
        <ol>
          {actions.map((a, i) => (
            <li key={i}>
              <ActionView action={a} />
            </li>
          ))}
        </ol>
        {changes.length > 0 && (
          <div className="table-wrap">
            <table aria-label="Parameter changes">
              <caption className="muted small">
                Current value read from the chain now; new value decoded from the action&apos;s calldata (not
                an execution simulation
                {p.state === "Executed" ? " — executed: the current value should equal the new one" : ""}).
                {unchanged > 0 &&
                  ` ${unchanged} other field${unchanged === 1 ? "" : "s"} of the same call keep${unchanged === 1 ? "s" : ""} ${unchanged === 1 ? "its" : "their"} value.`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Parameter</th>
                  <th scope="col">Current</th>
                  <th scope="col">New</th>
                </tr>
              </thead>
              <tbody>
                {shownChanges.map((c) => (
                  <tr key={c.key}>
                    <td>{c.label}</td>
                    <td>{c.current ?? "—"}</td>
                    <td>{c.display}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="description-heading">
        <h2 id="description-heading">Description</h2>
        <Markdown source={bodyOf(p.description, p.title)} headingOffset={2} />
      </section>
    </article>
  );
}

function ActionView({ action: a }: { action: DecodedAction }) {
  if (!a.function) {
    return (
      <div>
        <strong>{a.contract ?? a.target}</strong>: calldata not decodable with the known ABIs{" "}
        <code className="small">{a.calldata.slice(0, 74)}…</code>
      </div>
    );
  }
  return (
    <div>
      <strong>
        {a.contract}.{a.function}
      </strong>
      {a.value > 0n && ` (sends ${formatAmount(a.value, 18)} ETH)`}
      <dl className="args">
        {a.args.map((arg) => (
          <div key={arg.name}>
            <dt>{arg.name}</dt>
            <dd>
              {arg.display}
              {arg.display !== arg.raw && <span className="muted small"> ({arg.raw})</span>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function Timeline({
  p,
  now,
}: {
  p: { state: string; blockNumber: number; voteStart: bigint; deadline: bigint; eta: bigint };
  now: bigint;
}) {
  const order = ["Created", "Voting", "Succeeded", "Queued", "Executed"];
  const reached = (step: string): "done" | "current" | "" => {
    const s = p.state;
    const index =
      { Pending: 0, Active: 1, Defeated: 1, Succeeded: 2, Queued: 3, Expired: 3, Executed: 4, Canceled: 0 }[
        s
      ] ?? 0;
    const i = order.indexOf(step);
    if (i < index) return "done";
    if (i === index) return s === "Executed" ? "done" : "current";
    return "";
  };
  return (
    <ol className="timeline" aria-label="Timeline">
      <li className={reached("Created")}>Created in block {p.blockNumber}</li>
      <li className={reached("Voting")}>
        Voting{" "}
        {now < p.voteStart
          ? `starts ${describeDeadline(p.voteStart, now)}`
          : `started ${describeDeadline(p.voteStart, now)}`}
        ; {now < p.deadline ? "ends" : "ended"} {describeDeadline(p.deadline, now)}
      </li>
      {p.state === "Defeated" && <li className="current">Defeated</li>}
      {p.state === "Canceled" && <li className="current">Canceled</li>}
      <li className={reached("Succeeded")}>Succeeded</li>
      <li className={reached("Queued")}>
        Queued in the Timelock{p.eta > 0n ? `; executable ${describeDeadline(p.eta, now)}` : ""}
      </li>
      {p.state === "Expired" && <li className="current">Expired</li>}
      <li className={reached("Executed")}>Executed</li>
    </ol>
  );
}

/** The current value of each parameter `action` sets, read for the item it names (undefined: a new item). */
async function currentValues(chain: Chain, action: DecodedAction): Promise<(string | undefined)[]> {
  return Promise.all(
    action.parameters.map(async ({ spec }) => {
      const index = spec.index && action.args.find((arg) => arg.name === spec.index?.arg)?.raw;
      if (spec.index && !index) return undefined;
      const id = index ? BigInt(index) : undefined;
      const [value, unit] = await Promise.all([readParameter(chain, spec, id), readingUnit(chain, spec, id)]);
      return formatParameter(chain, spec, value, unit);
    }),
  );
}
