/**
 * The indexer (indexer/, real Ponder on embedded PGlite) against a real local chain with the seeded demo DAO:
 * after the seed, every aggregate it serves equals what the chain says (tallies against `proposalVotes`, voters
 * against the VoteCast events, delegate power against `getVotes`, delegators against `delegates`, claims against
 * `claimCount` and `claim`, covers against `coverCount`, pool capital against `poolState`), and its health reads
 * "behind" while blocks are not yet indexed and "down" once it is stopped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";

import { type DAOContracts, type Deployment, REPO_ROOT } from "@coverdao/core/node";
import { deployCoverDAO } from "@coverdao/core/deploy";
import { IndexerClient, type Page, type PageOptions } from "@coverdao/core/indexer";
import { type RunningIndexer, startIndexer } from "@coverdao/core/indexer/node";
import { seedDemoDAO } from "@coverdao/core/seed";

const server = await network.createServer({ network: "default" }, "127.0.0.1", 0);
const listening = await server.listen();
const rpcUrl = `http://${listening.address}:${listening.port}`;
const connection = await network.create({ network: "localhost", override: { url: rpcUrl } });
const provider = connection.ethers.provider;
// Ignition keeps a journal per deployment id for HTTP networks: a fresh id for this fresh chain.
const DEPLOYMENT_ID = `indexer-test-${process.pid}-${Date.now()}`;

/** Every row of a paged list, following cursors. */
async function all<T>(read: (options: PageOptions) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await read({ limit: 1000, after });
    rows.push(...page.items);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return rows;
    after = page.pageInfo.endCursor;
  }
}

describe("the indexer against the seeded demo DAO", function () {
  this.timeout(600_000);
  let dao: DAOContracts;
  let deployment: Deployment;
  let indexer: RunningIndexer;
  let client: IndexerClient;
  let databaseDir: string;

  before(async function () {
    const deployed = await deployCoverDAO(connection, { deploymentId: DEPLOYMENT_ID });
    dao = deployed.contracts;
    deployment = deployed.deployment;
    await seedDemoDAO(connection, dao);
    databaseDir = mkdtempSync(path.join(os.tmpdir(), "coverdao-indexer-test-"));
    indexer = await startIndexer({ deployment, rpcUrl, port: 0, databaseDir, fresh: true, pollingMs: 500 });
    await indexer.ready(300_000);
    client = new IndexerClient(indexer.url);
  });

  after(async () => {
    await indexer?.stop();
    if (databaseDir) rmSync(databaseDir, { recursive: true, force: true });
    rmSync(path.join(REPO_ROOT, "ignition", "deployments", DEPLOYMENT_ID), { recursive: true, force: true });
    await connection.close();
    await server.close();
  });

  it("has every proposal, with tallies equal to the Governor's proposalVotes", async () => {
    const created = await dao.CoverGovernor.queryFilter(dao.CoverGovernor.filters.ProposalCreated());
    const proposals = await all((options) => client.proposals(options));
    expect(proposals.map((p) => p.id).sort()).to.deep.equal(created.map((e) => e.args.proposalId).sort());
    expect(proposals.length).to.be.greaterThan(2);
    for (const proposal of proposals) {
      const [against, forVotes, abstain] = await dao.CoverGovernor.proposalVotes(proposal.id);
      expect([proposal.againstVotes, proposal.forVotes, proposal.abstainVotes], proposal.title).to.deep.equal(
        [against, forVotes, abstain],
      );
      expect(proposal.deadline).to.equal(await dao.CoverGovernor.proposalDeadline(proposal.id));
    }
    // The events' status agrees with the chain's state where an event decides it.
    for (const proposal of proposals.filter((p) => p.status !== "Created")) {
      const state = Number(await dao.CoverGovernor.state(proposal.id));
      const expected: Record<string, number> = { Queued: 5, Executed: 7, Canceled: 2 };
      expect(expected[proposal.status]).to.equal(state);
    }
  });

  it("lists each proposal's voters exactly as the VoteCast events, heaviest first", async () => {
    const events = await dao.CoverGovernor.queryFilter(dao.CoverGovernor.filters.VoteCast());
    expect(events.length).to.be.greaterThan(5);
    const proposals = await all((options) => client.proposals(options));
    for (const proposal of proposals) {
      const onChain = events
        .filter((e) => e.args.proposalId === proposal.id)
        .map((e) => ({
          voter: e.args.voter.toLowerCase(),
          support: Number(e.args.support),
          weight: e.args.weight,
          reason: e.args.reason,
          tx: e.transactionHash,
        }));
      const voters = await all((options) => client.proposalVoters(proposal.id, options));
      const indexed = voters.map((v) => ({
        voter: v.voter,
        support: v.support,
        weight: v.weight,
        reason: v.reason,
        tx: v.tx,
      }));
      const byVoter = (a: { voter: string }, b: { voter: string }) => a.voter.localeCompare(b.voter);
      expect([...indexed].sort(byVoter), proposal.title).to.deep.equal([...onChain].sort(byVoter));
      expect(proposal.voterCount).to.equal(onChain.length);
      for (let i = 1; i < voters.length; i++)
        expect(voters[i - 1]!.weight >= voters[i]!.weight).to.equal(true);
    }
  });

  it("gives every delegate the token's getVotes and the number of accounts delegating to it", async () => {
    const delegates = await all((options) => client.delegates({ ...options, withPowerOnly: false }));
    const withPower = delegates.filter((d) => d.votingPower > 0n);
    expect(withPower.length).to.be.greaterThan(3);
    for (const row of delegates) {
      expect(row.votingPower, row.id).to.equal(await dao.GovernanceToken.getVotes(row.id));
    }
    // Delegators: every account the token knows of (each holder row), grouped by its current delegate.
    const holders = await all((options) => client.holders(options));
    const counts = new Map<string, number>();
    for (const holder of holders) {
      expect(holder.balance, holder.id).to.equal(await dao.GovernanceToken.balanceOf(holder.id));
      const current = (await dao.GovernanceToken.delegates(holder.id)).toLowerCase();
      expect(holder.delegate ?? "0x0000000000000000000000000000000000000000").to.equal(current);
      if (current !== "0x0000000000000000000000000000000000000000")
        counts.set(current, (counts.get(current) ?? 0) + 1);
    }
    for (const row of delegates) expect(row.delegatorsCount, row.id).to.equal(counts.get(row.id) ?? 0);
    // The directory's first page is sorted by power.
    const first = await client.delegates({ limit: 3 });
    expect(first.items.map((d) => d.id)).to.deep.equal(
      [...withPower]
        .sort((a, b) => (b.votingPower > a.votingPower ? 1 : -1))
        .slice(0, 3)
        .map((d) => d.id),
    );
  });

  it("shows a delegate's profile equal to the chain: power, delegators and votes", async () => {
    const [top] = (await client.delegates({ limit: 1 })).items;
    const profile = await client.delegateProfile(top!.id);
    expect(profile.delegate?.votingPower).to.equal(await dao.GovernanceToken.getVotes(top!.id));
    const votes = await dao.CoverGovernor.queryFilter(dao.CoverGovernor.filters.VoteCast(top!.id));
    expect(profile.votes.totalCount).to.equal(votes.length);
    for (const delegator of profile.delegators.items) {
      expect((await dao.GovernanceToken.delegates(delegator.id)).toLowerCase()).to.equal(top!.id);
    }
    // The power series ends at the current power.
    expect(profile.power.at(-1)?.votingPower).to.equal(profile.delegate?.votingPower);
    const activity = await client.activity(top!.id, { limit: 100 });
    expect(activity.items.filter((line) => line.kind === "vote").length).to.equal(votes.length);
  });

  it("counts every claim, with assessors' tallies and voters equal to the chain's", async () => {
    const claims = await all((options) => client.claims(options));
    expect(claims.length).to.equal(Number(await dao.CoverClaims.claimCount()));
    expect(claims.length).to.be.greaterThan(2);
    const events = await dao.CoverClaims.queryFilter(dao.CoverClaims.filters.ClaimVoteCast());
    for (const row of claims) {
      const onChain = await dao.CoverClaims.claim(row.id);
      expect([row.yesWeight, row.noWeight], `claim ${row.id}`).to.deep.equal([
        onChain.yesWeight,
        onChain.noWeight,
      ]);
      expect(row.coverId).to.equal(onChain.coverId);
      expect(row.claimant).to.equal(onChain.claimant.toLowerCase());
      expect(row.parametric).to.equal(onChain.parametric);
      const voters = await all((options) => client.claimVoters(row.id, options));
      const expected = events
        .filter((e) => e.args.claimId === row.id)
        .map((e) => `${e.args.voter.toLowerCase()} ${e.args.support} ${e.args.weight}`)
        .sort();
      expect(voters.map((v) => `${v.voter} ${v.support} ${v.weight}`).sort()).to.deep.equal(expected);
    }
    const paid = await dao.CoverClaims.queryFilter(dao.CoverClaims.filters.ClaimPaid());
    expect(
      claims
        .filter((c) => c.outcome === "Paid")
        .map((c) => c.id)
        .sort(),
    ).to.deep.equal(paid.map((e) => e.args.claimId).sort());
  });

  it("counts every cover and product, and ends each pool's series at its capital on chain", async () => {
    const covers = await all((options) => client.covers(options));
    expect(covers.length).to.equal(Number(await dao.CoverBook.coverCount()));
    const products = await all((options) => client.products(options));
    for (const product of products) {
      const onChain = await dao.CoverBook.product(product.id);
      expect(product.pool).to.equal(onChain.pool.toLowerCase());
      expect(product.active).to.equal(onChain.active);
      expect(product.coversSold).to.equal(covers.filter((c) => c.productId === product.id).length);
    }
    for (const pool of [dao.WethPool, dao.StablecoinPool]) {
      const address = (await pool.getAddress()).toLowerCase();
      const series = await all((options) => client.poolSeries(address, options));
      expect(series.length).to.be.greaterThan(2);
      const state = await pool.poolState();
      const last = series.at(-1)!;
      // Capital moves with time (premiums earn): compare at the snapshot's block.
      const atBlock = await pool.poolState({ blockTag: Number(last.block) });
      expect([last.capital, last.activeCover, last.openLiabilities]).to.deep.equal([
        atBlock.capital,
        atBlock.activeCover,
        atBlock.openLiabilities,
      ]);
      expect(last.capital > 0n && state.capital > 0n).to.equal(true);
      for (let i = 1; i < series.length; i++)
        expect(series[i - 1]!.timestamp <= series[i]!.timestamp).to.equal(true);
    }
  });

  it("says behind while new blocks are not indexed yet, ok once they are, and down once stopped", async () => {
    const head = () => provider.getBlockNumber();
    const before = await client.health(head);
    expect(before.state, before.message).to.equal("ok");
    // Ten blocks at once (evm_mine each: `hardhat_mine`'s reserved blocks have no parent hash Ponder can follow);
    // the indexer polls every 500 ms, so it sees them a moment later.
    let sawBehind = false;
    for (let attempt = 0; attempt < 3 && !sawBehind; attempt++) {
      for (let i = 0; i < 10; i++) await provider.send("evm_mine", []);
      const health = await client.health(head);
      if (health.state === "behind") {
        sawBehind = true;
        expect(health.lag).to.be.greaterThan(3);
        expect(health.message).to.match(/behind the chain/);
      }
    }
    expect(sawBehind).to.equal(true);
    const deadline = Date.now() + 60_000;
    let state = (await client.health(head)).state;
    while (state !== "ok" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = (await client.health(head)).state;
    }
    expect(state).to.equal("ok");

    await indexer.stop();
    const down = await client.health(head);
    expect(down.state).to.equal("down");
    expect(down.message).to.match(/History is unavailable: the indexer at .* is down/);
    let refused: unknown;
    await client.proposals().catch((error: unknown) => (refused = error));
    expect((refused as Error)?.name).to.equal("IndexerError");
  });
});
