/**
 * Gas of the governance user actions on a fresh DAO: delegate, stake, request unstake, withdraw,
 * propose, the three kinds of vote (each the first of its kind, voters holding token + stake), queue
 * and execute.
 */
import { parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { deployCoverDAO } from "@coverdao/core/deploy";
import { type GasEntries, type GasScenario, VOTE, columns as toColumns, descriptionHash, gasOf, proposalIdOf, signBallot } from "@coverdao/core/node";

const DAY = 86_400;

async function measure(connection: NetworkConnection): Promise<GasEntries> {
  const { ethers, networkHelpers } = connection;
  const { contracts } = await deployCoverDAO(connection);
  const { GovernanceToken: token, StakingVault: staking, CoverGovernor: governor } = contracts;
  const [deployer, , alice, bob, carol, dave] = await ethers.getSigners();
  const gas: GasEntries = {};

  await (await token.transfer(alice.address, parseEther("1000000"))).wait();
  await (await token.transfer(bob.address, parseEther("300000"))).wait();
  for (const voter of [carol, dave]) await (await token.transfer(voter.address, parseEther("150000"))).wait();

  gas["GovernanceToken.delegate"] = await gasOf(token.connect(alice).delegate(alice.address));
  await (await token.connect(bob).delegate(bob.address)).wait();
  await (await token.connect(carol).delegate(carol.address)).wait();
  await (await token.connect(dave).delegate(dave.address)).wait();

  await (await token.connect(alice).approve(await staking.getAddress(), parseEther("300000"))).wait();
  gas["StakingVault.stake"] = await gasOf(staking.connect(alice).stake(parseEther("200000")));
  gas["StakingVault.requestUnstake"] = await gasOf(staking.connect(alice).requestUnstake(parseEther("50000")));
  await networkHelpers.time.increase(7 * DAY + 1);
  gas["StakingVault.withdraw"] = await gasOf(staking.connect(alice).withdraw());
  for (const voter of [bob, carol, dave]) {
    await (await token.connect(voter).approve(await staking.getAddress(), parseEther("50000"))).wait();
    await (await staking.connect(voter).stake(parseEther("50000"))).wait();
  }

  const call = {
    actions: [
      {
        target: await staking.getAddress(),
        value: 0n,
        calldata: staking.interface.encodeFunctionData("setUnstakeCooldown", [10 * DAY]),
      },
    ],
    description: "# Lengthen the unstake cooldown to 10 days",
  };
  const columns = toColumns(call.actions);
  await networkHelpers.mine();
  gas["CoverGovernor.propose"] = await gasOf(governor.connect(alice).propose(...columns, call.description));
  const id = await proposalIdOf(governor, call);
  await networkHelpers.time.increase(DAY + 1);

  // Quorum is 4 % of 10M = 400k (for + abstain). Dave, Bob and Carol stay below it; Alice reaches it.
  gas["CoverGovernor.castVote"] = await gasOf(governor.connect(dave).castVote(id, VOTE.For));
  gas["CoverGovernor.castVoteWithReason"] = await gasOf(
    governor.connect(bob).castVoteWithReason(id, VOTE.Against, "A longer cooldown slows honest assessors too."),
  );
  const signature = await signBallot(governor, carol, id, VOTE.Abstain);
  gas["CoverGovernor.castVoteBySig"] = await gasOf(
    governor.connect(deployer).castVoteBySig(id, VOTE.Abstain, carol.address, signature),
  );
  // The vote that reaches quorum also records the late-quorum deadline (GovernorPreventLateQuorum).
  gas["CoverGovernor.castVote(reachingQuorum)"] = await gasOf(governor.connect(alice).castVote(id, VOTE.For));

  await networkHelpers.time.increase(5 * DAY + 1);
  gas["CoverGovernor.queue"] = await gasOf(governor.queue(...columns, descriptionHash(call.description)));
  await networkHelpers.time.increase(2 * DAY + 1);
  gas["CoverGovernor.execute"] = await gasOf(governor.execute(...columns, descriptionHash(call.description)));
  return gas;
}

const scenario: GasScenario = {
  name: "governance",
  measure,
  targets: { "CoverGovernor.castVote": 90_000 },
};
export default scenario;
