import { expect } from "chai";
import { network } from "hardhat";

import { selector } from "../../ignition/modules/Governance.js";
import { readPoolState } from "../../scripts/lib/pool.js";
import { decodeError } from "../../scripts/lib/errors.js";
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

  it("sets the function roles: COVER for the cover book, CLAIMS for payouts, GUARDIAN for pause", async () => {
    const { c } = await networkHelpers.loadFixture(fixture);
    const manager = c.DAOAccessManager;
    const book = await c.CoverBook.getAddress();
    const role = (target: string, signature: string) =>
      manager.getTargetFunctionRole(target, selector(signature));
    for (const pool of [await c.WethPool.getAddress(), await c.StablecoinPool.getAddress()]) {
      expect(await role(pool, "addCover(uint256,uint256,uint256,uint48)")).to.equal(ROLE.COVER);
      expect(await role(pool, "payClaim(address,uint256,uint48)")).to.equal(ROLE.COVER);
      expect(await role(pool, "payAssessorReward(address,uint256)")).to.equal(ROLE.CLAIMS);
      expect(await role(pool, "pause()")).to.equal(ROLE.GUARDIAN);
      expect(await role(pool, "setCapacityRatio(uint16)")).to.equal(ROLE.ADMIN);
    }
    const payout = selector("payout(uint256,address,uint256)");
    expect(await manager.getTargetFunctionRole(book, payout)).to.equal(ROLE.CLAIMS);
    expect((await manager.hasRole(ROLE.COVER, book))[0]).to.equal(true);
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
