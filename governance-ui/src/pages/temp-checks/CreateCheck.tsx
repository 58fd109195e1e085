/**
 * The form "New temperature check": file input "Draft file" (fills the form from a proposal file), input
 * "Title", textarea "Body (markdown)" and button "Create temperature check", signed with snapshot.js and posted
 * to the hub; then the new check's page opens.
 */
import { useState } from "react";
import { useNavigate } from "react-router";

import { parseProposal } from "@coverdao/core";
import { SnapshotClient, hubClock } from "@coverdao/core/snapshot";
import { Field } from "../../components/ui";
import { href } from "../../lib/router";
import { useReadyDao } from "../../state/dao";
import type { HubSpace } from "./hub";

export function CreateCheck({ hubUrl, space }: { hubUrl: string; space: HubSpace }) {
  const { provider, getSigner, reload } = useReadyDao();
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function create() {
    setError(undefined);
    if (!title.trim() || !body.trim()) {
      setError("Give the check a title and a body.");
      return;
    }
    setBusy(true);
    try {
      const client = new SnapshotClient({ signer: await getSigner(), hubUrl, now: await hubClock(hubUrl) });
      const snapshot = await provider.getBlockNumber();
      const receipt = await client.createTempCheck({
        space: space.id,
        title: title.trim(),
        body: body.trim(),
        snapshot,
        voting: space.settings.voting,
      });
      reload();
      void navigate(href("temp-checks", receipt.id));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h2>New temperature check</h2>
      <DraftFileField
        onDraft={(draft) => {
          setTitle(draft.title);
          setBody(draft.body);
          setError(undefined);
        }}
        onError={setError}
      />
      <Field id="tc-title" label="Title" value={title} onChange={setTitle} />
      <div className="field">
        <label htmlFor="tc-body">Body (markdown)</label>
        <textarea id="tc-body" value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <p className="muted small">
        Voting opens after {Math.round(space.settings.voting.delay / 3600)} h and lasts{" "}
        {Math.round(space.settings.voting.period / 86400)} days; power is read at the current block (an
        on-chain proposal reads it at its creation plus the voting delay). Choices: For, Against, Abstain.
        Quorum counts every vote here, as on Snapshot; the Governor counts For + Abstain only.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Create temperature check
      </button>
    </form>
  );
}

/** File input "Draft file": a proposal file's title and description, parsed with the core's schema. */
function DraftFileField({
  onDraft,
  onError,
}: {
  onDraft(draft: { title: string; body: string }): void;
  onError(error: string): void;
}) {
  return (
    <div className="field">
      <label htmlFor="draft-file">Draft file</label>
      <input
        id="draft-file"
        type="file"
        accept=".md,text/markdown,text/plain"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          try {
            onDraft(parseProposal(await file.text(), file.name));
          } catch (err) {
            onError((err as Error).message);
          }
        }}
      />
      <small className="muted">
        Optional: fill the check from a proposal file&apos;s title and description.
      </small>
    </div>
  );
}
