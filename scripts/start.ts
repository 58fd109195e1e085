/**
 * `npm start`: deploys the whole DAO on an in-process chain and walks one governance cycle, printing
 * each step: holders delegate and stake, a delegate proposes a risk-parameter change, holders vote
 * (for, against with a reason, abstain by signature), the proposal is queued in the Timelock and
 * executed, and the parameter is read back.
 */
import { formatEther, parseEther } from "ethers";
import { network } from "hardhat";

import { deployCoverDAO } from "./lib/deploy.js";
import { explainError } from "./lib/errors.js";
import {
  VOTE,
  type ProposalCall,
  execute,
  propose,
  queue,
  signBallot,
  stateOf,
  votingPowerOf,
} from "./lib/governance.js";

const DAY = 86_400;
const connection = await network.create();
const { ethers, networkHelpers } = connection;
const step = (text: string) => console.log(`\n▸ ${text}`);
const detail = (text: string) => console.log(`  ${text}`);

try {
  step("Deploying the DAO with Hardhat Ignition (token, staking, Timelock, Governor, AccessManager)");
  const { deployment, contracts } = await deployCoverDAO(connection);
  for (const [name, address] of Object.entries(deployment.contracts)) detail(`${name.padEnd(18)} ${address}`);
  const { GovernanceToken: token, StakingVault: staking, CoverGovernor: governor } = contracts;
  const [, guardian, alice, bob, carol, relayer] = await ethers.getSigners();
  detail(`guardian           ${guardian.address}`);

  step("Distributing tokens; holders delegate to themselves; Alice stakes for claim assessment");
  for (const [who, signer, amount] of [
    ["Alice", alice, "1500000"],
    ["Bob", bob, "400000"],
    ["Carol", carol, "300000"],
  ] as const) {
    await (await token.transfer(signer.address, parseEther(amount))).wait();
    await (await token.connect(signer).delegate(signer.address)).wait();
    detail(`${who} holds ${amount} COVER and delegates to self`);
  }
  await (await staking.connect(alice).stake(parseEther("500000"))).wait();
  const power = await votingPowerOf(contracts, alice.address);
  detail(
    `Alice: ${formatEther(power.held)} held + ${formatEther(power.staked)} staked = ${formatEther(power.votes)} votes`,
  );

  const call: ProposalCall = {
    actions: [
      {
        target: await staking.getAddress(),
        value: 0n,
        calldata: staking.interface.encodeFunctionData("setUnstakeCooldown", [10 * DAY]),
      },
    ],
    description:
      "# Lengthen the unstake cooldown to 10 days\n\nAssessors should not leave ahead of open claims.",
  };
  step("Alice proposes: StakingVault.setUnstakeCooldown(10 days)");
  await networkHelpers.mine();
  const id = await propose(governor.connect(alice), call);
  detail(`proposal ${id} is ${await stateOf(governor, id)}`);

  step("Voting opens after the 1-day voting delay");
  await networkHelpers.time.increase(DAY + 1);
  await (await governor.connect(alice).castVote(id, VOTE.For)).wait();
  detail("Alice votes For");
  await (await governor.connect(bob).castVoteWithReason(id, VOTE.Against, "Too long for assessors")).wait();
  detail('Bob votes Against: "Too long for assessors"');
  const signature = await signBallot(governor, carol, id, VOTE.Abstain);
  await (await governor.connect(relayer).castVoteBySig(id, VOTE.Abstain, carol.address, signature)).wait();
  detail("Carol signs an Abstain ballot; a relayer submits it");
  const [against, forVotes, abstain] = await governor.proposalVotes(id);
  const quorum = await governor.quorum(await governor.proposalSnapshot(id));
  detail(
    `tally: for ${formatEther(forVotes)}, against ${formatEther(against)}, abstain ${formatEther(abstain)}; quorum ${formatEther(quorum)}`,
  );

  step("Voting ends; the proposal is queued in the Timelock");
  await networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(id)) + 1);
  detail(`state: ${await stateOf(governor, id)}`);
  await (await queue(governor, call)).wait();
  detail(
    `state: ${await stateOf(governor, id)}; ETA ${new Date(Number(await governor.proposalEta(id)) * 1000).toISOString()}`,
  );

  step("Executing before the Timelock delay fails with a decoded error");
  await execute(governor, call).then(
    () => detail("unexpected: executed early"),
    (error: unknown) => detail(`refused: ${explainError(error)}`),
  );

  step("After the 2-day delay anyone executes it");
  await networkHelpers.time.increase(2 * DAY + 1);
  await (await execute(governor, call)).wait();
  const [cooldown] = await staking.parameters();
  detail(`state: ${await stateOf(governor, id)}; unstake cooldown is now ${Number(cooldown) / DAY} days`);
  console.log("\nDone: one full governance cycle on a local chain.");
} finally {
  await connection.close();
}
