/**
 * Shared test setup: a deployed DAO on a fresh in-process chain, tokens spread over voters who
 * delegate to themselves, and helpers to take a proposal through its life.
 */
import { type Signer, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { type DeployedDAO, deployCoverDAO } from "@coverdao/core/deploy";
import { type ProposalCall, VOTE, execute, propose, queue } from "@coverdao/core/node";

export const DAY = 86_400;
export const HOUR = 3_600;

export interface Voters {
  deployer: Signer & { address: string };
  guardian: Signer & { address: string };
  alice: Signer & { address: string };
  bob: Signer & { address: string };
  carol: Signer & { address: string };
  dave: Signer & { address: string };
  outsider: Signer & { address: string };
}

/** Deploys the DAO; Alice 1.5M (0.5M staked), Bob 400k, Carol 300k, Dave 5k; all self-delegated. */
export async function daoWithVoters(connection: NetworkConnection): Promise<DeployedDAO & Voters> {
  const dao = await deployCoverDAO(connection);
  const [deployer, guardian, alice, bob, carol, dave, outsider] = await connection.ethers.getSigners();
  const { GovernanceToken: token, StakingVault: staking } = dao.contracts;
  const grants: [Signer & { address: string }, string][] = [
    [alice, "1500000"],
    [bob, "400000"],
    [carol, "300000"],
    [dave, "5000"],
  ];
  for (const [voter, amount] of grants) {
    await (await token.transfer(voter.address, parseEther(amount))).wait();
    await (await token.connect(voter).delegate(voter.address)).wait();
  }
  await (await token.connect(alice).approve(await staking.getAddress(), parseEther("500000"))).wait();
  await (await staking.connect(alice).stake(parseEther("500000"))).wait();
  await connection.networkHelpers.mine();
  return { ...dao, deployer, guardian, alice, bob, carol, dave, outsider };
}

/** A proposal that sets the unstake cooldown. */
export async function cooldownProposal(dao: DeployedDAO, days: number, note = ""): Promise<ProposalCall> {
  const staking = dao.contracts.StakingVault;
  return {
    actions: [
      {
        target: await staking.getAddress(),
        value: 0n,
        calldata: staking.interface.encodeFunctionData("setUnstakeCooldown", [days * DAY]),
      },
    ],
    description: `# Set the unstake cooldown to ${days} days${note}`,
  };
}

/** Proposes `call` as Alice and moves time into the voting period. */
export async function proposeAndOpen(
  connection: NetworkConnection,
  dao: DeployedDAO & Voters,
  call: ProposalCall,
): Promise<bigint> {
  const id = await propose(dao.contracts.CoverGovernor.connect(dao.alice), call);
  await connection.networkHelpers.time.increase(DAY + 1);
  return id;
}

/** Full life: propose, Alice and Bob vote for, end voting, queue, wait the delay, execute. */
export async function passAndExecute(
  connection: NetworkConnection,
  dao: DeployedDAO & Voters,
  call: ProposalCall,
): Promise<bigint> {
  const governor = dao.contracts.CoverGovernor;
  const id = await proposeAndOpen(connection, dao, call);
  await (await governor.connect(dao.alice).castVote(id, VOTE.For)).wait();
  await (await governor.connect(dao.bob).castVote(id, VOTE.For)).wait();
  await connection.networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(id)) + 1);
  await (await queue(governor, call)).wait();
  await connection.networkHelpers.time.increase(2 * DAY + 1);
  await (await execute(governor, call)).wait();
  return id;
}
