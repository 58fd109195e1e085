/**
 * Batched reads (packages/core/src/reads/proposals.ts) and the Multicall they use, against a deployed DAO on an in-process
 * chain: results equal single calls, the proposal list pages and filters on chain state, and a page costs
 * a constant number of round trips whatever the number of proposals.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { expect } from "chai";
import { network } from "hardhat";

import {
  type Deployment,
  PAGE_LOG_SPAN,
  VOTE,
  clearProposalIndex,
  logRanges,
  propose,
  readAccount,
  readCall,
  readMany,
  readProposal,
  readProposalsPage,
  reader,
  HttpRpcProvider,
} from "@coverdao/core/node";
import { CoverGovernor__factory, Multicall__factory } from "../../types/ethers-contracts/index.js";
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

/** One proposal, then 30 more spread over ~10,000 blocks: one alone, pairs and fours in gaps of 200–2,500. */
async function sparseFixture() {
  const dao = await daoWithVoters(connection);
  const governor = dao.contracts.CoverGovernor.connect(dao.alice);
  const proposals: { id: bigint; block: number }[] = [];
  const add = async (i: number) => {
    const call = await cooldownProposal(dao, 10, ` (sparse #${i})`);
    const id = await propose(governor, call);
    proposals.push({ id, block: await ethers.provider.getBlockNumber() });
  };
  await add(0);
  const gaps = [200, 2_500, 200, 1_200, 200, 2_500];
  for (let i = 1; i <= 30; i++) {
    if (i % 5 === 0) await networkHelpers.mine(gaps[(i / 5) % gaps.length]);
    await add(i);
  }
  return { dao, proposals };
}

/**
 * The in-process chain over HTTP JSON-RPC on a free port, counting requests; `batches: false` answers a
 * batch with an error object, as endpoints that refuse batches do.
 */
async function httpChain(batches = true) {
  const stats = { requests: 0, batches: 0 };
  const answer = async (item: { id: unknown; method: string; params?: unknown[] }) => {
    try {
      const result = await connection.provider.request({ method: item.method, params: item.params ?? [] });
      return { jsonrpc: "2.0", id: item.id, result };
    } catch (error) {
      return { jsonrpc: "2.0", id: item.id, error: { code: -32000, message: (error as Error).message } };
    }
  };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      stats.requests++;
      const parsed = JSON.parse(body) as Parameters<typeof answer>[0] | Parameters<typeof answer>[0][];
      const reply = Array.isArray(parsed)
        ? batches
          ? (stats.batches++, Promise.all(parsed.map(answer)))
          : Promise.resolve({
              jsonrpc: "2.0",
              id: null,
              error: { code: -32600, message: "batch not supported" },
            })
        : answer(parsed);
      void reply.then((value) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(value));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const chainId = (await ethers.provider.getNetwork()).chainId;
  // One request per call from ethers itself, so every batch counted is one the reads made.
  const provider = new HttpRpcProvider(url, chainId, { staticNetwork: true, batchMaxCount: 1 });
  return { provider, stats, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The same Governor with `proposalCount` unreachable (its selector in the dispatcher overwritten), as an
 * older deployment without the index: everything else, storage and events included, stays.
 */
async function withoutIndex(governor: string) {
  const selector = CoverGovernor__factory.createInterface().getFunction("proposalCount")!.selector.slice(2);
  const code = await ethers.provider.getCode(governor);
  const push = `63${selector}`;
  expect(code.split(push).length - 1).to.equal(1); // exactly one dispatcher entry
  await networkHelpers.setCode(governor, code.replace(push, "63ffffffff"));
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
    // Count and clock; the index page; events and details; quorums of the snapshots past.
    expect(first.roundTrips).to.equal(4);
    expect(first.complete).to.equal(true);
    const second = await readProposalsPage(ethers.provider, dao.deployment, {
      page: 1,
      pageSize: 20,
      account: dao.alice.address,
    });
    expect(second.proposals.map((p) => p.id)).to.deep.equal(ids.slice(0, 5).reverse());
    // The count read before is the guess: the page's ids came with the count.
    expect(second.roundTrips).to.equal(3);
    const oldest = second.proposals.at(-1)!;
    expect(oldest.title).to.equal("Set the unstake cooldown to 10 days (#0)");
    expect(oldest.state).to.equal("Active");
    expect(oldest.hasVoted).to.equal(true);
    expect(oldest.votes.for).to.equal(await dao.contracts.GovernanceToken.getVotes(dao.alice.address));
    expect(oldest.quorum).to.equal(await dao.contracts.CoverGovernor.quorum(oldest.voteStart));
    expect(oldest.voteStart).to.equal(await dao.contracts.CoverGovernor.proposalSnapshot(oldest.id));
    const newest = first.proposals[0];
    expect(newest.state).to.equal("Pending");
    expect(newest.quorum).to.equal(undefined); // the snapshot is still ahead
    expect(newest.targets).to.deep.equal([dao.deployment.contracts.StakingVault]);
    // All pending: no quorum to read, one round trip less.
    const pending = await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 4 });
    expect(pending.roundTrips).to.equal(2);
    expect(pending.proposals.map((p) => p.id)).to.deep.equal(ids.slice(21).reverse());
    const past = await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 4, page: 7 });
    expect(past.proposals).to.deep.equal([]);
    expect(past.roundTrips).to.equal(1);
  });

  it("costs the same round trips for 1 proposal as for 31 spread over thousands of blocks", async () => {
    const { dao, proposals } = await networkHelpers.loadFixture(sparseFixture);
    const governor = dao.contracts.CoverGovernor;
    expect(await governor.proposalCount()).to.equal(31n);
    // A second DAO on the same chain with a single proposal, 5,000 blocks back.
    const single = await daoWithVoters(connection);
    await propose(single.contracts.CoverGovernor.connect(single.alice), await cooldownProposal(single, 10));
    await networkHelpers.mine(5_000);
    const one = await readProposalsPage(ethers.provider, single.deployment, { pageSize: 7 });
    expect(one.proposals).to.have.length(1);
    const newestFirst = [...proposals].reverse();
    for (let page = 0; page * 7 < proposals.length; page++) {
      clearProposalIndex(); // each page read cold, as when opened by its URL
      const read = await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 7, page });
      // Pages of 7 straddle the index's packed slots of four creation blocks.
      const expected = newestFirst.slice(page * 7, page * 7 + 7);
      expect(read.proposals.map((p) => [p.id, p.blockNumber])).to.deep.equal(
        expected.map((p) => [p.id, p.block]),
      );
      expect(read.proposals.map((p) => p.title)).to.deep.equal(
        expected.map((p) => `Set the unstake cooldown to 10 days (sparse #${proposals.indexOf(p)})`),
      );
      expect(read.proposals.every((p) => /^0x[0-9a-f]{64}$/.test(p.transactionHash))).to.equal(true);
      expect(read.roundTrips).to.equal(one.roundTrips);
      expect(read.total).to.equal(31);
    }
    // Some pages span more than PAGE_LOG_SPAN blocks: their events came from narrower ranges.
    const spans = newestFirst.map((_, i) => Math.floor(i / 7));
    const wide = [0, 1, 2, 3, 4].some((page) => {
      const blocks = newestFirst.filter((_, i) => spans[i] === page).map((p) => p.block);
      return Math.max(...blocks) - Math.min(...blocks) >= PAGE_LOG_SPAN;
    });
    expect(wide).to.equal(true);
    // A proposal made since the last read: the guessed count is wrong, and the page still right.
    await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 7 });
    const id = await propose(governor.connect(dao.alice), await cooldownProposal(dao, 10, " (late)"));
    const next = await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 7, page: 1 });
    expect(next.total).to.equal(32);
    expect(next.proposals.map((p) => p.id)).to.deep.equal(newestFirst.slice(6, 13).map((p) => p.id));
    expect(next.roundTrips).to.equal(one.roundTrips);
    const newest = await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 7 });
    expect(newest.proposals[0].id).to.equal(id);
    expect(newest.roundTrips).to.equal(one.roundTrips - 1); // the guess was right this time
  });

  it("reads a page over HTTP in one request per round trip, and one by one where batches are refused", async () => {
    const { dao, proposals } = await networkHelpers.loadFixture(sparseFixture);
    const local = await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 7 });
    for (const batches of [true, false]) {
      clearProposalIndex();
      const http = await httpChain(batches);
      try {
        const read = await readProposalsPage(http.provider, dao.deployment, { pageSize: 7 });
        expect(read.proposals).to.deep.equal(local.proposals);
        expect(read.roundTrips).to.equal(local.roundTrips);
        // The newest 7 span more than PAGE_LOG_SPAN blocks: several eth_getLogs went in the same batch.
        const blocks = proposals.slice(-7).map((p) => p.block);
        expect(logRanges(blocks).length).to.be.greaterThan(1);
        if (batches) expect(http.stats.requests).to.equal(read.roundTrips);
        else expect(http.stats.requests).to.be.greaterThan(read.roundTrips);
        const byId = await readProposal(http.provider, dao.deployment, proposals[0].id);
        expect(byId.proposal?.title).to.equal("Set the unstake cooldown to 10 days (sparse #0)");
      } finally {
        http.provider.destroy();
        await http.close();
      }
    }
  });

  it("groups a page's creation blocks into narrow log ranges", () => {
    expect(logRanges([])).to.deep.equal([]);
    expect(logRanges([7, 5, 5, 900], 1_000)).to.deep.equal([[5, 900]]);
    expect(logRanges([10, 2_000, 1_009, 1_010], 1_000)).to.deep.equal([
      [10, 1_009],
      [1_010, 2_000],
    ]);
    expect(logRanges([1, 2, 3], 1)).to.deep.equal([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it("opens a proposal by id: from a listed block, by walking the index, or not at all", async () => {
    const { dao, proposals } = await networkHelpers.loadFixture(sparseFixture);
    const oldest = proposals[0];
    // Not listed this session: the index is walked newest first (31 ids: one chunk).
    const cold = await readProposal(ethers.provider, dao.deployment, oldest.id, dao.alice.address);
    expect(cold.proposal?.id).to.equal(oldest.id);
    expect(cold.proposal?.blockNumber).to.equal(oldest.block);
    expect(cold.proposal?.title).to.equal("Set the unstake cooldown to 10 days (sparse #0)");
    expect(cold.proposal?.hasVoted).to.equal(false);
    expect(cold.roundTrips).to.equal(3); // head, one index chunk, details (snapshot still ahead)
    clearProposalIndex();
    await readProposalsPage(ethers.provider, dao.deployment, { pageSize: 40 });
    const listed = await readProposal(ethers.provider, dao.deployment, oldest.id);
    expect(listed.proposal).to.deep.equal({ ...cold.proposal, hasVoted: undefined });
    expect(listed.roundTrips).to.equal(2);
    const missing = await readProposal(ethers.provider, dao.deployment, 12345n);
    expect(missing.proposal).to.equal(undefined);
    expect(missing.roundTrips).to.equal(1);
  });

  it("refuses a Governor without the proposal index with a plain error (CoverDAO always deploys it)", async () => {
    const { dao, ids } = await networkHelpers.loadFixture(fixture);
    await withoutIndex(dao.deployment.contracts.CoverGovernor);
    clearProposalIndex();
    const refusal = /no on-chain proposal index/;
    await expect(readProposalsPage(ethers.provider, dao.deployment, { pageSize: 4 })).to.be.rejectedWith(
      refusal,
    );
    await expect(readProposal(ethers.provider, dao.deployment, ids[1])).to.be.rejectedWith(refusal);
  });

  it("filters by state and by not-yet-voted on chain state, newest first through the index", async () => {
    const { dao, ids } = await networkHelpers.loadFixture(fixture);
    const active = await readProposalsPage(ethers.provider, dao.deployment, { states: ["Active"] });
    expect(active.total).to.equal(12);
    expect(active.complete).to.equal(true);
    expect(active.proposals.map((p) => p.id)).to.deep.equal(ids.slice(0, 12).reverse());
    // Count and clock; the index chunk; its states; details; quorums.
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
    const none = await readProposalsPage(ethers.provider, dao.deployment, { states: ["Executed"] });
    expect([none.total, none.complete, none.proposals.length]).to.deep.equal([0, true, 0]);
  });

  it("stops reading the index once a filtered page is full, and says the total is a lower bound", async () => {
    const { dao, proposals } = await networkHelpers.loadFixture(sparseFixture);
    const governor = dao.contracts.CoverGovernor.connect(dao.alice);
    // 30 more proposals than one index chunk holds: 531 in all, all Pending.
    const more: bigint[] = [];
    for (let i = 0; i < 500; i++)
      more.push(await propose(governor, await cooldownProposal(dao, 10, ` (bulk #${i})`)));
    const page = await readProposalsPage(ethers.provider, dao.deployment, {
      states: ["Pending"],
      pageSize: 10,
    });
    expect(page.complete).to.equal(false);
    expect(page.total).to.equal(500); // the newest chunk's matches: a lower bound
    expect(page.proposals.map((p) => p.id)).to.deep.equal(more.slice(-10).reverse());
    expect(page.roundTrips).to.equal(4); // head; chunk; its states (+ next chunk); details
    const all = await readProposalsPage(ethers.provider, dao.deployment, { states: ["Pending"], page: 26 });
    expect(all.complete).to.equal(true);
    expect(all.total).to.equal(531);
    expect(all.proposals.map((p) => p.id)).to.deep.equal(
      proposals
        .slice(0, 11)
        .map((p) => p.id)
        .reverse(),
    );
    expect(all.roundTrips).to.equal(5); // head; chunk 1; states 1 + chunk 2; states 2; details
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
