/**
 * Governance flows shared by the CLI, the scripts, the UI and the tests: build, propose, vote (also by
 * signature), queue and execute proposals against the DAO's Governor, and read voting power.
 */
import { type BigNumberish, type Signer, id, toUtf8Bytes, keccak256 } from "ethers";

import type { DAOContracts } from "../rpc/contracts.js";
import { PROPOSAL_STATES, type ProposalStateName } from "../domain/states.js";
import { whenFromNow } from "../format/errors.js";

/** One call the Timelock makes when a proposal executes. */
export interface Action {
  target: string;
  value: bigint;
  calldata: string;
}

/** A proposal as the Governor hashes it. */
export interface ProposalCall {
  actions: Action[];
  description: string;
}

/** GovernorCountingSimple's support values. */
export const VOTE = { Against: 0, For: 1, Abstain: 2 } as const;
export type VoteName = keyof typeof VOTE;

export const descriptionHash = (description: string): string => keccak256(toUtf8Bytes(description));

/** The Governor's parallel arrays: targets, values, calldatas. */
export function columns(actions: Action[]): [string[], bigint[], string[]] {
  return [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata)];
}

type Governor = DAOContracts["CoverGovernor"];

/** The proposal id the Governor derives from the call (same as `hashProposal`). */
export async function proposalIdOf(governor: Governor, call: ProposalCall): Promise<bigint> {
  return governor.hashProposal(...columns(call.actions), descriptionHash(call.description));
}

/** Submits a proposal; returns its id once mined. */
export async function propose(governor: Governor, call: ProposalCall): Promise<bigint> {
  const tx = await governor.propose(...columns(call.actions), call.description);
  await tx.wait();
  return proposalIdOf(governor, call);
}

export async function queue(governor: Governor, call: ProposalCall) {
  return governor.queue(...columns(call.actions), descriptionHash(call.description));
}

export async function execute(governor: Governor, call: ProposalCall) {
  const value = call.actions.reduce((sum, a) => sum + a.value, 0n);
  return governor.execute(...columns(call.actions), descriptionHash(call.description), { value });
}

export async function cancel(governor: Governor, call: ProposalCall) {
  return governor.cancel(...columns(call.actions), descriptionHash(call.description));
}

export async function stateOf(governor: Governor, proposalId: BigNumberish): Promise<ProposalStateName> {
  return PROPOSAL_STATES[Number(await governor.state(proposalId))];
}

/**
 * Signs a ballot (EIP-712) that anyone can relay with `castVoteBySig`; the voter pays no gas.
 */
export async function signBallot(
  governor: Governor,
  voter: Signer,
  proposalId: BigNumberish,
  support: number,
): Promise<string> {
  const [provider, address] = [voter.provider, await voter.getAddress()];
  if (!provider) throw new Error("the voter's signer has no provider");
  const { chainId } = await provider.getNetwork();
  const domain = {
    name: await governor.name(),
    version: await governor.version(),
    chainId,
    verifyingContract: await governor.getAddress(),
  };
  const types = {
    Ballot: [
      { name: "proposalId", type: "uint256" },
      { name: "support", type: "uint8" },
      { name: "voter", type: "address" },
      { name: "nonce", type: "uint256" },
    ],
  };
  const nonce = await governor.nonces(address);
  return voter.signTypedData(domain, types, { proposalId, support, voter: address, nonce });
}

/** An account's voting power now, broken down: tokens held, tokens staked, votes delegated to it. */
export interface VotingPower {
  held: bigint;
  staked: bigint;
  /** Votes the account can cast (delegated to it, by itself or others). */
  votes: bigint;
  delegate: string;
}

export async function votingPowerOf(
  dao: Pick<DAOContracts, "GovernanceToken" | "StakingVault">,
  account: string,
) {
  const [held, staked, votes, delegate] = await Promise.all([
    dao.GovernanceToken.balanceOf(account),
    dao.StakingVault.stakeOf(account),
    dao.GovernanceToken.getVotes(account),
    dao.GovernanceToken.delegates(account),
  ]);
  return { held, staked, votes, delegate } satisfies VotingPower;
}

/** keccak of a role name, as TimelockController uses for its roles. */
export const timelockRole = (name: "PROPOSER_ROLE" | "CANCELLER_ROLE" | "EXECUTOR_ROLE"): string => id(name);

/** Where a proposal stands: state, tallies against quorum, and the Timelock ETA once queued. */
export interface ProposalStatus {
  id: bigint;
  state: ProposalStateName;
  proposer: string;
  snapshot: bigint;
  deadline: bigint;
  /** Timelock ETA (unix seconds), 0 until queued. */
  eta: bigint;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** Votes needed (for + abstain); undefined until the snapshot has passed. */
  quorum?: bigint;
}

/** The status of `call`, or undefined when it was never proposed. */
export async function statusOf(governor: Governor, call: ProposalCall): Promise<ProposalStatus | undefined> {
  const id = await proposalIdOf(governor, call);
  const snapshot = await governor.proposalSnapshot(id);
  if (snapshot === 0n) return undefined;
  const [state, proposer, deadline, eta, [against, forVotes, abstain], clock] = await Promise.all([
    stateOf(governor, id),
    governor.proposalProposer(id),
    governor.proposalDeadline(id),
    governor.proposalEta(id),
    governor.proposalVotes(id),
    governor.clock(),
  ]);
  const quorum = snapshot < clock ? await governor.quorum(snapshot) : undefined;
  return { id, state, proposer, snapshot, deadline, eta, votes: { against, for: forVotes, abstain }, quorum };
}

/**
 * Why `step` cannot be taken on proposal `id` yet, with when it can: "voting opens at 2026-12-09 14:02 UTC,
 * in 2 days 3 hours". Undefined when the step is possible now, or when time alone will never allow it (a
 * defeated proposal is not queued later): the contract's own error says why.
 */
export async function notYet(
  governor: Governor,
  id: bigint,
  step: "vote" | "queue" | "execute",
): Promise<string | undefined> {
  const [state, snapshot, deadline, eta, now] = await Promise.all([
    stateOf(governor, id),
    governor.proposalSnapshot(id),
    governor.proposalDeadline(id),
    governor.proposalEta(id),
    governor.clock(),
  ]);
  const waiting = state === "Pending" || state === "Active";
  if (step === "vote" && state === "Pending")
    return `The proposal is Pending: voting opens at ${whenFromNow(snapshot + 1n, now)}.`;
  if (step === "queue" && waiting)
    return `The proposal is ${state}: voting ends and queueing opens (if it passed) at ${whenFromNow(deadline + 1n, now)}.`;
  if (step === "execute" && waiting)
    return `The proposal is ${state}: voting ends at ${whenFromNow(deadline + 1n, now)}; then queue it and wait for the Timelock's delay.`;
  if (step === "execute" && state === "Queued" && eta > now)
    return `The proposal is Queued: execution opens at ${whenFromNow(eta, now)}.`;
  return undefined;
}
