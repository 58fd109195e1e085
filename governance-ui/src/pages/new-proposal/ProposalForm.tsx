/**
 * The "Change a parameter" form: one action ({ActionForm}), input "Title", textarea "Description (markdown)"
 * with a preview, and button "Check proposal", which hands the proposal file it builds to `onCheck`.
 */
import { useState } from "react";

import type { Chain, ProposalFile } from "@coverdao/core";
import { Field } from "../../components/ui";
import { Markdown } from "../../lib/markdown";
import { ActionForm } from "./ActionForm";
import { useActionDraft } from "./useActionDraft";

export function ProposalForm({
  chain,
  busy,
  onCheck,
}: {
  chain: Chain;
  busy: boolean;
  onCheck(file: ProposalFile): void;
}) {
  const draft = useActionDraft(chain);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [touched, setTouched] = useState(false);
  const titleError = title.trim() ? undefined : "Give the proposal a title.";
  const bodyError = body.trim() ? undefined : "Explain the change: the description is what voters read.";

  function fromForm(): ProposalFile | undefined {
    setTouched(true);
    const action = draft.action();
    if (!action || titleError || bodyError) return undefined;
    return { file: "form", title: title.trim(), body: body.trim(), actions: [action] };
  }

  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        const file = fromForm();
        if (file) onCheck(file);
      }}
    >
      <h2>Change a parameter</h2>
      <ActionForm draft={draft} touched={touched} />
      <Field
        id="title"
        label="Title"
        value={title}
        onChange={setTitle}
        error={touched ? titleError : undefined}
      />
      <DescriptionField body={body} setBody={setBody} error={touched ? bodyError : undefined} />
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
  );
}

function DescriptionField({
  body,
  setBody,
  error,
}: {
  body: string;
  setBody(body: string): void;
  error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor="description">Description (markdown)</label>
      <textarea
        id="description"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "description-error" : undefined}
      />
      {error && (
        <small id="description-error" className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
