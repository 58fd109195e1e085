/**
 * The "Status" panel of a proposal: list "Timeline", and buttons "Queue" and "Execute" gated on the state and
 * the Timelock's ETA ({nextAction}).
 */
import { type ProposalSummary, descriptionHash } from "@coverdao/core";
import { describeDeadline } from "../../lib/countdown";
import { formatDuration } from "../../lib/format";
import type { ProposalAction } from "../../lib/tally";
import { useReadyDao } from "../../state/dao";

export function StatusPanel({
  p,
  now,
  action,
}: {
  p: ProposalSummary;
  now?: bigint;
  action?: ProposalAction;
}) {
  const { wallet, send } = useReadyDao();
  const account = wallet.address;
  const args = [p.targets, p.values, p.calldatas, descriptionHash(p.description)] as const;
  return (
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
                  value: p.values.reduce((sum, value) => sum + value, 0n),
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
