/**
 * Region "Actions" of a proposal: each action decoded (contract, function, named arguments, never raw hex
 * alone), and table "Parameter changes" with the current value read now beside the value the call sets.
 */
import type { ChangeRow, DecodedAction, ProposalStateName } from "@coverdao/core";
import { formatAmount } from "../../lib/format";

export function ActionsPanel({
  actions,
  changes,
  state,
}: {
  actions: DecodedAction[];
  changes: ChangeRow[];
  state: ProposalStateName;
}) {
  return (
    <section className="panel" aria-label="Actions">
      <h2>Actions</h2>
      <ol>
        {actions.map((a, i) => (
          <li key={i}>
            <ActionView action={a} />
          </li>
        ))}
      </ol>
      {changes.length > 0 && <ParameterChanges changes={changes} executed={state === "Executed"} />}
    </section>
  );
}

function ParameterChanges({ changes, executed }: { changes: ChangeRow[]; executed: boolean }) {
  const shownChanges = changes.filter((c) => !c.unchanged);
  const unchanged = changes.length - shownChanges.length;
  return (
    <div className="table-wrap">
      <table aria-label="Parameter changes">
        <caption className="muted small">
          Current value read from the chain now; new value decoded from the action&apos;s calldata (not an
          execution simulation
          {executed ? " — executed: the current value should equal the new one" : ""}).
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
