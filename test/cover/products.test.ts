import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String, ZeroAddress } from "ethers";

import { DAY, PRODUCT, poolFixture } from "../pool/fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => poolFixture(connection);

async function params(pool: string) {
  return {
    name: "Bridge hack cover",
    riskType: 1,
    pool,
    baseRateBps: 400,
    surchargeBps: 600,
    capacityRatioBps: 5_000,
    minPeriod: 14n * DAY,
    maxPeriod: 180n * DAY,
    active: true,
    priceFeed: ZeroAddress,
    triggerPrice: 0n,
  };
}

describe("CoverBook: products", () => {
  it("deploys the two default products, one of them parametric", async () => {
    const { c } = await networkHelpers.loadFixture(fixture);
    expect(await c.CoverBook.productCount()).to.equal(2n);
    const weth = await c.CoverBook.product(PRODUCT.WETH_SMART_CONTRACT);
    expect(weth.pool).to.equal(await c.WethPool.getAddress());
    expect(weth.riskType).to.equal(0n);
    expect(await c.CoverBook.isParametric(PRODUCT.WETH_SMART_CONTRACT)).to.equal(false);
    const depeg = await c.CoverBook.product(PRODUCT.STABLE_DEPEG);
    expect(depeg.pool).to.equal(await c.StablecoinPool.getAddress());
    expect(depeg.riskType).to.equal(2n);
    expect(depeg.priceFeed).to.equal(await c.DepegFeed.getAddress());
    // Etherisc-like defaults: trigger 0.995, recovery 0.999, 24 h window, loss-proportional, 2-day wait.
    expect(depeg.triggerPrice).to.equal(99_500_000n);
    expect(await c.CoverBook.isParametric(PRODUCT.STABLE_DEPEG)).to.equal(true);
    const { terms } = await c.CoverBook.parametricSettings(PRODUCT.STABLE_DEPEG);
    expect([
      terms.recoveryPrice,
      terms.referencePrice,
      terms.confirmationWindow,
      terms.waitingPeriod,
    ]).to.deep.equal([99_900_000n, 100_000_000n, 86_400n, 2n * 86_400n]);
    expect([
      terms.heartbeat,
      terms.heartbeatTolerance,
      terms.triggerBufferBps,
      terms.payoutRule,
    ]).to.deep.equal([86_400n, 1_800n, 30n, 1n]);
    expect((await c.CoverBook.parametricSettings(PRODUCT.WETH_SMART_CONTRACT)).priceFeed).to.equal(
      ZeroAddress,
    );
    expect(await c.CoverBook.productName(PRODUCT.STABLE_DEPEG)).to.equal(
      "Stablecoin depeg cover (parametric)",
    );
  });

  it("the Timelock adds and updates products", async () => {
    const { c, timelock } = await networkHelpers.loadFixture(fixture);
    const book = c.CoverBook.connect(timelock);
    const p = await params(await c.WethPool.getAddress());
    await expect(book.addProduct(p)).to.emit(book, "ProductAdded").withArgs(3n, p.name, 1, p.pool);
    expect((await book.product(3n)).capacityRatioBps).to.equal(5_000n);
    await expect(book.updateProduct(3n, { ...p, name: "Bridge cover", active: false }))
      .to.emit(book, "ProductUpdated")
      .withArgs(3n, "Bridge cover", false);
    expect((await book.product(3n)).active).to.equal(false);
    expect(await book.productName(3n)).to.equal("Bridge cover");
  });

  it("rejects every out-of-bounds or inconsistent field with a named error", async () => {
    const { c, timelock } = await networkHelpers.loadFixture(fixture);
    const book = c.CoverBook.connect(timelock);
    const p = await params(await c.WethPool.getAddress());
    const bounds: [object, string, bigint, bigint, bigint][] = [
      [{ baseRateBps: 0 }, "baseRateBps", 0n, 1n, 10_000n],
      [{ baseRateBps: 10_001, surchargeBps: 0 }, "baseRateBps", 10_001n, 1n, 10_000n],
      [{ baseRateBps: 9_000, surchargeBps: 1_001 }, "surchargeBps", 1_001n, 0n, 1_000n],
      [{ capacityRatioBps: 0 }, "capacityRatioBps", 0n, 1n, 10_000n],
      [{ capacityRatioBps: 10_001 }, "capacityRatioBps", 10_001n, 1n, 10_000n],
      [{ minPeriod: DAY - 1n }, "minPeriod", DAY - 1n, DAY, 365n * DAY],
      [{ maxPeriod: 13n * DAY }, "maxPeriod", 13n * DAY, 14n * DAY, 365n * DAY],
      [{ maxPeriod: 366n * DAY }, "maxPeriod", 366n * DAY, 14n * DAY, 365n * DAY],
    ];
    for (const [change, name, value, min, max] of bounds) {
      await expect(book.addProduct({ ...p, ...change }))
        .to.be.revertedWithCustomError(book, "CoverParameterOutOfBounds")
        .withArgs(encodeBytes32String(name), value, min, max);
    }
    const invalid: [object, string][] = [
      [{ name: "" }, "name"],
      [{ priceFeed: await c.DepegFeed.getAddress() }, "triggerPrice"],
      [{ triggerPrice: 1n }, "triggerPrice"],
      [{ priceFeed: await c.DepegFeed.getAddress(), triggerPrice: -1n }, "triggerPrice"],
    ];
    for (const [change, reason] of invalid) {
      await expect(book.addProduct({ ...p, ...change }))
        .to.be.revertedWithCustomError(book, "CoverInvalidProduct")
        .withArgs(encodeBytes32String(reason));
    }
    await expect(book.addProduct({ ...p, pool: ZeroAddress })).to.be.revertedWithCustomError(
      book,
      "CoverZeroAddress",
    );
    await expect(book.updateProduct(1n, { ...p, pool: await c.StablecoinPool.getAddress() }))
      .to.be.revertedWithCustomError(book, "CoverInvalidProduct")
      .withArgs(encodeBytes32String("pool"));
    await expect(book.updateProduct(9n, p))
      .to.be.revertedWithCustomError(book, "CoverProductNotFound")
      .withArgs(9n);
  });

  it("attack: a non-Timelock caller adding or editing a product is refused", async () => {
    const { c, attacker } = await networkHelpers.loadFixture(fixture);
    const p = await params(await c.WethPool.getAddress());
    await expect(c.CoverBook.connect(attacker).addProduct(p))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(attacker.address);
    await expect(c.CoverBook.connect(attacker).updateProduct(1n, p)).to.be.revertedWithCustomError(
      c.CoverBook,
      "AccessManagedUnauthorized",
    );
  });

  it("premium shares and the treasury: bounded, Timelock only", async () => {
    const { c, timelock, alice } = await networkHelpers.loadFixture(fixture);
    const book = c.CoverBook.connect(timelock);
    expect(await book.premiumShares()).to.deep.equal([1_000n, 500n, await c.CoverTimelock.getAddress()]);
    await expect(book.setPremiumShares(2_000, 0)).to.emit(book, "PremiumSharesSet").withArgs(2_000, 0);
    await expect(book.setPremiumShares(2_001, 0))
      .to.be.revertedWithCustomError(book, "CoverParameterOutOfBounds")
      .withArgs(encodeBytes32String("assessorShareBps"), 2_001n, 0n, 2_000n);
    await expect(book.setPremiumShares(0, 2_001))
      .to.be.revertedWithCustomError(book, "CoverParameterOutOfBounds")
      .withArgs(encodeBytes32String("treasuryShareBps"), 2_001n, 0n, 2_000n);
    await expect(book.setTreasury(alice.address))
      .to.emit(book, "TreasurySet")
      .withArgs(await c.CoverTimelock.getAddress(), alice.address);
    await expect(book.setTreasury(ZeroAddress)).to.be.revertedWithCustomError(book, "CoverZeroAddress");
  });

  it("unknown products and covers revert with CoverProductNotFound and CoverNotFound", async () => {
    const { c } = await networkHelpers.loadFixture(fixture);
    await expect(c.CoverBook.product(0n)).to.be.revertedWithCustomError(c.CoverBook, "CoverProductNotFound");
    await expect(c.CoverBook.productName(3n)).to.be.revertedWithCustomError(
      c.CoverBook,
      "CoverProductNotFound",
    );
    await expect(c.CoverBook.cover(1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverNotFound")
      .withArgs(1n);
    await expect(c.CoverBook.remainingAmount(1n)).to.be.revertedWithCustomError(c.CoverBook, "CoverNotFound");
    await expect(c.CoverBook.poolOf(1n)).to.be.revertedWithCustomError(c.CoverBook, "CoverNotFound");
  });
});
