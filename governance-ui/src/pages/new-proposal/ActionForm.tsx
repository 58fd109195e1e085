/**
 * The fields of one action in the new-proposal form: select "Parameter family", select "Parameter", the
 * parameter's current value, bounds and setter, and input "New value" with the before/after.
 */
import type { ParameterFamily, ParameterReading } from "@coverdao/core";
import { ErrorNote, Field, Loading } from "../../components/ui";
import { editableSetter, exampleOf } from "./checks";
import type { ActionDraft } from "./useActionDraft";

export function ActionForm({ draft, touched }: { draft: ActionDraft; touched: boolean }) {
  const { families, family, readings, editable, reading } = draft;
  return (
    <>
      <div className="field">
        <label htmlFor="family">Parameter family</label>
        <select
          id="family"
          value={family}
          onChange={(e) => draft.chooseFamily(e.target.value as ParameterFamily)}
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
      {reading && <ParameterFields draft={draft} reading={reading} touched={touched} />}
    </>
  );
}

function ParameterFields({
  draft,
  reading,
  touched,
}: {
  draft: ActionDraft;
  reading: ParameterReading;
  touched: boolean;
}) {
  const { editable, value, setValue, error } = draft;
  return (
    <>
      <div className="field">
        <label htmlFor="parameter">Parameter</label>
        <select id="parameter" value={reading.key} onChange={(e) => draft.chooseParameter(e.target.value)}>
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
        error={touched || value ? error : undefined}
      />
      {!error && (
        <p className="muted" role="status">
          Before: {reading.display} → after: {value.trim()}
        </p>
      )}
    </>
  );
}
