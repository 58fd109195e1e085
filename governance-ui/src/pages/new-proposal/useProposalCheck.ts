/**
 * A proposal on its way to the Governor: checked with the core's validator (schema, units, bounds, an eth_call
 * from the Timelock) and decoded, optionally simulated on the local chain, then submitted. Holds the checked
 * proposal, the problems found, the simulation and whether a step is running.
 */
import { useState } from "react";
import { useNavigate } from "react-router";

import {
  type Chain,
  type DecodedAction,
  ProposalError,
  type ProposalFile,
  type ResolvedProposal,
  type SimulationReport,
  columns,
  decodeActions,
  explainError,
  formatProblem,
  parseProposal,
  proposalIdOf,
  simulateProposal,
  validateProposal,
} from "@coverdao/core";
import { href } from "../../lib/router";
import { useReadyDao } from "../../state/dao";

export type Checked = {
  resolved: ResolvedProposal & { notes: string[] };
  source: string;
  /** The actions as the Governor will see them, decoded (trigger prices in their feed's decimals). */
  decoded: DecodedAction[];
};

const problemsOf = (error: unknown) =>
  error instanceof ProposalError ? error.problems.map(formatProblem) : [explainError(error)];

export function useProposalCheck(chain: Chain) {
  const { dao, send, deployment, provider } = useReadyDao();
  const navigate = useNavigate();
  const [checked, setChecked] = useState<Checked>();
  const [problems, setProblems] = useState<string[]>([]);
  const [simulation, setSimulation] = useState<SimulationReport | string>();
  const [busy, setBusy] = useState(false);

  async function check(file: ProposalFile, source: string) {
    setBusy(true);
    setProblems([]);
    setChecked(undefined);
    setSimulation(undefined);
    try {
      const resolved = await validateProposal(file, chain);
      setChecked({ resolved, source, decoded: await decodeActions(chain, resolved.call.actions) });
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  }

  async function loadFile(fileList: FileList | null) {
    const file = fileList?.[0];
    if (!file) return;
    try {
      await check(parseProposal(await file.text(), file.name), file.name);
    } catch (error) {
      setChecked(undefined);
      setProblems(problemsOf(error));
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
      void navigate(href("proposals", id.toString()));
    }
  }

  return { checked, problems, simulation, busy, check, loadFile, simulate, submit };
}
