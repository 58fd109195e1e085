/**
 * New proposal: pick a parameter family and a parameter from the core's registry (new families appear by
 * themselves), see its current value and bounds, type the new value in its unit, write the description,
 * check it with the core's validator (schema, units, bounds, an eth_call from the Timelock), see the
 * before/after — on the local chain also a full simulation (propose, vote, queue, execute on a snapshot of
 * the node, then reverted) — and submit. Or load a proposal file, validated with the same schema.
 *
 * Accessible names: select "Parameter family"; select "Parameter"; input "New value"; input "Title";
 * textarea "Description (markdown)"; button "Check proposal"; button "Simulate on the local chain";
 * button "Submit proposal"; file input "Proposal file".
 */
import { useMemo, useState } from "react";

import {
  FAMILIES,
  type ParameterFamily,
  type ParameterReading,
  ProposalError,
  type ProposalFile,
  type ResolvedProposal,
  type SimulationReport,
  UnitError,
  type DecodedAction,
  columns,
  decodeActions,
  contractInterface,
  explainError,
  formatProblem,
  isNumericUnit,
  parseNewValue,
  parseProposal,
  proposalIdOf,
  readAllParameters,
  simulateProposal,
  unitExample,
  validateProposal,
} from "@coverdao/core";
import { ErrorNote, Field, Loading, RequireAccount } from "../components/ui";
import { RiskDiff } from "../components/RiskDiff";
import { Markdown } from "../lib/markdown";
import { href, navigate } from "../lib/router";
import { useAsync } from "../lib/useAsync";
import { LOCAL_CHAIN_ID, useReadyDao } from "../state/dao";

/** A parameter the form can change: a single-value setter whose other arguments are fixed by the registry. */
export function editableSetter(reading: ParameterReading) {
  const spec = reading.parameter;
  const setter = spec.setters[0];
  // Numbers in a unit and addresses are typed in the form; lists, flags, names and enum members of
  // products are changed through a proposal file.
  if (!setter || !(isNumericUnit(spec.unit) || spec.unit.kind === "address")) return undefined;
  const fragment = contractInterface(spec.contract).getFunction(setter.function);
  if (!fragment) return undefined;
  const others = fragment.inputs.filter((input) => input.name !== setter.arg);
  if (others.some((input) => !(input.name in (setter.fixed ?? {})))) return undefined;
  return setter;
}

/**
 * Checks a typed value against the parameter's unit and bounds; returns the error in words or undefined.
 * The value is parsed by the core in the reading's own unit (a trigger price in its product's feed decimals).
 */
export function checkParameterValue(reading: ParameterReading, text: string): string | undefined {
  const unit = reading.parameter.unit;
  if (text.trim() === "") return "Enter the new value.";
  if (unit.kind === "address")
    return /^0x[0-9a-fA-F]{40}$/.test(text.trim()) ? undefined : "Enter a 0x address.";
  if (!isNumericUnit(unit)) return "This parameter is changed through a proposal file.";
  let value: bigint;
  try {
    value = parseNewValue(reading, text);
  } catch (error) {
    if (error instanceof UnitError) return error.message;
    throw error;
  }
  if (reading.bounds && (value < reading.bounds.min || value > reading.bounds.max)) {
    return `Out of bounds: must be between ${reading.bounds.display.replace(" … ", " and ")}.`;
  }
  return undefined;
}

/** How a value of the parameter's unit is written, e.g. "7 days". */
function exampleOf(reading: ParameterReading): string {
  const unit = reading.unit ?? reading.parameter.unit;
  return isNumericUnit(unit) ? unitExample(unit) : "0x…";
}

type Checked = {
  resolved: ResolvedProposal & { notes: string[] };
  source: string;
  /** The actions as the Governor will see them, decoded (trigger prices in their feed's decimals). */
  decoded: DecodedAction[];
};

export function NewProposalPage() {
  const { provider, deployment, dao, refresh, send, wallet } = useReadyDao();
  const chain = useMemo(() => ({ deployment, provider }), [deployment, provider]);
  const families = Object.entries(FAMILIES) as [ParameterFamily, string][];
  const [family, setFamily] = useState<ParameterFamily>(families[0][0]);
  const readings = useAsync(() => readAllParameters(chain, family), [chain, family, refresh]);
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [touched, setTouched] = useState(false);
  const [checked, setChecked] = useState<Checked>();
  const [problems, setProblems] = useState<string[]>([]);
  const [simulation, setSimulation] = useState<SimulationReport | string>();
  const [busy, setBusy] = useState(false);

  const editable = (readings.data ?? []).filter((r) => editableSetter(r));
  const reading = editable.find((r) => r.key === key) ?? editable[0];
  const valueError = reading ? checkParameterValue(reading, value) : "Choose a parameter.";
  const titleError = title.trim() ? undefined : "Give the proposal a title.";
  const bodyError = body.trim() ? undefined : "Explain the change: the description is what voters read.";

  async function check(file: ProposalFile, source: string) {
    setBusy(true);
    setProblems([]);
    setChecked(undefined);
    setSimulation(undefined);
    try {
      const resolved = await validateProposal(file, chain);
      setChecked({ resolved, source, decoded: await decodeActions(chain, resolved.call.actions) });
    } catch (error) {
      setProblems(error instanceof ProposalError ? error.problems.map(formatProblem) : [explainError(error)]);
    } finally {
      setBusy(false);
    }
  }

  function fromForm(): ProposalFile | undefined {
    setTouched(true);
    if (!reading || valueError || titleError || bodyError) return undefined;
    const setter = editableSetter(reading)!;
    return {
      file: "form",
      title: title.trim(),
      body: body.trim(),
      actions: [
        {
          contract: reading.parameter.contract,
          function: setter.function,
          args: { ...(setter.fixed ?? {}), [setter.arg]: value.trim() },
        },
      ],
    };
  }

  async function loadFile(fileList: FileList | null) {
    const file = fileList?.[0];
    if (!file) return;
    try {
      await check(parseProposal(await file.text(), file.name), file.name);
    } catch (error) {
      setChecked(undefined);
      setProblems(error instanceof ProposalError ? error.problems.map(formatProblem) : [explainError(error)]);
    }
  }

  async function simulate() {
    if (!checked) return;
    setBusy(true);
    try {
      setSimulation(await simulateProposal(checked.resolved, { deployment, provider }));
    } catch (error) {
      setSimulation(explainError(error));
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    if (!checked) return;
    const call = checked.resolved.call;
    const ok = await send(`Propose “${checked.resolved.title}”`, (dao) =>
      dao.CoverGovernor.propose(...columns(call.actions), call.description),
    );
    if (ok) {
      const id = await proposalIdOf(dao.CoverGovernor, call);
      navigate(href("proposals", id.toString()));
    }
  }

  return (
    <section>
      <h1>New proposal</h1>
      <div className="grid">
        <form
          className="panel"
          onSubmit={(e) => {
            e.preventDefault();
            const file = fromForm();
            if (file) void check(file, "form");
          }}
        >
          <h2>Change a parameter</h2>
          <div className="field">
            <label htmlFor="family">Parameter family</label>
            <select
              id="family"
              value={family}
              onChange={(e) => {
                setFamily(e.target.value as ParameterFamily);
                setKey("");
                setValue("");
              }}
            >
              {families.map(([name, line]) => (
                <option key={name} value={name}>
                  {name} — {line}
                </option>
              ))}
            </select>
          </div>
          <ErrorNote error={readings.error} />
          {!readings.data && readings.loading && <Loading what="the parameters" />}
          {readings.data && editable.length === 0 && (
            <p className="note">
              This family&apos;s parameters are changed through proposal files (load one on the right).
            </p>
          )}
          {reading && (
            <>
              <div className="field">
                <label htmlFor="parameter">Parameter</label>
                <select
                  id="parameter"
                  value={reading.key}
                  onChange={(e) => {
                    setKey(e.target.value);
                    setValue("");
                  }}
                >
                  {editable.map((r) => (
                    <option key={r.key} value={r.key}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </div>
              <dl className="stats">
                <div>
                  <dt>Current value</dt>
                  <dd>{reading.display}</dd>
                </div>
                <div>
                  <dt>Bounds</dt>
                  <dd>{reading.bounds?.display ?? "none"}</dd>
                </div>
                <div>
                  <dt>Set by</dt>
                  <dd>
                    <code>
                      {reading.parameter.contract}.{editableSetter(reading)?.function}
                    </code>
                  </dd>
                </div>
              </dl>
              <Field
                id="new-value"
                label="New value"
                value={value}
                onChange={setValue}
                placeholder={exampleOf(reading).replaceAll('"', "")}
                hint={
                  reading.parameter.unit.kind === "address"
                    ? "An address"
                    : `Write it with its unit, e.g. ${exampleOf(reading)}`
                }
                error={touched || value ? valueError : undefined}
              />
              {!valueError && (
                <p className="muted" role="status">
                  Before: {reading.display} → after: {value.trim()}
                </p>
              )}
            </>
          )}
          <Field
            id="title"
            label="Title"
            value={title}
            onChange={setTitle}
            error={touched ? titleError : undefined}
          />
          <div className="field">
            <label htmlFor="description">Description (markdown)</label>
            <textarea
              id="description"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-invalid={touched && bodyError ? true : undefined}
              aria-describedby={touched && bodyError ? "description-error" : undefined}
            />
            {touched && bodyError && (
              <small id="description-error" className="field-error">
                {bodyError}
              </small>
            )}
          </div>
          {body.trim() && (
            <details>
              <summary>Preview the description</summary>
              <Markdown source={body} headingOffset={2} />
            </details>
          )}
          <button type="submit" disabled={busy}>
            Check proposal
          </button>
        </form>

        <div className="panel">
          <h2>Or load a proposal file</h2>
          <p className="muted">
            A <code>proposals/*.md</code> file (YAML front matter with the title and actions, markdown body),
            checked with the same schema and units as <code>npm run proposal -- validate</code>.
          </p>
          <div className="field">
            <label htmlFor="proposal-file">Proposal file</label>
            <input
              id="proposal-file"
              type="file"
              accept=".md,text/markdown,text/plain"
              onChange={(e) => void loadFile(e.target.files)}
            />
          </div>
        </div>
      </div>

      {busy && <Loading what="the check" />}
      {problems.length > 0 && (
        <div className="banner banner-error" role="alert">
          <strong>The proposal is not valid:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}

      {checked && (
        <section className="panel" aria-labelledby="checked-heading">
          <h2 id="checked-heading">Checked: {checked.resolved.title}</h2>
          <p className="muted">
            Valid against the deployment&apos;s ABIs and bounds; each action eth_called from the Timelock
            where the contract allows it.
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
          {deployment.chainId === LOCAL_CHAIN_ID ? (
            <>
              <p className="small muted">
                The simulation runs on your local node: it takes a snapshot, proposes, votes with the top
                delegates, waits, queues and executes, reads every parameter before and after, then reverts
                the node to the snapshot.
              </p>
              <button type="button" className="secondary" disabled={busy} onClick={() => void simulate()}>
                Simulate on the local chain
              </button>
            </>
          ) : (
            <p className="note small">
              On this network the browser cannot execute as the Timelock. Run{" "}
              <code>npm run proposal -- simulate &lt;file&gt;</code> on a fork for the before/after of every
              parameter (it writes the committed <code>.simulation.md</code>).
            </p>
          )}
          {typeof simulation === "string" && <ErrorNote error={`Simulation failed: ${simulation}`} />}
          {simulation && typeof simulation !== "string" && <SimulationTable report={simulation} />}
          {simulation && typeof simulation !== "string" && <RiskDiff report={simulation} />}
          <RequireAccount action="submit the proposal">
            <div className="actions">
              <button type="button" disabled={busy || !wallet.address} onClick={() => void submit()}>
                Submit proposal
              </button>
            </div>
          </RequireAccount>
        </section>
      )}
    </section>
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
