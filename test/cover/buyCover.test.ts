import { expect } from "chai";
import { network } from "hardhat";
import { parseEther } from "ethers";

import { DAY, PRODUCT, USD, now, poolFixture } from "../pool/fixture.js";
import { productParams } from "@coverdao/core/node";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => poolFixture(connection);
const P = PRODUCT.WETH_SMART_CONTRACT;

async function withCapital() {
  const f = await networkHelpers.loadFixture(fixture);
  await f.c.WethPool.connect(f.alice).deposit(parseEther("100"), f.alice.address);
  await f.c.StablecoinPool.connect(f.alice).deposit(USD(100_000), f.alice.address);
  return f;
}

describe("CoverBook: buyCover", () => {
  it("mints the cover ERC-721 to the buyer and records the cover", async () => {
    const { c, bob } = await withCapital();
    const premium = await c.CoverBook.quote(P, parseEther("10"), 90n * DAY);
    const tx = c.CoverBook.connect(bob).buyCover(P, parseEther("10"), 90n * DAY, premium);
    const start = (await now(connection)) + 1n;
    await expect(tx)
      .to.emit(c.CoverBook, "CoverBought")
      .withArgs(1n, P, bob.address, parseEther("10"), start, start + 90n * DAY, premium);
    await expect(tx)
      .to.emit(c.CoverBook, "Transfer")
      .withArgs(connection.ethers.ZeroAddress, bob.address, 1n);
    expect(await c.CoverBook.ownerOf(1n)).to.equal(bob.address);
    const cover = await c.CoverBook.cover(1n);
    expect([
      cover.productId,
      cover.amount,
      cover.start,
      cover.end,
      cover.paidOut,
      cover.shortfall,
      cover.latestClaim,
    ]).to.deep.equal([P, parseEther("10"), start, start + 90n * DAY, 0n, 0n, 0n]);
    expect(await c.CoverBook.coverCount()).to.equal(1n);
    expect(await c.CoverBook.poolOf(1n)).to.equal(await c.WethPool.getAddress());
    expect(await c.CoverBook.remainingAmount(1n)).to.equal(parseEther("10"));
  });

  it("sells stablecoin cover from the 6-decimal pool", async () => {
    const { c, bob } = await withCapital();
    const premium = await c.CoverBook.quote(PRODUCT.STABLE_DEPEG, USD(10_000), 30n * DAY);
    await expect(
      c.CoverBook.connect(bob).buyCover(PRODUCT.STABLE_DEPEG, USD(10_000), 30n * DAY, premium),
    ).to.changeTokenBalance(connection.ethers, c.Stablecoin, bob, -premium);
    expect(await c.StablecoinPool.activeCover()).to.equal(USD(10_000));
  });

  it("the premium rises with the pool's utilization", async () => {
    const { c, bob } = await withCapital();
    const first = await c.CoverBook.quote(P, parseEther("10"), 90n * DAY);
    await c.CoverBook.connect(bob).buyCover(P, parseEther("60"), 90n * DAY, parseEther("10"));
    const later = await c.CoverBook.quote(P, parseEther("10"), 90n * DAY);
    expect(later).to.be.greaterThan(first);
  });

  it("reverts with CoverPremiumAboveMax carrying the premium and the cap", async () => {
    const { c, bob } = await withCapital();
    const premium = await c.CoverBook.quote(P, parseEther("10"), 90n * DAY);
    await expect(c.CoverBook.connect(bob).buyCover(P, parseEther("10"), 90n * DAY, premium - 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverPremiumAboveMax")
      .withArgs(premium, premium - 1n);
  });

  it("reverts with CoverInsufficientCapacity stating what is available", async () => {
    const { c, bob } = await withCapital();
    // Product capacity 80 % of 100 ETH.
    await expect(c.CoverBook.connect(bob).buyCover(P, parseEther("81"), 90n * DAY, parseEther("100")))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverInsufficientCapacity")
      .withArgs(P, parseEther("81"), parseEther("80"));
    expect(await c.CoverBook.availableCapacity(P)).to.equal(parseEther("80"));
    await c.CoverBook.connect(bob).buyCover(P, parseEther("80"), 90n * DAY, parseEther("100"));
    // Only the premium earned since (a few wei of capital) is free now.
    await expect(c.CoverBook.connect(bob).buyCover(P, parseEther("1"), 90n * DAY, parseEther("1")))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverInsufficientCapacity")
      .withArgs(P, parseEther("1"), (available: bigint) => available < parseEther("0.001"));
  });

  it("expired covers free their capacity", async () => {
    const { c, bob } = await withCapital();
    await c.CoverBook.connect(bob).buyCover(P, parseEther("80"), 28n * DAY, parseEther("100"));
    expect(await c.CoverBook.availableCapacity(P)).to.equal(0n);
    await networkHelpers.time.increase(29n * DAY);
    expect(await c.CoverBook.availableCapacity(P)).to.be.greaterThanOrEqual(parseEther("80"));
    await c.CoverBook.connect(bob).buyCover(P, parseEther("80"), 28n * DAY, parseEther("100"));
  });

  it("reverts on unknown or inactive products, zero amounts and periods out of range", async () => {
    const { c, bob, timelock } = await withCapital();
    await expect(c.CoverBook.connect(bob).buyCover(7n, 1n, 30n * DAY, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverProductNotFound")
      .withArgs(7n);
    await expect(c.CoverBook.connect(bob).buyCover(P, 0n, 30n * DAY, 1n)).to.be.revertedWithCustomError(
      c.CoverBook,
      "CoverZeroAmount",
    );
    await expect(c.CoverBook.connect(bob).buyCover(P, 1n, 27n * DAY, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverPeriodOutOfRange")
      .withArgs(27n * DAY, 28n * DAY, 365n * DAY);
    await expect(c.CoverBook.connect(bob).buyCover(P, 1n, 366n * DAY, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverPeriodOutOfRange")
      .withArgs(366n * DAY, 28n * DAY, 365n * DAY);
    await c.CoverBook.connect(timelock).updateProduct(P, {
      ...(await productParams(c.CoverBook, P)),
      name: "off",
      active: false,
    });
    await expect(c.CoverBook.connect(bob).buyCover(P, 1n, 30n * DAY, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverProductInactive")
      .withArgs(P);
  });

  it("the guardian pauses new covers (GuardianPausedUntil)", async () => {
    const { c, bob, guardian } = await withCapital();
    await c.CoverBook.connect(guardian).pause();
    await expect(
      c.CoverBook.connect(bob).buyCover(P, parseEther("1"), 30n * DAY, parseEther("1")),
    ).to.be.revertedWithCustomError(c.CoverBook, "GuardianPausedUntil");
  });

  it("fails without allowance, leaving nothing behind", async () => {
    const { c, bob } = await withCapital();
    await c.WETH.connect(bob).approve(await c.CoverBook.getAddress(), 0n);
    await expect(
      c.CoverBook.connect(bob).buyCover(P, parseEther("1"), 30n * DAY, parseEther("1")),
    ).to.be.revertedWithCustomError(c.WETH, "ERC20InsufficientAllowance");
    expect(await c.CoverBook.coverCount()).to.equal(0n);
  });
});
