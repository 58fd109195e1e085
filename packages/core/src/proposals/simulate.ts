/**
 * Runs a proposal as the Timelock would, on a copy of the chain's state, through the real Governor
 * lifecycle: `evm_snapshot`, apply the proposals already queued or succeeded (and the risk changes waiting on
 * chain), impersonate the top delegates, propose, vote, time travel, queue, execute, apply any risk-raising
 * change once its exit delay has passed (saying so in the steps), read every registry parameter and the risk
 * figures ({riskDiff}) before and after, then `evm_revert`. Works on Hardhat's in-process
 * chain, `npx hardhat node` and a fork of a real network (`npx hardhat node --fork <url>`); anvil
 * understands the same `hardhat_*`/`evm_*` methods.
 */
import { type Log, Interface } from "ethers";

import { type Chain, type RpcProvider, describeAddress, readBigInt } from "../rpc/chain.js";
import { contractInterface } from "../rpc/contracts.js";
import { CONTRACT_NAMES } from "../deployment/schema.js";
import { explainError } from "../format/errors.js";
import { PROPOSAL_STATES } from "../domain/states.js";
import { VOTE, columns, descriptionHash } from "../governance/governance.js";
import { type ParameterReading, readAllParameters } from "../parameters/index.js";
import type { ResolvedProposal } from "./resolve.js";
import { describeAction } from "./validate.js";
import {
  type PendingRiskChange,
  describePendingRiskChange,
  readPendingRiskChanges,
} from "../parameters/risk-changes.js";
import { type ProposalSummary, readProposalsPage } from "../reads/proposals.js";
import type { Prices } from "../risk/assumptions.js";
import { type ChainRiskInputs, readRiskInputs } from "../risk/chain.js";
import {
  type RiskDiff,
  type RiskDiffOptions,
  riskDiff,
  riskDiffMarkdown,
  riskDiffMethod,
  riskDiffSummary,
} from "../risk/diff.js";
import { formatUnit } from "../format/units.js";

export interface SimulationChain extends Chain {
  provider: RpcProvider;
}

export interface SimulationRow {
  key: string;
  family: string;
  label: string;
  before: string;
  after: string;
  bounds?: string;
  changed: boolean;
}

export interface SimulationReport {
  file: string;
  title: string;
  chainId: number;
  proposalId: bigint;
  actions: string[];
  /** Proposals already Queued or Succeeded, applied first on the copy (in that order). */
  pending: PendingProposal[];
  steps: string[];
  rows: SimulationRow[];
  /** Risk figures before and after (on top of the pending proposals); absent when the diff was turned off. */
  risk?: RiskDiff;
  events: string[];
  gasUsed: bigint;
}

const ONE_HUNDRED_ETH = 100n * 10n ** 18n;
/** The one function every risk-delayed contract shares (pools, cover book, claims). */
const RISK_CHANGE = contractInterface("CoverClaims");
const hex = (value: bigint): string => `0x${value.toString(16)}`;

async function latestTimestamp(chain: SimulationChain): Promise<number> {
  const block = await chain.provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  return block.timestamp;
}

async function travelTo(chain: SimulationChain, timestamp: bigint): Promise<void> {
  const now = BigInt(await latestTimestamp(chain));
  if (timestamp > now) await chain.provider.send("evm_increaseTime", [Number(timestamp - now)]);
  await chain.provider.send("evm_mine", []);
}

/** Sends a transaction from an impersonated account; throws with the revert explained. */
async function sendAs(chain: SimulationChain, from: string, to: string, data: string, value = 0n) {
  await chain.provider.send("hardhat_impersonateAccount", [from]);
  await chain.provider.send("hardhat_setBalance", [from, hex(ONE_HUNDRED_ETH + value)]);
  const hash = (await chain.provider.send("eth_sendTransaction", [
    { from, to, data, value: hex(value) },
  ])) as string;
  // Local nodes mine at once; poll the receipt (a provider's block subscription may lag seconds).
  let receipt = await chain.provider.getTransactionReceipt(hash);
  for (let tries = 0; !receipt && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    receipt = await chain.provider.getTransactionReceipt(hash);
  }
  if (!receipt || receipt.status !== 1) throw new Error(`transaction ${hash} failed`);
  return receipt;
}

/** Delegates by current votes, largest first, from the token's DelegateVotesChanged events. */
export async function topDelegates(chain: Chain): Promise<{ address: string; votes: bigint }[]> {
  const iface = contractInterface("GovernanceToken");
  const event = iface.getEvent("DelegateVotesChanged");
  if (!event) throw new Error("GovernanceToken has no DelegateVotesChanged event");
  const logs = await chain.provider.getLogs({
    address: chain.deployment.contracts.GovernanceToken,
    topics: [event.topicHash],
    fromBlock: chain.deployment.startBlock,
    toBlock: "latest",
  });
  const delegates = [...new Set(logs.map((log) => iface.parseLog(log)?.args.delegate as string))];
  const votes = await Promise.all(
    delegates.map((d) => readBigInt(chain, "GovernanceToken", "getVotes", [d])),
  );
  return delegates
    .map((address, i) => ({ address, votes: votes[i] }))
    .filter((d) => d.votes > 0n)
    .sort((a, b) => (b.votes > a.votes ? 1 : b.votes < a.votes ? -1 : 0));
}

/** Decodes logs of known contracts into `Contract.Event(name=value, ...)` lines. */
function decodeEvents(chain: Chain, logs: readonly Log[]): string[] {
  const byAddress = new Map<string, { name: string; iface: Interface }>();
  for (const name of CONTRACT_NAMES) {
    const address = chain.deployment.contracts[name];
    if (address) byAddress.set(address.toLowerCase(), { name, iface: contractInterface(name) });
  }
  return logs.map((log) => {
    const known = byAddress.get(log.address.toLowerCase());
    const parsed = known?.iface.parseLog(log);
    if (!known || !parsed) return `${describeAddress(chain.deployment, log.address)}: ${log.topics[0]}`;
    const args = parsed.fragment.inputs.map((input, i) => {
      const value: unknown = parsed.args[i];
      return `${input.name}=${typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value) ? describeAddress(chain.deployment, value) : String(value)}`;
    });
    return `${known.name}.${parsed.name}(${args.join(", ")})`;
  });
}

/** A proposal already Queued or Succeeded on the chain, applied on the copy before the simulated one. */
export interface PendingProposal {
  id: bigint;
  title: string;
  state: "Queued" | "Succeeded";
  /** Timelock ETA on the chain (0 for a Succeeded proposal not yet queued). */
  eta: bigint;
  /** Whether its execution succeeded on the copy; when not, `note` says why. */
  applied: boolean;
  note?: string;
}

/** Options of {simulateProposal}. */
export interface SimulationOptions {
  /** Apply every Queued, then every Succeeded proposal first (default true). */
  pending?: boolean;
  /** The risk diff: before and after, same seed (default on, 100,000 paths, seed 1); `false` skips it. */
  risk?: RiskSideOptions | false;
}

/** How the risk diff reads and runs: the Monte Carlo's options, prices, and an optional what-if turnout. */
export interface RiskSideOptions extends RiskDiffOptions {
  prices?: Partial<Prices>;
  /** What if this share of the stake voted honestly on a claim, instead of the share observed on the chain. */
  claimTurnout?: number;
}

/** A block's timestamp as an ISO date. */
const iso = (seconds: bigint | number) => new Date(Number(seconds) * 1000).toISOString();

/**
 * Takes `proposal` through propose → vote → queue → execute on a snapshot of the chain and reverts. First every
 * proposal already Queued (in ETA order), then every Succeeded one (queued, then executed) is applied, with the
 * risk-raising changes waiting on chain, so the proposal lands where the chain is heading; the report names
 * them. The top delegates vote For until the quorum is met; the largest proposes. Unless `options.risk` is false,
 * the risk figures are read once the proposal applied and, on the copy without it, at the same moment of the
 * copy's clock ({riskDiff}), so that only the proposal differs.
 */
export async function simulateProposal(
  proposal: ResolvedProposal,
  chain: SimulationChain,
  options: SimulationOptions = {},
): Promise<SimulationReport> {
  const steps: string[] = [];
  const snapshot = (await chain.provider.send("evm_snapshot", [])) as string;
  try {
    const startedAt = await latestTimestamp(chain);
    const cols = columns(proposal.call.actions);
    const hash = descriptionHash(proposal.description);
    const id = await readBigInt(chain, "CoverGovernor", "hashProposal", [...cols, hash]);
    const pending = options.pending === false ? [] : await applyPendingProposals(chain, id, steps);
    const risk = options.risk === false ? undefined : (options.risk ?? {});
    const before = await readAllParameters(chain);
    const base = (await chain.provider.send("evm_snapshot", [])) as string;
    const receipt = await runLifecycle(proposal, chain, id, steps);
    const after = await readAllParameters(chain);
    // The turnouts are observed on the "before" side (the simulation's own votes are not turnout): read after,
    // then given the ones observed before.
    const rawAfter = risk && (await readRiskSide(chain, risk, startedAt, UNOBSERVED, "after"));
    // Both sides at the same moment of the copy's clock (premiums earned meanwhile count on both): back to the
    // chain without the proposal, moved to the time the "after" side was read.
    await chain.provider.send("evm_revert", [base]);
    if (rawAfter) await travelTo(chain, BigInt(rawAfter.block.timestamp));
    const riskBefore =
      risk && withTurnout(await readRiskSide(chain, risk, startedAt, undefined, "before"), risk);
    const riskAfter = rawAfter && riskBefore && withObserved(rawAfter, riskBefore.observed);
    return {
      file: proposal.file,
      title: proposal.title,
      chainId: chain.deployment.chainId,
      proposalId: id,
      actions: proposal.actions.map((a) => describeAction(chain, a)),
      pending,
      steps,
      rows: compare(before, after),
      risk: riskBefore && riskAfter ? riskDiff(riskBefore, riskAfter, risk) : undefined,
      events: decodeEvents(chain, receipt.logs),
      gasUsed: receipt.gasUsed,
    };
  } finally {
    await chain.provider.send("evm_revert", [snapshot]);
  }
}

/** A placeholder for turnouts that {withObserved} replaces (saves observing them twice). */
const UNOBSERVED: ChainRiskInputs["observed"] = {
  claimTurnout: { value: 0, from: "assumption", votes: 0 },
  governanceTurnout: { value: 0, from: "assumption", votes: 0 },
};

/** `inputs` with the turnouts `observed`: in the claim vote, in governance, and as stated. */
function withObserved(inputs: ChainRiskInputs, observed: ChainRiskInputs["observed"]): ChainRiskInputs {
  return {
    ...inputs,
    claimVote: { ...inputs.claimVote, honestTurnout: observed.claimTurnout.value },
    governance: { ...inputs.governance, turnout: observed.governanceTurnout.value },
    observed,
  };
}

/** The inputs with the claim turnout replaced by the what-if one, when given. */
function withTurnout(inputs: ChainRiskInputs, risk: RiskSideOptions): ChainRiskInputs {
  if (risk.claimTurnout === undefined) return inputs;
  if (!(risk.claimTurnout >= 0 && risk.claimTurnout <= 1))
    throw new RangeError(`The claim turnout must be a share between 0 and 1 (got ${risk.claimTurnout})`);
  return withObserved(inputs, {
    ...inputs.observed,
    claimTurnout: { value: risk.claimTurnout, from: "assumption", votes: 0 },
  });
}

/** Risk inputs of one side, counting the covers running when the simulation started; failures in words. */
async function readRiskSide(
  chain: SimulationChain,
  risk: RiskSideOptions,
  at: number,
  observed: ChainRiskInputs["observed"] | undefined,
  side: "before" | "after",
): Promise<ChainRiskInputs> {
  try {
    return await readRiskInputs(chain, { assumptions: risk.assumptions, prices: risk.prices, at, observed });
  } catch (error) {
    throw new Error(
      `Could not read the risk figures ${side} the proposal (${explainError(error)}); simulate without the risk diff to see the parameters alone.`,
    );
  }
}

/** Runs `run` as the lifecycle step `name`, restating a failure as "<name> failed: <reason in words>". */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${name} failed: ${explainError(error)}`);
  }
}

/** Who proposes and who votes: the top delegates until the quorum is met. */
async function chooseVoters(chain: SimulationChain) {
  const now = await latestTimestamp(chain);
  const quorum = await readBigInt(chain, "CoverGovernor", "quorum", [now - 1]);
  const threshold = await readBigInt(chain, "CoverGovernor", "proposalThreshold");
  const delegates = await topDelegates(chain);
  const voters: typeof delegates = [];
  let total = 0n;
  for (const delegate of delegates) {
    if (total >= quorum) break;
    voters.push(delegate);
    total += delegate.votes;
  }
  if (voters.length === 0 || total < quorum) {
    throw new Error(`the delegates' votes (${total}) cannot reach the quorum (${quorum})`);
  }
  if (voters[0].votes < threshold) {
    throw new Error(
      `the largest delegate has ${voters[0].votes} votes, below the proposal threshold ${threshold}`,
    );
  }
  return { proposer: voters[0], voters, total, quorum };
}

/** Propose, vote, queue, execute and apply the risk-raising changes it queued; returns the execution receipt. */
async function runLifecycle(proposal: ResolvedProposal, chain: SimulationChain, id: bigint, steps: string[]) {
  const governorAddress = chain.deployment.contracts.CoverGovernor;
  const governor = contractInterface("CoverGovernor");
  const pendingBefore = await readPendingRiskChanges(chain);
  const { proposer, voters, total, quorum } = await chooseVoters(chain);
  const cols = columns(proposal.call.actions);
  const hash = descriptionHash(proposal.description);
  const label = (address: string) => describeAddress(chain.deployment, address);
  const cover = (v: bigint) => formatUnit({ kind: "token", symbol: "COVER" }, v);
  const send = (data: string, value = 0n) => sendAs(chain, proposer.address, governorAddress, data, value);

  await step("propose", () => send(governor.encodeFunctionData("propose", [...cols, proposal.description])));
  steps.push(`Proposed by ${label(proposer.address)} (${cover(proposer.votes)} votes)`);

  await travelTo(chain, (await readBigInt(chain, "CoverGovernor", "proposalSnapshot", [id])) + 1n);
  for (const voter of voters) {
    await step(`vote by ${voter.address}`, () =>
      sendAs(chain, voter.address, governorAddress, governor.encodeFunctionData("castVote", [id, VOTE.For])),
    );
  }
  steps.push(
    `Voted For by ${voters.map((v) => label(v.address)).join(", ")}: ${cover(total)} against a quorum of ${cover(quorum)}`,
  );

  await travelTo(chain, (await readBigInt(chain, "CoverGovernor", "proposalDeadline", [id])) + 1n);
  const state = PROPOSAL_STATES[Number(await readBigInt(chain, "CoverGovernor", "state", [id]))];
  if (state !== "Succeeded") throw new Error(`the proposal ended ${state}, not Succeeded`);

  await step("queue", () => send(governor.encodeFunctionData("queue", [...cols, hash])));
  const eta = await readBigInt(chain, "CoverGovernor", "proposalEta", [id]);
  steps.push(`Queued in the Timelock; ETA ${iso(eta)}`);

  await travelTo(chain, eta);
  const value = proposal.call.actions.reduce((sum, a) => sum + a.value, 0n);
  const receipt = await step("execute", () =>
    send(governor.encodeFunctionData("execute", [...cols, hash]), value),
  );
  steps.push(`Executed in block ${receipt.blockNumber} (${receipt.gasUsed} gas)`);
  await applyRiskChanges(chain, pendingBefore, proposer.address, steps);
  return receipt;
}

/**
 * Risk-raising changes wait for the underwriters' exit time: say so, then apply the ones not in `known` when due,
 * as anyone may, so that the figures show where the proposal leads.
 */
async function applyRiskChanges(
  chain: SimulationChain,
  known: readonly PendingRiskChange[],
  from: string,
  steps: string[],
): Promise<void> {
  const waiting = (await readPendingRiskChanges(chain))
    .filter(
      (c) =>
        !known.some((b) => b.key === c.key && b.contract === c.contract && b.effectiveAt === c.effectiveAt),
    )
    .sort((x, y) => (x.effectiveAt < y.effectiveAt ? -1 : x.effectiveAt > y.effectiveAt ? 1 : 0));
  const now = BigInt(await latestTimestamp(chain));
  for (const change of waiting)
    steps.push(`Waits for underwriters to be able to leave: ${describePendingRiskChange(change, now)}`);
  for (const change of waiting) {
    await travelTo(chain, change.effectiveAt);
    await step(`applyRiskChange on ${change.contract}`, () =>
      sendAs(
        chain,
        from,
        chain.deployment.contracts[change.contract],
        RISK_CHANGE.encodeFunctionData("applyRiskChange", [change.key]),
      ),
    );
    steps.push(`Applied ${change.label} at ${iso(change.effectiveAt)}`);
  }
}

/** Anyone may queue and execute a passed proposal: the simulation does it from this address. */
const KEEPER = "0x000000000000000000000000000000000000c0de";

/**
 * Applies every proposal the chain has already decided: the Queued ones in ETA order, then the Succeeded ones
 * (queued, then executed) in the order they were created, skipping `exclude` (the proposal being simulated), then
 * every risk-raising change waiting on chain, when due. A proposal whose execution reverts is not applied; the
 * report says why.
 */
async function applyPendingProposals(
  chain: SimulationChain,
  exclude: bigint,
  steps: string[],
): Promise<PendingProposal[]> {
  const found = await decidedProposals(chain);
  const queued = found
    .filter((p) => p.state === "Queued" && p.id !== exclude)
    .sort((x, y) => (x.eta < y.eta ? -1 : x.eta > y.eta ? 1 : 0));
  const succeeded = found
    .filter((p) => p.state === "Succeeded" && p.id !== exclude)
    .sort((x, y) => x.blockNumber - y.blockNumber);
  const applied: PendingProposal[] = [];
  for (const p of [...queued, ...succeeded]) applied.push(await applyDecided(chain, p, steps));
  await applyRiskChanges(chain, [], KEEPER, steps);
  return applied;
}

/** Every Queued and Succeeded proposal of the chain. */
async function decidedProposals(chain: SimulationChain): Promise<ProposalSummary[]> {
  const found: ProposalSummary[] = [];
  for (let page = 0; ; page++) {
    const read = await readProposalsPage(chain.provider, chain.deployment, {
      page,
      pageSize: 100,
      states: ["Queued", "Succeeded"],
    });
    found.push(...read.proposals);
    if (read.proposals.length < 100) return found;
  }
}

/** Queues (when Succeeded) and executes one decided proposal as the Timelock will; a revert is reported, not thrown. */
async function applyDecided(chain: SimulationChain, p: ProposalSummary, steps: string[]) {
  const governorAddress = chain.deployment.contracts.CoverGovernor;
  const governor = contractInterface("CoverGovernor");
  const args = [p.targets, p.values, p.calldatas, descriptionHash(p.description)];
  const result: PendingProposal = {
    id: p.id,
    title: p.title,
    state: p.state as PendingProposal["state"],
    eta: p.eta,
    applied: false,
  };
  const value = p.values.reduce((sum, v) => sum + v, 0n);
  try {
    if (p.state === "Succeeded") {
      await step("queue", () =>
        sendAs(chain, KEEPER, governorAddress, governor.encodeFunctionData("queue", args)),
      );
    }
    await travelTo(chain, await readBigInt(chain, "CoverGovernor", "proposalEta", [p.id]));
    await step("execute", () =>
      sendAs(chain, KEEPER, governorAddress, governor.encodeFunctionData("execute", args), value),
    );
    result.applied = true;
    steps.push(
      `Applied first: ${p.state === "Queued" ? `queued proposal (ETA ${iso(p.eta)})` : "succeeded proposal, queued and executed"} “${p.title}” (id ${p.id})`,
    );
  } catch (error) {
    result.note = `its ${(error as Error).message}; it would change nothing on chain either, so it is left out`;
    steps.push(`Not applied: ${p.state.toLowerCase()} proposal “${p.title}” (id ${p.id}): ${result.note}`);
  }
  return result;
}

/** Rows by reading key: an item that appears (a product added) shows "—" before, one that goes "—" after. */
function compare(before: ParameterReading[], after: ParameterReading[]): SimulationRow[] {
  const afterByKey = new Map(after.map((r) => [r.key, r]));
  const beforeKeys = new Set(before.map((r) => r.key));
  const row = (b: ParameterReading | undefined, a: ParameterReading | undefined): SimulationRow => {
    const reading = (b ?? a) as ParameterReading;
    const beforeText = b?.display ?? "—";
    const afterText = a?.display ?? "—";
    return {
      key: reading.key,
      family: reading.parameter.family,
      label: reading.label,
      before: beforeText,
      after: afterText,
      bounds: (a ?? b)?.bounds?.display,
      changed: beforeText !== afterText,
    };
  };
  const rows = before.map((b) => row(b, afterByKey.get(b.key)));
  // A new item's rows go where the chain now lists them: after the reading that precedes them.
  after.forEach((a, k) => {
    if (beforeKeys.has(a.key)) return;
    const previous = k === 0 ? -1 : rows.findIndex((r) => r.key === after[k - 1].key);
    rows.splice(previous + 1, 0, row(undefined, a));
  });
  return rows;
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The report as Markdown: actions, lifecycle, the before/after table (changes in bold), events. */
export function simulationMarkdown(report: SimulationReport): string {
  const changed = report.rows.filter((r) => r.changed).length;
  const lines = [
    `# Simulation: ${report.title}`,
    "",
    `Proposal file \`${report.file}\`, chain ${report.chainId}, proposal id \`${report.proposalId}\`.`,
    "Generated by `npm run proposal -- simulate`: the proposal went through the real Governor on a",
    "snapshot of the chain (propose, vote, queue, execute), which was then reverted.",
    "",
    "## Actions",
    "",
    ...report.actions.map((a, i) => `${i + 1}. \`${a}\``),
    "",
    ...pendingMarkdown(report),
    ...riskMarkdown(report),
    "## Lifecycle",
    "",
    ...report.steps.map((s) => `- ${s}`),
    "",
    `## Parameters (${changed} changed)`,
    "",
    "| Family | Parameter | Before | After | Bounds |",
    "| --- | --- | --- | --- | --- |",
    ...report.rows.map((r) => {
      const mark = (text: string) => (r.changed ? `**${cell(text)}**` : cell(text));
      return `| ${r.family} | ${mark(r.label)} | ${cell(r.before)} | ${mark(r.after)} | ${cell(r.bounds ?? "")} |`;
    }),
    "",
    "## Events emitted by execution",
    "",
    ...report.events.map((e) => `- \`${e}\``),
    "",
  ];
  return lines.join("\n");
}

/** The proposals applied first, in words. */
export function pendingLines(report: SimulationReport): string[] {
  if (report.pending.length === 0) return ["None: no other proposal is queued or succeeded on this chain."];
  return report.pending.map(
    (p) =>
      `${p.applied ? "Applied" : "NOT applied"}: ${p.state.toLowerCase()} proposal “${p.title}” (id ${p.id}` +
      `${p.state === "Queued" ? `, ETA ${iso(p.eta)}` : ""})${p.note ? `: ${p.note}` : ""}`,
  );
}

function pendingMarkdown(report: SimulationReport): string[] {
  return [
    "## Applied first",
    "",
    "Proposals already queued (in ETA order) or succeeded, executed on the copy before this one:",
    "",
    ...pendingLines(report).map((l) => `- ${l}`),
    "",
  ];
}

function riskMarkdown(report: SimulationReport): string[] {
  if (!report.risk) return [];
  return [
    "## Risk before and after",
    "",
    `Before: the chain with the proposals above applied; after: with this one too. ${riskDiffMethod(report.risk)}`,
    "",
    ...riskDiffSummary(report.risk).map((l) => `- ${l}`),
    "",
    riskDiffMarkdown(report.risk),
    "",
  ];
}

/** A plain-text table for the terminal. */
export function simulationTable(report: SimulationReport): string {
  const headers = ["", "Parameter", "Before", "After"];
  const rows = report.rows.map((r) => [r.changed ? "*" : "", `${r.family}.${r.label}`, r.before, r.after]);
  const widths = headers.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [fmt(headers), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)].join("\n");
}
