/**
 * Attacks on the path from a vote to an effect: every way around "propose, win the vote, wait the Timelock
 * delay, execute exactly what was voted" fails, with the contract's own error.
 */
import { expect } from "chai";
import { ZeroAddress, ZeroHash, getBytes, hexlify, zeroPadValue } from "ethers";
import { network } from "hardhat";

import {
  VOTE,
  cancel,
  columns,
  descriptionHash,
  execute,
  queue,
  stateOf,
  timelockRole,
} from "@coverdao/core/node";
import { DAY, cooldownProposal, daoWithVoters, passAndExecute, proposeAndOpen } from "../helpers/dao.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => daoWithVoters(connection);

/** The salt GovernorTimelockControl gives a proposal's Timelock operation: governor address XOR description hash. */
function timelockSalt(governor: string, description: string): string {
  const hash = getBytes(descriptionHash(description));
  const address = getBytes(zeroPadValue(governor, 32));
  // The address sits in the high 20 bytes (bytes20(address(this))), so shift it left by 12 bytes.
  const shifted = new Uint8Array(32);
  shifted.set(address.slice(12), 0);
  return hexlify(hash.map((b, i) => b ^ shifted[i]));
}

/** A won, queued proposal: its call, id and the Timelock operation's salt. */
async function queuedProposal(dao: Awaited<ReturnType<typeof fixture>>, days: number) {
  const governor = dao.contracts.CoverGovernor;
  const call = await cooldownProposal(dao, days);
  const id = await proposeAndOpen(connection, dao, call);
  await (await governor.connect(dao.alice).castVote(id, VOTE.For)).wait();
  await networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(id)) + 1);
  await (await queue(governor, call)).wait();
  return { call, id, salt: timelockSalt(await governor.getAddress(), call.description) };
}

describe("Attacks on the Timelock path", () => {
  it("nobody but the Governor schedules on the Timelock: deployer, guardian, a whale, an outsider", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const timelock = dao.contracts.CoverTimelock;
    const call = await cooldownProposal(dao, 1);
    const [targets, values, payloads] = columns(call.actions);
    const delay = await timelock.getMinDelay();
    for (const signer of [dao.deployer, dao.guardian, dao.alice, dao.outsider]) {
      await expect(
        timelock.connect(signer).scheduleBatch(targets, values, payloads, ZeroHash, ZeroHash, delay),
      )
        .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
        .withArgs(signer.address, timelockRole("PROPOSER_ROLE"));
      // Nor can anyone give themselves the role: the Timelock is its own and only admin.
      await expect(
        timelock.connect(signer).grantRole(timelockRole("PROPOSER_ROLE"), signer.address),
      ).to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount");
    }
    expect(
      await timelock.hasRole(timelockRole("PROPOSER_ROLE"), await dao.contracts.CoverGovernor.getAddress()),
    ).to.equal(true);
  });

  it("the Governor's relay only runs inside an executed proposal", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    const staking = dao.contracts.StakingVault;
    const data = staking.interface.encodeFunctionData("setUnstakeCooldown", [DAY]);
    for (const signer of [dao.guardian, dao.alice, dao.outsider]) {
      await expect(
        governor.connect(signer).relay(await staking.getAddress(), 0n, data),
      ).to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor");
    }
  });

  it("a queued operation cannot run before the delay, even called on the Timelock directly", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { CoverGovernor: governor, CoverTimelock: timelock, StakingVault: staking } = dao.contracts;
    const { call, id, salt } = await queuedProposal(dao, 9);
    const [targets, values, payloads] = columns(call.actions);
    const operation = await timelock.hashOperationBatch(targets, values, payloads, ZeroHash, salt);
    expect(await timelock.isOperationPending(operation)).to.equal(true);
    await expect(
      timelock.connect(dao.outsider).executeBatch(targets, values, payloads, ZeroHash, salt),
    ).to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState");
    await expect(execute(governor, call)).to.be.revertedWithCustomError(
      timelock,
      "TimelockUnexpectedOperationState",
    );
    const [cooldownBefore] = await staking.parameters();
    expect(cooldownBefore).to.not.equal(BigInt(9 * DAY));
    expect(await stateOf(governor, id)).to.equal("Queued");
  });

  it("only what was voted runs: other calldata under the same description is no operation at all", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { CoverGovernor: governor, CoverTimelock: timelock, StakingVault: staking } = dao.contracts;
    const { call, salt } = await queuedProposal(dao, 9);
    await networkHelpers.time.increase(2 * DAY + 1);
    // The attacker swaps the voted 9-day cooldown for the shortest one the vault allows.
    const [targets, values] = columns(call.actions);
    const swapped = [staking.interface.encodeFunctionData("setUnstakeCooldown", [1 * DAY])];
    await expect(
      timelock.connect(dao.outsider).executeBatch(targets, values, swapped, ZeroHash, salt),
    ).to.be.revertedWithCustomError(timelock, "TimelockUnexpectedOperationState");
    const altered = { ...call, actions: [{ ...call.actions[0], calldata: swapped[0] }] };
    await expect(execute(governor, altered)).to.be.revertedWithCustomError(
      governor,
      "GovernorNonexistentProposal",
    );
    const [cooldown] = await staking.parameters();
    expect(cooldown).to.not.equal(BigInt(1 * DAY));
  });

  it("an executed proposal cannot run again, and a defeated one can never be queued", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    const call = await cooldownProposal(dao, 8);
    const id = await passAndExecute(connection, dao, call);
    expect(await stateOf(governor, id)).to.equal("Executed");
    await expect(execute(governor, call)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    await expect(queue(governor, call)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );

    const losing = await cooldownProposal(dao, 12, " (voted down)");
    const lost = await proposeAndOpen(connection, dao, losing);
    await (await governor.connect(dao.alice).castVote(lost, VOTE.Against)).wait();
    await networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(lost)) + 1);
    expect(await stateOf(governor, lost)).to.equal("Defeated");
    await expect(queue(governor, losing)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    await expect(execute(governor, losing)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
  });

  it("the guardian can stop a queued proposal but never run one; its proposer cannot cancel once voting opened", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { CoverGovernor: governor, CoverTimelock: timelock } = dao.contracts;
    const { call, id, salt } = await queuedProposal(dao, 9);
    // Alice proposed it: once past Pending, the proposer alone can no longer withdraw it.
    await expect(cancel(governor.connect(dao.alice), call)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnableToCancel",
    );
    await expect(cancel(governor.connect(dao.guardian), call)).to.emit(governor, "ProposalCanceled");
    expect(await stateOf(governor, id)).to.equal("Canceled");
    const [targets, values, payloads] = columns(call.actions);
    expect(
      await timelock.isOperation(
        await timelock.hashOperationBatch(targets, values, payloads, ZeroHash, salt),
      ),
    ).to.equal(false);
    await networkHelpers.time.increase(2 * DAY + 1);
    await expect(execute(governor, call)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    // The guardian cannot schedule anything itself; execution is open to anyone, but only for operations
    // a proposal scheduled, and this one is gone.
    expect(await timelock.hasRole(timelockRole("PROPOSER_ROLE"), dao.guardian.address)).to.equal(false);
    expect(await timelock.hasRole(timelockRole("EXECUTOR_ROLE"), ZeroAddress)).to.equal(true);
  });
});
