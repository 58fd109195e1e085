import { expect } from "chai";
import { network } from "hardhat";

import { selector } from "../../ignition/modules/Governance.js";
import { decodeError, readPoolState } from "@coverdao/core/node";
import { ROLE, poolFixture } from "./fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => poolFixture(connection);

describe("Pool deployment (Ignition)", () => {
  it("deploys both pools on their assets with local tokens and the settable feed", async () => {
    const { c } = await networkHelpers.loadFixture(fixture);
    expect(await c.WethPool.asset()).to.equal(await c.WETH.getAddress());
    expect(await c.StablecoinPool.asset()).to.equal(await c.Stablecoin.getAddress());
    expect(await c.Stablecoin.decimals()).to.equal(6n);
    expect((await c.DepegFeed.latestRoundData()).answer).to.equal(100_000_000n);
    const state = await readPoolState(c.StablecoinPool);
    expect(state.assetDecimals).to.equal(6);
    expect(state.shareDecimals).to.equal(12);
    expect(state.capacityRatioBps).to.equal(9_000n);
    expect(state.withdrawalCooldown).to.equal(7n * 24n * 3600n);
  });

  it("wires the cover book into both pools and sets the roles: CLAIMS for rewards, GUARDIAN for pause", async () => {
    const { c } = await networkHelpers.loadFixture(fixture);
    const manager = c.DAOAccessManager;
    const book = await c.CoverBook.getAddress();
    const role = (target: string, signature: string) =>
      manager.getTargetFunctionRole(target, selector(signature));
    for (const pool of [c.WethPool, c.StablecoinPool]) {
      const address = await pool.getAddress();
      // The cover hooks check the caller against the governed cover book, not an AccessManager role.
      expect(await pool.coverBook()).to.equal(book);
      expect(await role(address, "setCoverBook(address)")).to.equal(ROLE.ADMIN);
      expect(await role(address, "payAssessorReward(address,uint256)")).to.equal(ROLE.CLAIMS);
      expect(await role(address, "pause()")).to.equal(ROLE.GUARDIAN);
      expect(await role(address, "setCapacityRatio(uint16)")).to.equal(ROLE.ADMIN);
    }
    expect(await role(book, "setClaimsModule(address)")).to.equal(ROLE.ADMIN);
    expect(await role(book, "pause()")).to.equal(ROLE.GUARDIAN);
    // The cover book holds no role at all: the pools trust it by address, not through the manager.
    for (const roleId of Object.values(ROLE))
      expect((await manager.hasRole(roleId, book))[0]).to.equal(false);
  });

  it("decodes the new errors into plain sentences", async () => {
    const { c } = await networkHelpers.loadFixture(fixture);
    const data = c.CoverBook.interface.encodeErrorResult("CoverPremiumAboveMax", [120n, 100n]);
    expect(decodeError(data)?.message).to.equal(
      "The premium is now 120, above your maximum of 100: refresh the quote and try again.",
    );
    const pool = c.WethPool.interface.encodeErrorResult("PoolNoFreeCapital", [10n, 9n]);
    expect(decodeError(pool)?.name).to.equal("PoolNoFreeCapital");
  });
});
