/**
 * Batched reads (scripts/lib/reads.ts) and the Multicall they use, against a deployed DAO on an in-process
 * chain: results equal single calls, the proposal list pages and filters on chain state, and a page costs
 * a constant number of round trips whatever the number of proposals.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { type Deployment } from "../../scripts/lib/deployment.js";
import { VOTE, propose } from "../../scripts/lib/governance.js";
import {
  clearProposalIndex,
  knownState,
  readAccount,
  readCall,
  readMany,
  readProposalsPage,
  reader,
} from "../../scripts/lib/reads.js";
import { Multicall__factory } from "../../types/ethers-contracts/index.js";
import { DAY, cooldownProposal, daoWithVoters } from "../helpers/dao.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function fixture() {
  const dao = await daoWithVoters(connection);
  // 25 proposals; the 12 oldest open for voting, Alice votes on the 3 oldest.
  const ids: bigint[] = [];
  const governor = dao.contracts.CoverGovernor.connect(dao.alice);
  for (let i = 0; i < 12; i++) ids.push(await propose(governor, await cooldownProposal(dao, 10, ` (#${i})`)));
  await networkHelpers.time.increase(DAY + 1);
  for (let i = 12; i < 25; i++)
    ids.push(await propose(governor, await cooldownProposal(dao, 10, ` (#${i})`)));
  for (const id of ids.slice(0, 3)) await (await governor.castVote(id, VOTE.For)).wait();
  return { dao, ids };
}

describe("TypeScript core: batched reads", () => {
  beforeEach(() => clearProposalIndex());

  it("Multicall returns each call's result, tolerates allowed failures and names a forbidden one", async () => {
    const { dao } = await networkHelpers.loadFixture(fixture);
    const { deployment } = dao;
    const multicall = Multicall__factory.connect(deployment.contracts.Multicall, ethers.provider);
    const token = dao.contracts.GovernanceToken;
    const calls = [
      {
        target: deployment.contracts.GovernanceToken,
        allowFailure: false,
        callData: token.interface.encodeFunctionData("symbol"),
      },
      { target: deployment.contracts.CoverGovernor, allowFailure: true, callData: "0xdeadbeef" },
    ];
    const results = await multicall.aggregate3(calls);
    expect(results[0].success).to.equal(true);
    expect(token.interface.decodeFunctionResult("symbol", results[0].returnData)[0]).to.equal("COVER");
    expect(results[1].success).to.equal(false);
    await expect(multicall.aggregate3([{ ...calls[1], allowFailure: false }]))
      .to.be.revertedWithCustomError(multicall, "MulticallCallFailed")
      .withArgs(0, deployment.contracts.CoverGovernor, "0x");
    const [blockNumber, timestamp] = await multicall.blockInfo();
    const latest = await ethers.provider.getBlock("latest");
    expect([Number(blockNumber), Number(timestamp)]).to.deep.equal([latest!.number, latest!.timestamp]);
  });

  it("pages proposals newest first with live tallies, in a constant number of round trips", async () => {
    const { dao, ids } = await networkHelpers.loadFixture(fixture);
    const first = await readProposalsPage(ethers.provider, dao.deployment, {
      pageSize: 20,
      account: dao.alice.address,
    });
    expect(first.total).to.equal(25);
    expect(first.proposals.map((p) => p.id)).to.deep.equal(ids.slice(5).reverse());
    // Latest block; new blocks + the newest 16 (13 proposals: not enough); older ranges; one batch.
    expect(first.roundTrips).to.equal(4);
    expect(first.complete).to.equal(true);
    const second = await readProposalsPage(ethers.provider, dao.deployment, {
      page: 1,
      pageSize: 20,
      account: dao.alice.address,
    });
    expect(second.proposals.map((p) => p.id)).to.deep.equal(ids.slice(0, 5).reverse());
    expect(second.roundTrips).to.equal(2); // the index is cached: block number and one batch
    const oldest = second.proposals.at(-1)!;
    expect(oldest.title).to.equal("Set the unstake cooldown to 10 days (#0)");
    expect(oldest.state).to.equal("Active");
    expect(oldest.hasVoted).to.equal(true);
    expect(oldest.votes.for).to.equal(await dao.contracts.GovernanceToken.getVotes(dao.alice.address));
    expect(oldest.quorum).to.equal(await dao.contracts.CoverGovernor.quorum(oldest.voteStart));
    const newest = first.proposals[0];
    expect(newest.state).to.equal("Pending");
    expect(newest.quorum).to.equal(undefined); // the snapshot is still ahead
    expect(newest.targets).to.deep.equal([dao.deployment.contracts.StakingVault]);
  });

  it("reads only the newest blocks when they fill the page, older ones when a later page needs them", async () => {
    const { dao, ids } = await networkHelpers.loadFixture(fixture);
    // The newest 8 blocks hold Alice's 3 votes and the 5 newest proposals: enough for a page of 4.
    const first = await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 4 });
    expect(first.roundTrips).to.equal(3);
    expect(first.complete).to.equal(false);
    expect(first.total).to.equal(5);
    expect(first.proposals.map((p) => p.id)).to.deep.equal(ids.slice(21).reverse());
    const last = await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 4, page: 6 });
    expect(last.complete).to.equal(true);
    expect(last.total).to.equal(25);
    expect(last.proposals.map((p) => p.id)).to.deep.equal([ids[0]]);
  });

  it("derives states from events and the clock only where they prove them", () => {
    const events = { queued: new Set([2n]), executed: new Set([3n]), canceled: new Set([4n]) };
    const entry = (id: bigint) => ({ id, voteStart: 10_000n, voteEnd: 100_000n });
    expect(knownState(entry(4n), events, 0n)).to.equal("Canceled");
    expect(knownState(entry(3n), events, 0n)).to.equal("Executed");
    expect(knownState(entry(2n), events, 0n)).to.equal("Queued");
    expect(knownState(entry(1n), events, 1_000n)).to.equal("Pending");
    expect(knownState(entry(1n), events, 50_000n)).to.equal("Active");
    // Near the snapshot or the deadline, and after it, only the Governor knows.
    expect(knownState(entry(1n), events, 9_000n)).to.equal(undefined);
    expect(knownState(entry(1n), events, 99_000n)).to.equal(undefined);
    expect(knownState(entry(1n), events, 200_000n)).to.equal(undefined);
  });

  it("filters by state and by not-yet-voted on chain state, still in constant round trips", async () => {
    const { dao, ids } = await networkHelpers.loadFixture(fixture);
    const active = await readProposalsPage(ethers.provider, dao.deployment, { states: ["Active"] });
    expect(active.total).to.equal(12);
    // Latest block; newest range; older ranges; states not proven by events and the clock; one batch.
    expect(active.roundTrips).to.equal(5);
    const notVoted = await readProposalsPage(ethers.provider, dao.deployment, {
      notVotedBy: dao.alice.address,
    });
    expect(notVoted.proposals.map((p) => p.id)).to.deep.equal(ids.slice(3, 12).reverse());
    const pending = await readProposalsPage(ethers.provider, dao.deployment, {
      states: ["Pending"],
      pageSize: 5,
      page: 2,
    });
    expect(pending.total).to.equal(13);
    expect(pending.proposals.map((p) => p.id)).to.deep.equal(ids.slice(12, 15).reverse());
  });

  it("reads the same without a Multicall in the deployment (older deployments)", async () => {
    const { dao } = await networkHelpers.loadFixture(fixture);
    const contracts: Record<string, string> = { ...dao.deployment.contracts };
    delete contracts.Multicall;
    const without = { ...dao.deployment, contracts } as Deployment;
    const a = await readProposalsPage(ethers.provider, dao.deployment, { account: dao.bob.address });
    clearProposalIndex();
    const b = await readProposalsPage(ethers.provider, without, { account: dao.bob.address });
    expect(b.proposals).to.deep.equal(a.proposals);
    const r = reader(ethers.provider, without);
    const token = dao.contracts.GovernanceToken;
    const [symbol, bad] = await readMany(r, [
      readCall(token.interface, dao.deployment.contracts.GovernanceToken, "symbol"),
      readCall(token.interface, dao.deployment.contracts.CoverGovernor, "symbol"),
    ]);
    expect(symbol?.[0]).to.equal("COVER");
    expect(bad).to.equal(undefined);
  });

  it("reads an account's position in one round trip, equal to single calls", async () => {
    const { dao } = await networkHelpers.loadFixture(fixture);
    const { GovernanceToken: token, StakingVault: staking } = dao.contracts;
    await (await staking.connect(dao.alice).requestUnstake(10n ** 18n)).wait();
    const view = await readAccount(ethers.provider, dao.deployment, dao.alice.address);
    expect(view.roundTrips).to.equal(1);
    expect(view.balance).to.equal(await token.balanceOf(dao.alice.address));
    expect(view.votes).to.equal(await token.getVotes(dao.alice.address));
    expect(view.stake).to.equal(await staking.stakeOf(dao.alice.address));
    const request = await staking.unstakeRequest(dao.alice.address);
    expect(view.unstake).to.deep.equal({
      amount: request.amount,
      readyAt: request.readyAt,
      expiresAt: request.expiresAt,
    });
    expect(view.staking.cooldown).to.equal((await staking.parameters()).cooldown);
  });
});
