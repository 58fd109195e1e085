import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import {
  VOTE,
  columns as toColumns,
  descriptionHash,
  execute,
  queue,
  signBallot,
  stateOf,
} from "@coverdao/core/node";
import {
  DAY,
  HOUR,
  cooldownProposal,
  daoWithVoters,
  passAndExecute,
  proposeAndOpen,
} from "../helpers/dao.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => daoWithVoters(connection);

describe("CoverGovernor: a proposal's life", () => {
  it("delegates, proposes, takes every kind of vote, queues, executes and changes the parameter", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { CoverGovernor: governor, StakingVault: staking } = dao.contracts;
    const call = await cooldownProposal(dao, 10);
    const id = await proposeAndOpen(connection, dao, call);
    expect(await stateOf(governor, id)).to.equal("Active");

    await expect(governor.connect(dao.alice).castVote(id, VOTE.For))
      .to.emit(governor, "VoteCast")
      .withArgs(dao.alice.address, id, VOTE.For, parseEther("1500000"), "");
    await expect(governor.connect(dao.bob).castVoteWithReason(id, VOTE.Against, "Too long for assessors"))
      .to.emit(governor, "VoteCast")
      .withArgs(dao.bob.address, id, VOTE.Against, parseEther("400000"), "Too long for assessors");
    // Carol signs; Dave relays and pays the gas.
    const signature = await signBallot(governor, dao.carol, id, VOTE.Abstain);
    await expect(governor.connect(dao.dave).castVoteBySig(id, VOTE.Abstain, dao.carol.address, signature))
      .to.emit(governor, "VoteCast")
      .withArgs(dao.carol.address, id, VOTE.Abstain, parseEther("300000"), "");
    // A replayed signature is refused (the nonce moved on).
    await expect(
      governor.connect(dao.dave).castVoteBySig(id, VOTE.Abstain, dao.carol.address, signature),
    ).to.be.revertedWithCustomError(governor, "GovernorInvalidSignature");

    const [against, forVotes, abstain] = await governor.proposalVotes(id);
    expect([against, forVotes, abstain]).to.deep.equal([
      parseEther("400000"),
      parseEther("1500000"),
      parseEther("300000"),
    ]);
    expect(await governor.hasVoted(id, dao.alice.address)).to.equal(true);

    await networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(id)) + 1);
    expect(await stateOf(governor, id)).to.equal("Succeeded");
    await expect(queue(governor, call)).to.emit(governor, "ProposalQueued");
    expect(await stateOf(governor, id)).to.equal("Queued");
    // Not before the Timelock's delay.
    await expect(execute(governor, call)).to.be.revertedWithCustomError(
      dao.contracts.CoverTimelock,
      "TimelockUnexpectedOperationState",
    );
    await networkHelpers.time.increase(2 * DAY + 1);
    await expect(execute(governor, call))
      .to.emit(staking, "UnstakeCooldownSet")
      .withArgs(7 * DAY, 10 * DAY);
    expect(await stateOf(governor, id)).to.equal("Executed");
    const [cooldown] = await staking.parameters();
    expect(cooldown).to.equal(BigInt(10 * DAY));
  });

  it("counts staked tokens for the staker's delegate: staking costs no vote", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { GovernanceToken: token, StakingVault: staking } = dao.contracts;
    expect(await token.balanceOf(dao.alice.address)).to.equal(parseEther("1000000"));
    expect(await staking.stakeOf(dao.alice.address)).to.equal(parseEther("500000"));
    expect(await token.getVotes(dao.alice.address)).to.equal(parseEther("1500000"));
    // Re-delegating moves held and staked power together, once.
    await (await token.connect(dao.alice).delegate(dao.bob.address)).wait();
    expect(await token.getVotes(dao.alice.address)).to.equal(0n);
    expect(await token.getVotes(dao.bob.address)).to.equal(parseEther("1900000"));
    expect(await token.getVotes(await staking.getAddress())).to.equal(0n);
  });

  it("refuses sending tokens to the staking vault outside staking", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { GovernanceToken: token, StakingVault: staking } = dao.contracts;
    await expect(token.connect(dao.bob).transfer(await staking.getAddress(), 1n))
      .to.be.revertedWithCustomError(token, "GovernanceTokenDirectVaultTransfer")
      .withArgs(dao.bob.address, await staking.getAddress());
  });

  it("defeats a proposal with more votes against than for", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    const call = await cooldownProposal(dao, 12);
    const id = await proposeAndOpen(connection, dao, call);
    await (await governor.connect(dao.bob).castVote(id, VOTE.For)).wait();
    await (await governor.connect(dao.alice).castVote(id, VOTE.Against)).wait();
    await networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(id)) + 1);
    expect(await stateOf(governor, id)).to.equal("Defeated");
    await expect(queue(governor, call)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
  });

  it("defeats a proposal whose for + abstain votes stay below quorum", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    const call = await cooldownProposal(dao, 14);
    const id = await proposeAndOpen(connection, dao, call);
    await (await governor.connect(dao.carol).castVote(id, VOTE.For)).wait(); // 300k < 4 % of 10M
    await networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(id)) + 1);
    const snapshot = await governor.proposalSnapshot(id);
    expect(await governor.quorum(snapshot)).to.equal(parseEther("400000"));
    expect(await stateOf(governor, id)).to.equal("Defeated");
  });

  it("extends the deadline when quorum is first reached in the last extension window", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    const id = await proposeAndOpen(connection, dao, await cooldownProposal(dao, 15));
    const deadline = Number(await governor.proposalDeadline(id));
    await (await governor.connect(dao.carol).castVote(id, VOTE.For)).wait(); // below quorum
    await networkHelpers.time.increaseTo(deadline - HOUR);
    const tx = await governor.connect(dao.bob).castVote(id, VOTE.For); // 700k: quorum reached now
    const block = await (await tx.wait())!.getBlock();
    const extended = block.timestamp + DAY;
    await expect(tx).to.emit(governor, "ProposalExtended").withArgs(id, extended);
    expect(await governor.proposalDeadline(id)).to.equal(BigInt(extended));
    await networkHelpers.time.increaseTo(deadline + 1);
    expect(await stateOf(governor, id)).to.equal("Active");
    // A vote after the extension does not extend again.
    await expect(governor.connect(dao.dave).castVote(id, VOTE.Against)).not.to.emit(
      governor,
      "ProposalExtended",
    );
    expect(await governor.proposalDeadline(id)).to.equal(BigInt(extended));
  });

  it("does not extend when quorum was reached early, even if a vote comes in the last window", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    const id = await proposeAndOpen(connection, dao, await cooldownProposal(dao, 16));
    const deadline = Number(await governor.proposalDeadline(id));
    await (await governor.connect(dao.alice).castVote(id, VOTE.For)).wait(); // quorum reached early
    await networkHelpers.time.increaseTo(deadline - HOUR);
    await expect(governor.connect(dao.bob).castVote(id, VOTE.For)).not.to.emit(governor, "ProposalExtended");
    await expect(governor.connect(dao.carol).castVote(id, VOTE.Against)).not.to.emit(
      governor,
      "ProposalExtended",
    );
    expect(await governor.proposalDeadline(id)).to.equal(BigInt(deadline));
  });

  it("lets the proposal guardian cancel an active proposal, and nobody else", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    const call = await cooldownProposal(dao, 20);
    const id = await proposeAndOpen(connection, dao, call);
    expect(await governor.proposalGuardian()).to.equal(dao.guardian.address);
    const columns = toColumns(call.actions);
    const hash = descriptionHash(call.description);
    await expect(governor.connect(dao.bob).cancel(...columns, hash))
      .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
      .withArgs(id, dao.bob.address);
    await expect(governor.connect(dao.guardian).cancel(...columns, hash))
      .to.emit(governor, "ProposalCanceled")
      .withArgs(id);
    expect(await stateOf(governor, id)).to.equal("Canceled");
  });

  it("refuses a proposal from an account below the proposal threshold", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    const call = await cooldownProposal(dao, 21);
    await expect(
      governor.connect(dao.dave).propose(
        call.actions.map((a) => a.target),
        [0n],
        call.actions.map((a) => a.calldata),
        call.description,
      ),
    )
      .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
      .withArgs(dao.dave.address, parseEther("5000"), parseEther("10000"));
  });

  it("rejects at execution a proposal that sets a parameter out of bounds, naming the bound", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { StakingVault: staking, CoverTimelock: timelock } = dao.contracts;
    const call = await cooldownProposal(dao, 0, " (out of bounds)");
    await expect(passAndExecute(connection, dao, call))
      .to.be.revertedWithCustomError(staking, "StakingParameterOutOfBounds")
      .withArgs(
        "0x756e7374616b65436f6f6c646f776e0000000000000000000000000000000000",
        0n,
        BigInt(DAY),
        BigInt(90 * DAY),
      );
    expect(await timelock.getMinDelay()).to.equal(BigInt(2 * DAY));
  });
});

describe("CoverGovernor: the proposal index", () => {
  it("numbers proposals in creation order with their blocks, pages them, and names an index past the end", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const governor = dao.contracts.CoverGovernor;
    expect(await governor.proposalCount()).to.equal(0n);
    const [emptyIds, emptyBlocks] = await governor.proposalPage(0, 20);
    expect([emptyIds.length, emptyBlocks.length]).to.deep.equal([0, 0]);
    await expect(governor.proposalAt(0))
      .to.be.revertedWithCustomError(governor, "GovernorProposalIndexOutOfRange")
      .withArgs(0, 0);

    const created: { id: bigint; block: number }[] = [];
    // Six proposals: creation blocks are packed four to a slot, so the fifth starts a new slot.
    for (const days of [8, 9, 10, 11, 12, 13]) {
      const call = await cooldownProposal(dao, days);
      const tx = await governor.connect(dao.alice).propose(...toColumns(call.actions), call.description);
      const receipt = await tx.wait();
      const id = await governor.getProposalId(...toColumns(call.actions), descriptionHash(call.description));
      created.push({ id, block: receipt!.blockNumber });
    }
    expect(await governor.proposalCount()).to.equal(6n);
    for (const [index, { id, block }] of created.entries()) {
      const [atId, atBlock] = await governor.proposalAt(index);
      expect([atId, atBlock]).to.deep.equal([id, BigInt(block)]);
    }
    // A page from index 3 asks for 20 and gets the three that exist; the ProposalCreated event sits in the
    // recorded block.
    const [ids, blocks] = await governor.proposalPage(3, 20);
    expect(ids).to.deep.equal(created.slice(3).map((p) => p.id));
    expect(blocks).to.deep.equal(created.slice(3).map((p) => BigInt(p.block)));
    const events = await governor.queryFilter(
      governor.filters.ProposalCreated(),
      Number(blocks[1]),
      Number(blocks[1]),
    );
    expect(events.map((event) => event.args.proposalId)).to.deep.equal([ids[1]]);
    await expect(governor.proposalPage(6, 1))
      .to.be.revertedWithCustomError(governor, "GovernorProposalIndexOutOfRange")
      .withArgs(6, 6);
  });
});
