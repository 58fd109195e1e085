/**
 * Slashing is bounded over time, not per call: one proposal batching many `slash` calls takes at most
 * `maxSlashBps` of the stake in the slash window, and so does a second proposal inside the same window.
 */
import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import { VOTE, execute, queue, slashAssessorProposal } from "@coverdao/core/node";
import { DAY, daoWithVoters, passAndExecute, proposeAndOpen } from "../helpers/dao.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => daoWithVoters(connection);

describe("StakingVault: the slash bound holds over time", () => {
  it("attack: one proposal batching ten slash calls fails at execution; the stake is untouched", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const vault = dao.contracts.StakingVault;
    const staked = await vault.stakeOf(dao.alice.address);
    const { maxSlashBps } = await vault.parameters();
    // Each call takes 10 % of the stake: on a per-call bound of 20 % all ten would pass and take it all.
    const one = await slashAssessorProposal(dao.contracts, dao.alice.address, staked / 10n, "Batched.");
    const batch = {
      actions: Array.from({ length: 10 }, () => one.actions[0]!),
      description: one.description,
    };
    const governor = dao.contracts.CoverGovernor;
    const id = await proposeAndOpen(connection, dao, batch);
    await (await governor.connect(dao.alice).castVote(id, VOTE.For)).wait();
    await (await governor.connect(dao.bob).castVote(id, VOTE.For)).wait();
    await networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(id)) + 1);
    await (await queue(governor, batch)).wait();
    await networkHelpers.time.increase(2 * DAY + 1);
    await expect(execute(governor, batch))
      .to.be.revertedWithCustomError(vault, "StakingSlashAboveBound")
      .withArgs(staked / 10n, 0n);
    expect(await vault.stakeOf(dao.alice.address)).to.equal(staked);
    expect(await vault.slashableNow(dao.alice.address)).to.equal((staked * maxSlashBps) / 10_000n);
  });

  it("two proposals inside one slash window share one bound; after a quiet window a new one opens", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const vault = dao.contracts.StakingVault;
    const staked = await vault.stakeOf(dao.alice.address);
    const bound = (staked * (await vault.parameters()).maxSlashBps) / 10_000n;
    await passAndExecute(
      connection,
      dao,
      await slashAssessorProposal(dao.contracts, dao.alice.address, bound),
    );
    expect(await vault.stakeOf(dao.alice.address)).to.equal(staked - bound);
    expect(await vault.slashableNow(dao.alice.address)).to.equal(0n);
    await expect(
      passAndExecute(
        connection,
        dao,
        await slashAssessorProposal(dao.contracts, dao.alice.address, parseEther("1")),
      ),
    ).to.be.revertedWithCustomError(vault, "StakingSlashAboveBound");
    const { lastSlash } = await vault.slashRecord(dao.alice.address);
    await networkHelpers.time.increaseTo(lastSlash + (await vault.slashWindow()));
    expect(await vault.slashableNow(dao.alice.address)).to.equal(
      ((staked - bound) * (await vault.parameters()).maxSlashBps) / 10_000n,
    );
  });
});
