import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { type Signer, formatEther, parseEther } from "ethers";
import { network } from "hardhat";

import {
  type Receipt,
  SnapshotClient,
  SnapshotHubError,
  hubGet,
  snapshot,
  v5SignerAdapter,
} from "@coverdao/core/snapshot";
import {
  type DevHub,
  type Envelope,
  type Results,
  type SpaceSettings,
  type StoredProposal,
  type StoredVote,
  buildSpaceSettings,
  startHub,
} from "@coverdao/core/snapshot/node";
import { type Voters, daoWithVoters } from "../helpers/dao.js";
import type { DeployedDAO } from "@coverdao/core/deploy";

const connection = await network.create();
const { networkHelpers } = connection;
const provider = connection.ethers.provider;
const SPACE = "coverdao.eth";

/** One clock for the clients and the hub, moved by the tests (Snapshot times are wall-clock seconds). */
let clock = Math.floor(Date.now() / 1000);
const now = () => clock;

describe("Snapshot: signed temperature checks on the development hub", function () {
  let dao: DeployedDAO & Voters;
  let settings: SpaceSettings;
  let hub: DevHub;
  let database: string;
  let snapshotBlock: number;

  const client = (signer: Signer, at: () => number = now) =>
    new SnapshotClient({ signer, hubUrl: hub.url, now: at });

  const open = (options: { port?: number } = {}) =>
    startHub({ space: SPACE, settings, provider, database, port: options.port ?? 0, now });

  /** The exact envelope snapshot.js's Client712 would post, captured instead of sent. */
  async function capture(
    signer: Signer,
    from: string,
    kind: "proposal" | "vote",
    message: Record<string, unknown>,
  ): Promise<Envelope> {
    const c = new snapshot.Client712(hub.url);
    Object.assign(c, { send: async (envelope: Envelope) => envelope });
    const web3 = v5SignerAdapter(signer) as unknown as Parameters<typeof c.proposal>[0];
    const signed =
      kind === "proposal" ? c.proposal(web3, from, message as never) : c.vote(web3, from, message as never);
    return (await signed) as unknown as Envelope;
  }

  async function post(envelope: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(hub.url, { method: "POST", body: JSON.stringify(envelope) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const proposalMessage = (overrides: Record<string, unknown> = {}) => ({
    space: SPACE,
    timestamp: clock,
    type: "basic",
    title: "Temperature check: lower the unstake cooldown to 5 days",
    body: "Assessors ask for a shorter cooldown.",
    discussion: "",
    choices: ["For", "Against", "Abstain"],
    labels: [],
    start: clock + settings.voting.delay,
    end: clock + settings.voting.delay + settings.voting.period,
    snapshot: snapshotBlock,
    plugins: "{}",
    ...overrides,
  });

  /** Expects a refusal mentioning `pattern`, and nothing new in the database. */
  async function expectRefused(attempt: () => Promise<unknown>, pattern: RegExp): Promise<void> {
    const before = hub.store.counts();
    let refusal: unknown;
    try {
      await attempt();
    } catch (error) {
      refusal = error;
    }
    expect(refusal, "the hub accepted the message").to.be.instanceOf(Error);
    expect((refusal as Error).message).to.match(pattern);
    expect(hub.store.counts()).to.deep.equal(before);
  }

  before(async function () {
    dao = await daoWithVoters(connection);
    const { GovernanceToken: token, StakingVault: staking } = dao.contracts;
    // Carol delegates her 300k to Bob; Dave stakes his 5k: power = held + staked, delegation respected.
    await (await token.connect(dao.carol).delegate(dao.bob.address)).wait();
    await (await token.connect(dao.dave).approve(await staking.getAddress(), parseEther("5000"))).wait();
    await (await staking.connect(dao.dave).stake(parseEther("5000"))).wait();
    await networkHelpers.mine();
    snapshotBlock = await provider.getBlockNumber();
    // After the snapshot, power moves: none of this may count.
    await (await token.connect(dao.bob).transfer(dao.outsider.address, parseEther("100000"))).wait();
    await networkHelpers.mine();
    settings = await buildSpaceSettings(dao.deployment, provider);
    database = path.join(mkdtempSync(path.join(tmpdir(), "coverdao-hub-")), "hub.sqlite");
    hub = await open();
  });

  after(async () => {
    await hub?.close();
  });

  let proposalId: string;

  it("signs, posts, verifies and tallies: the tally equals on-chain voting power at the snapshot", async () => {
    clock = Math.floor(Date.now() / 1000);
    const receipt: Receipt = await client(dao.alice).createTempCheck({
      space: SPACE,
      title: "Temperature check: lower the unstake cooldown to 5 days",
      body: "Assessors ask for a shorter cooldown.",
      snapshot: snapshotBlock,
      voting: settings.voting,
    });
    proposalId = receipt.id;
    expect(proposalId).to.match(/^0x[0-9a-f]{64}$/);
    const proposal = await hubGet<StoredProposal & { state: string }>(
      hub.url,
      `/api/proposals/${proposalId}`,
    );
    expect(proposal).to.deep.include({
      author: dao.alice.address,
      snapshot: snapshotBlock,
      state: "pending",
    });
    await expectRefused(() => client(dao.bob).vote(SPACE, proposalId, 1), /voting has not started/);

    clock = proposal.start + 60;
    await client(dao.alice).vote(SPACE, proposalId, 1, "Shorter cooldowns bring assessors");
    await client(dao.bob).vote(SPACE, proposalId, 2, "Too short for large claims");
    await client(dao.dave).vote(SPACE, proposalId, 3);

    const { GovernanceToken: token } = dao.contracts;
    const at = (await provider.getBlock(snapshotBlock))!.timestamp;
    const [alice, bob, dave] = await Promise.all(
      [dao.alice, dao.bob, dao.dave].map((v) => token.getPastVotes(v.address, at)),
    );
    expect([alice, bob, dave]).to.deep.equal([
      parseEther("1500000"),
      parseEther("700000"),
      parseEther("5000"),
    ]);

    const results = await hubGet<Results>(hub.url, `/api/proposals/${proposalId}/results`);
    expect(results.scoresWei).to.deep.equal([alice.toString(), bob.toString(), dave.toString()]);
    expect(results.scoresTotalWei).to.equal((alice + bob + dave).toString());
    expect(results.scores).to.deep.equal([alice, bob, dave].map((v) => Number(formatEther(v))));
    expect(results).to.deep.include({ state: "active", votes: 3, quorum: 400_000, quorumReached: true });

    const votes = await hubGet<StoredVote[]>(hub.url, `/api/proposals/${proposalId}/votes`);
    expect(votes.map((v) => [v.voter, v.choice, v.reason])).to.deep.equal([
      [dao.alice.address, 1, "Shorter cooldowns bring assessors"],
      [dao.bob.address, 2, "Too short for large claims"],
      [dao.dave.address, 3, ""],
    ]);
    const list = await hubGet<StoredProposal[]>(hub.url, "/api/proposals");
    expect(list.map((p) => p.id)).to.deep.equal([proposalId]);
  });

  it("refuses a forged signature", async () => {
    // Bob's key signs a message claiming to come from Alice.
    const forged = await capture(dao.bob, dao.alice.address, "proposal", proposalMessage());
    await expectRefused(async () => {
      const { status, body } = await post(forged);
      expect(status).to.equal(400);
      throw new Error(String(body.error_description));
    }, /signature not valid/);
    // A genuine envelope whose message was edited after signing.
    const genuine = structuredClone(
      await capture(dao.alice, dao.alice.address, "proposal", proposalMessage()),
    );
    genuine.data.message.title = "Something else";
    await expectRefused(() => hub.submit(genuine), /signature not valid/);
  });

  it("refuses a replayed message", async () => {
    const envelope = await capture(
      dao.alice,
      dao.alice.address,
      "proposal",
      proposalMessage({ title: "Replay me" }),
    );
    expect((await post(envelope)).status).to.equal(200);
    await expectRefused(async () => {
      const { status, body } = await post(envelope);
      expect(status).to.equal(400);
      throw new Error(String(body.error_description));
    }, /duplicate message/);
  });

  it("refuses the wrong space, a timestamp out of the window, and unknown types", async () => {
    await expectRefused(
      () =>
        client(dao.alice).createTempCheck({
          space: "other.eth",
          title: "T",
          body: "B",
          snapshot: snapshotBlock,
          voting: settings.voting,
        }),
      /wrong space: this hub serves coverdao\.eth, not other\.eth/,
    );
    const stale = () => clock - 3600;
    await expectRefused(
      () =>
        client(dao.alice, stale).createTempCheck({
          space: SPACE,
          title: "T",
          body: "B",
          snapshot: snapshotBlock,
          voting: settings.voting,
        }),
      /wrong timestamp/,
    );
    const envelope = await capture(
      dao.alice,
      dao.alice.address,
      "proposal",
      proposalMessage({ title: "Types" }),
    );
    // Cloned: Client712's envelope shares snapshot.js's own type objects.
    envelope.data = structuredClone(envelope.data);
    envelope.data.types.Proposal = envelope.data.types.Proposal.filter((field) => field.name !== "app");
    await expectRefused(() => hub.submit(envelope), /wrong types: not one of snapshot.js/);
    envelope.data.domain = { name: "snapshot", version: "0.1.4", chainId: 1 };
    await expectRefused(() => hub.submit(envelope), /wrong domain/);
  });

  it("refuses oversized messages", async () => {
    await expectRefused(
      () =>
        client(dao.alice).createTempCheck({
          space: SPACE,
          title: "Long",
          body: "x".repeat(20_000),
          snapshot: snapshotBlock,
          voting: settings.voting,
        }),
      /proposal body too long: 20000 characters, at most 10000/,
    );
    await expectRefused(async () => {
      const { status, body } = await post({ padding: "x".repeat(200_000) });
      expect(status).to.equal(413);
      throw new Error(String(body.error_description));
    }, /message too large/);
  });

  it("refuses a voter without power and an author under the proposal threshold", async () => {
    await expectRefused(() => client(dao.outsider).vote(SPACE, proposalId, 1), /no voting power/);
    await expectRefused(
      () =>
        client(dao.dave).createTempCheck({
          space: SPACE,
          title: "Dave",
          body: "B",
          snapshot: snapshotBlock,
          voting: settings.voting,
        }),
      /validation failed: .* has 5000 voting power .* proposing needs 10000/,
    );
  });

  it("refuses a vote on a closed proposal", async () => {
    const proposal = await hubGet<StoredProposal>(hub.url, `/api/proposals/${proposalId}`);
    clock = proposal.end + 1;
    await expectRefused(() => client(dao.carol).vote(SPACE, proposalId, 1), /voting is closed/);
    const err = await client(dao.alice)
      .vote(SPACE, proposalId, 2)
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(SnapshotHubError);
  });

  it("loses nothing across a restart of the hub (database closed and reopened)", async () => {
    const before = {
      counts: hub.store.counts(),
      proposals: await hubGet<unknown>(hub.url, "/api/proposals"),
      votes: await hubGet<unknown>(hub.url, `/api/proposals/${proposalId}/votes`),
      results: await hubGet<unknown>(hub.url, `/api/proposals/${proposalId}/results`),
    };
    await hub.close();
    hub = await open();
    expect(hub.store.counts()).to.deep.equal(before.counts);
    expect(await hubGet<unknown>(hub.url, "/api/proposals")).to.deep.equal(before.proposals);
    expect(await hubGet<unknown>(hub.url, `/api/proposals/${proposalId}/votes`)).to.deep.equal(before.votes);
    expect(await hubGet<unknown>(hub.url, `/api/proposals/${proposalId}/results`)).to.deep.equal(
      before.results,
    );
    // Replay protection survives too.
    const envelope = JSON.parse(
      (hub.store.db.prepare("SELECT envelope FROM messages LIMIT 1").get() as { envelope: string }).envelope,
    ) as Envelope;
    await expectRefused(() => hub.submit(envelope), /duplicate message/);
  });
});
