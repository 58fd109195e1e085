/**
 * A checked proposal: its notes and decoded actions, the simulation (on the local chain) with table
 * "Simulated parameter changes", and button "Submit proposal".
 */
import type { SimulationReport } from "@coverdao/core";
import { RiskDiff } from "../../components/RiskDiff";
import { ErrorNote, RequireAccount } from "../../components/ui";
import { LOCAL_CHAIN_ID, useReadyDao } from "../../state/dao";
import type { useProposalCheck } from "./useProposalCheck";

export function CheckedProposal({ proposal }: { proposal: ReturnType<typeof useProposalCheck> }) {
  const { wallet } = useReadyDao();
  const { checked, simulation, busy } = proposal;
  if (!checked) return null;
  return (
    <section className="panel" aria-labelledby="checked-heading">
      <h2 id="checked-heading">Checked: {checked.resolved.title}</h2>
      <p className="muted">
        Valid against the deployment&apos;s ABIs and bounds; each action eth_called from the Timelock where
        the contract allows it.
      </p>
      {checked.resolved.notes.map((note) => (
        <p key={note} className="note small">
          {note}
        </p>
      ))}
      <ol>
        {checked.decoded.map((d, i) => {
          return (
            <li key={i}>
              <strong>
                {d.contract}.{d.function}
              </strong>{" "}
              {d.args.map((arg) => `${arg.name}: ${arg.display}`).join(", ")}
            </li>
          );
        })}
      </ol>
      <SimulateControls busy={busy} simulate={proposal.simulate} />
      {typeof simulation === "string" && <ErrorNote error={`Simulation failed: ${simulation}`} />}
      {simulation && typeof simulation !== "string" && <SimulationTable report={simulation} />}
      {simulation && typeof simulation !== "string" && <RiskDiff report={simulation} />}
      <RequireAccount action="submit the proposal">
        <div className="actions">
          <button type="button" disabled={busy || !wallet.address} onClick={() => void proposal.submit()}>
            Submit proposal
          </button>
        </div>
      </RequireAccount>
    </section>
  );
}

/** Button "Simulate on the local chain" there; elsewhere, how to simulate on a fork. */
function SimulateControls({ busy, simulate }: { busy: boolean; simulate(): Promise<void> }) {
  const { deployment } = useReadyDao();
  if (deployment.chainId !== LOCAL_CHAIN_ID) {
    return (
      <p className="note small">
        On this network the browser cannot execute as the Timelock. Run{" "}
        <code>npm run proposal -- simulate &lt;file&gt;</code> on a fork for the before/after of every
        parameter (it writes the committed <code>.simulation.md</code>).
      </p>
    );
  }
  return (
    <>
      <p className="small muted">
        The simulation runs on your local node: it takes a snapshot, proposes, votes with the top delegates,
        waits, queues and executes, reads every parameter before and after, then reverts the node to the
        snapshot.
      </p>
      <button type="button" className="secondary" disabled={busy} onClick={() => void simulate()}>
        Simulate on the local chain
      </button>
    </>
  );
}

function SimulationTable({ report }: { report: SimulationReport }) {
  const rows = report.rows.filter((r) => r.changed);
  return (
    <div className="table-wrap">
      <table aria-label="Simulated parameter changes">
        <caption className="small muted">
          Simulated on the local chain (then reverted): {report.steps.join(" · ")}
        </caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Bounds</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={4}>No registry parameter changed.</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td>{r.before}</td>
              <td>{r.after}</td>
              <td>{r.bounds ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
