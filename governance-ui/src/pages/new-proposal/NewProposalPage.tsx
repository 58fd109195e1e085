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
 *
 * Parts: {ProposalForm} (with {ActionForm}), the file loader below, {CheckedProposal}; the steps in
 * {useProposalCheck}.
 */
import { useMemo } from "react";

import { Loading } from "../../components/ui";
import { useReadyDao } from "../../state/dao";
import { CheckedProposal } from "./CheckedProposal";
import { ProposalForm } from "./ProposalForm";
import { useProposalCheck } from "./useProposalCheck";

export function NewProposalPage() {
  const { provider, deployment } = useReadyDao();
  const chain = useMemo(() => ({ deployment, provider }), [deployment, provider]);
  const proposal = useProposalCheck(chain);
  const { busy, problems } = proposal;
  return (
    <section>
      <h1>New proposal</h1>
      <div className="grid">
        <ProposalForm chain={chain} busy={busy} onCheck={(file) => void proposal.check(file, "form")} />
        <ProposalFileLoader onFiles={(files) => void proposal.loadFile(files)} />
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
      <CheckedProposal proposal={proposal} />
    </section>
  );
}

function ProposalFileLoader({ onFiles }: { onFiles(files: FileList | null): void }) {
  return (
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
          onChange={(e) => onFiles(e.target.files)}
        />
      </div>
    </div>
  );
}
