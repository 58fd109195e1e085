/**
 * The same For/Against/Abstain votes on a temperature check (the dev hub, on the real chain) and on the
 * on-chain proposal (the real Governor), with the quorum rules and the power timing docs/snapshot.md states:
 * the hub counts every vote towards quorum, as the public hub does, and reports the Governor's For + Abstain
 * count beside it; the check reads power at its snapshot block, the Governor at creation + voting delay.
 */
import { expect } from "chai";
import { type Signer, parseEther } from "ethers";
import { network } from "hardhat";

import { VOTE, propose, stateOf } from "@coverdao/core/node";
import { SnapshotClient, compareVotingPower, hubGet } from "@coverdao/core/snapshot";
import {
  type DevHub,
  type Results,
  type SpaceSettings,
  buildSpaceSettings,
  startHub,
} from "@coverdao/core/snapshot/node";
import { type Voters, cooldownProposal, daoWithVoters } from "../helpers/dao.js";
import type { DeployedDAO } from "@coverdao/core/deploy";

const connection = await network.create();
const { networkHelpers } = connection;
const provider = connection.ethers.provider;
const SPACE = "coverdao.eth";
const SNAPSHOT_CHOICE = { For: 1, Against: 2, Abstain: 3 } as const;

describe("Snapshot quorum and power against the Governor's, on the same votes", function () {
  let dao: DeployedDAO & Voters;
  let settings: SpaceSettings;
  let hub: DevHub;
  /** The hub's and the clients' clock: the chain's (set before each step). */
  let clock = 0;
  const syncClock = async () => {
    clock = (await provider.getBlock("latest"))!.timestamp;
  };
  const client = (signer: Signer) => new SnapshotClient({ signer, hubUrl: hub.url, now: () => clock });

  before(async function () {
    dao = await daoWithVoters(connection);
    // Erin (the outsider) holds 150k, self-delegated: with Carol's 300k, For 300k and Against 150k make 450k,
    // above the 400k quorum only if Against counts.
    const { GovernanceToken: token } = dao.contracts;
    await (await token.transfer(dao.outsider.address, parseEther("150000"))).wait();
    await (await token.connect(dao.outsider).delegate(dao.outsider.address)).wait();
    await networkHelpers.mine();
    settings = await buildSpaceSettings(dao.deployment, provider);
    expect(settings.voting.quorum).to.equal(400_000);
    hub = await startHub({
      space: SPACE,
      settings,
      provider,
      database: ":memory:",
      port: 0,
      now: () => clock,
    });
  });

  after(async () => {
    await hub?.close();
  });

  /**
   * Opens a check at the latest block and the same proposal on chain, lets `movePower` run during the Governor's
   * voting delay, then casts `ballots` on both; returns the hub's results, the Governor's final state and the
   * power comparison.
   */
  async function sameVotesBothWays(
    note: string,
    ballots: [Signer & { address: string }, keyof typeof SNAPSHOT_CHOICE][],
    movePower: () => Promise<void> = async () => {},
  ) {
    const governor = dao.contracts.CoverGovernor;
    const call = await cooldownProposal(dao, 5, note);
    await syncClock();
    const snapshotBlock = await provider.getBlockNumber();
    const { id: checkId } = await client(dao.alice).createTempCheck({
      space: SPACE,
      title: call.description.replace(/^# /, ""),
      body: "Same votes, both ways.",
      snapshot: snapshotBlock,
      voting: settings.voting,
    });
    const proposalId = await propose(governor.connect(dao.alice), call);
    await movePower();
    // Both votes open after the same delay (the space's is the Governor's).
    const voteStart = await governor.proposalSnapshot(proposalId);
    await networkHelpers.time.increaseTo(voteStart + 1n);
    await syncClock();
    for (const [voter, choice] of ballots) {
      await client(voter).vote(SPACE, checkId, SNAPSHOT_CHOICE[choice]);
      await (await governor.connect(voter).castVote(proposalId, VOTE[choice])).wait();
    }
    // Read as the CLI and the UI read it: the hub's JSON API.
    const results = await hubGet<Results>(hub.url, `/api/proposals/${checkId}/results`);
    await networkHelpers.time.increaseTo((await governor.proposalDeadline(proposalId)) + 1n);
    const onChain = await stateOf(governor, proposalId);
    const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
    const power = await compareVotingPower(
      dao.contracts.GovernanceToken,
      provider,
      hub.store.proposal(checkId)!,
      hub.store.votes(checkId),
      voteStart,
    );
    return { results, onChain, tallies: { against, forVotes, abstain }, power };
  }

  it("Against lifts a check over quorum, not the Governor's: the hub says both, the proposal is Defeated", async () => {
    const { results, onChain, tallies } = await sameVotesBothWays(" (against lifts the count)", [
      [dao.carol, "For"],
      [dao.outsider, "Against"],
    ]);
    // As the public hub counts: 450k of every vote >= 400k, For > Against: the check passes.
    expect(results.quorumVotesWei).to.equal(parseEther("450000").toString());
    expect(results).to.deep.include({ quorumReached: true, passing: true });
    // As the Governor counts: For + Abstain = 300k < 400k: the same votes fail on chain.
    expect(results.governorQuorumVotesWei).to.equal(parseEther("300000").toString());
    expect(results).to.deep.include({ governorQuorumReached: false, governorPassing: false });
    expect(tallies).to.deep.equal({
      against: parseEther("150000"),
      forVotes: parseEther("300000"),
      abstain: 0n,
    });
    expect(onChain).to.equal("Defeated");
  });

  it("Abstain counts towards both quorums: the check and the proposal both pass", async () => {
    const { results, onChain } = await sameVotesBothWays(" (abstain lifts the count)", [
      [dao.carol, "For"],
      [dao.outsider, "Abstain"],
    ]);
    expect(results).to.deep.include({
      quorumReached: true,
      governorQuorumReached: true,
      passing: true,
      governorPassing: true,
    });
    expect(results.quorumVotesWei).to.equal(results.governorQuorumVotesWei);
    expect(onChain).to.equal("Succeeded");
  });

  it("below quorum either way: both fail, whatever the rule", async () => {
    const { results, onChain } = await sameVotesBothWays(" (too few votes)", [
      [dao.carol, "For"],
      [dao.dave, "Against"],
    ]);
    expect(results).to.deep.include({
      quorumReached: false,
      governorQuorumReached: false,
      passing: false,
      governorPassing: false,
    });
    expect(onChain).to.equal("Defeated");
  });

  it("power moved during the voting delay counts on chain, not in the check, and the comparison names it", async () => {
    const { results, power, tallies } = await sameVotesBothWays(
      " (a delegation after the check's block)",
      [
        [dao.carol, "For"],
        [dao.outsider, "Abstain"],
      ],
      // Dave delegates his 5k to Carol after the check's snapshot block, before the Governor's snapshot.
      async () => {
        await (await dao.contracts.GovernanceToken.connect(dao.dave).delegate(dao.carol.address)).wait();
      },
    );
    expect(results.scoresWei[0]).to.equal(parseEther("300000").toString());
    expect(tallies.forVotes).to.equal(parseEther("305000"));
    expect(power.known).to.equal(true);
    expect(power.differences).to.deep.equal([
      { voter: dao.carol.address, tempCheckWei: parseEther("300000"), governorWei: parseEther("305000") },
    ]);
    expect(power.tempCheckTotalWei).to.equal(parseEther("450000"));
    expect(power.governorTotalWei).to.equal(parseEther("455000"));
  });
});
