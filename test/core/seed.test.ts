import { expect } from "chai";
import { network } from "hardhat";

import { RISK_TYPES } from "../../ignition/modules/Pool.js";
import {
  CLAIM_STATES,
  type DAOContracts,
  PROPOSAL_STATES,
  listClaims,
  readPoolState,
  readWithdrawal,
} from "@coverdao/core/node";
import { deployCoverDAO } from "@coverdao/core/deploy";
import { RISK_TYPE_NAMES, SEED_TIME_SPAN, type SeedResult, TREASURY, seedDemoDAO } from "@coverdao/core/seed";
import { hubGet } from "@coverdao/core/snapshot";
import {
  type DevHub,
  type Results,
  type StoredProposal,
  buildSpaceSettings,
  chainClock,
  startHub,
} from "@coverdao/core/snapshot/node";

const connection = await network.create();
const provider = connection.ethers.provider;
const SPACE = "coverdao.eth";

describe("npm start's demo DAO: the seed", function () {
  let dao: DAOContracts;
  let hub: DevHub;
  let seeded: SeedResult;
  let travelled: number;

  before(async function () {
    const deployed = await deployCoverDAO(connection);
    dao = deployed.contracts;
    const settings = await buildSpaceSettings(deployed.deployment, provider);
    const clock = chainClock(provider);
    hub = await startHub({ space: SPACE, settings, provider, database: ":memory:", port: 0, now: clock });
    const start = await clock();
    seeded = await seedDemoDAO(connection, dao, {
      snapshot: { hubUrl: hub.url, space: SPACE, settings, now: clock },
    });
    travelled = (await clock()) - start;
  });

  after(async () => {
    await hub?.close();
  });

  it("gives the Timelock a treasury that proposals can spend", async () => {
    expect(await dao.GovernanceToken.balanceOf(await dao.CoverTimelock.getAddress())).to.equal(TREASURY);
  });

  it("funds both pools from several underwriters", async () => {
    for (const pool of [dao.WethPool, dao.StablecoinPool]) {
      const state = await readPoolState(pool);
      expect(state.capital).to.be.greaterThan(0n);
      expect(state.activeCover).to.be.greaterThan(0n);
      const holders = seeded.accounts.filter((a) => a.role.startsWith("underwriter"));
      const withShares = await Promise.all(holders.map((h) => pool.balanceOf(h.address)));
      expect(withShares.filter((shares) => shares > 0n).length).to.be.at.least(2);
    }
    const usd = await readPoolState(dao.StablecoinPool);
    expect(usd.assetDecimals).to.equal(6);
    const peggy = seeded.accounts.find((a) => a.name === "Peggy")!;
    expect((await readWithdrawal(dao.WethPool, peggy.address)).status).to.equal("cooling-down");
    expect(seeded.pools.map((p) => p.name)).to.deep.equal(["WethPool", "StablecoinPool"]);
  });

  it("sells covers of every risk type, still running at the end", async () => {
    const now = BigInt((await provider.getBlock("latest"))!.timestamp);
    const running = new Set<number>();
    for (let id = 1n; id <= (await dao.CoverBook.coverCount()); id++) {
      const cover = await dao.CoverBook.cover(id);
      const product = await dao.CoverBook.product(cover.productId);
      if (cover.end > now) running.add(Number(product.riskType));
    }
    expect([...running].sort()).to.deep.equal(Object.values(RISK_TYPES).sort());
    expect(new Set(seeded.covers.map((c) => c.riskType))).to.deep.equal(new Set(RISK_TYPE_NAMES));
  });

  it("leaves a claim in its assessors' vote, a paid assessed claim and approved parametric claims", async () => {
    const claims = await listClaims(dao);
    const voting = claims.filter((c) => c.state === "Voting");
    expect(voting).to.have.length(1);
    expect(voting[0].yesWeight).to.be.greaterThan(0n);
    expect(voting[0].noWeight).to.be.greaterThan(0n);
    const paidAssessed = claims.filter((c) => !c.parametric && c.state === "Paid");
    expect(paidAssessed.map((c) => c.decision)).to.deep.equal(["Assessors"]);
    const parametric = claims.filter((c) => c.parametric);
    expect(parametric.map((c) => c.decision)).to.deep.equal(["PriceFeed", "PriceFeed"]);
    expect(parametric.map((c) => c.state).sort()).to.deep.equal(["Approved", "Paid"]);
    // What the seed reports is what the chain says.
    expect(seeded.claims.map((c) => [c.id, c.state]).sort()).to.deep.equal(
      claims.map((c) => [c.id, c.state]).sort(),
    );
    expect(CLAIM_STATES).to.include.members(seeded.claims.map((c) => c.state));
  });

  it("leaves proposals executed, queued and active, the listing of the new products executed", async () => {
    const states = await Promise.all(
      seeded.proposals.map(async (p) => PROPOSAL_STATES[Number(await dao.CoverGovernor.state(p.id))]),
    );
    expect(states).to.deep.equal(["Executed", "Executed", "Queued", "Active"]);
    expect(seeded.proposals.map((p) => p.state)).to.deep.equal(states);
    expect(await dao.CoverBook.productCount()).to.equal(4n);
  });

  it("opens a temperature check on the hub, voted and still open, served with CORS headers", async () => {
    expect(seeded.tempChecks).to.have.length(1);
    const response = await fetch(`${hub.url}/api/proposals`, {
      headers: { Origin: "http://127.0.0.1:5173" },
    });
    expect(response.headers.get("access-control-allow-origin")).to.equal("*");
    const proposals = (await response.json()) as (StoredProposal & { state: string })[];
    expect(proposals.map((p) => [p.id, p.state])).to.deep.equal([[seeded.tempChecks[0].id, "active"]]);
    const results = await hubGet<Results>(hub.url, `/api/proposals/${seeded.tempChecks[0].id}/results`);
    expect(results.votes).to.equal(4);
    expect(results.scoresWei.map(BigInt).every((score) => score > 0n)).to.equal(true);
  });

  it("answers the hub's health check with the chain's clock", async () => {
    const health = await hubGet<{ status: string; space: string; time: number }>(hub.url, "/api/health");
    const latest = (await provider.getBlock("latest"))!.timestamp;
    expect(health.status).to.equal("ok");
    expect(health.space).to.equal(SPACE);
    expect(health.time).to.be.within(latest, latest + 60);
  });

  it("travels no more than SEED_TIME_SPAN, which npm start subtracts from the chain's start", () => {
    expect(travelled).to.be.at.most(SEED_TIME_SPAN);
    expect(travelled).to.be.greaterThan(SEED_TIME_SPAN - 2 * 3_600);
  });
});
