import { expect } from "chai";
import { network } from "hardhat";
import { parseEther } from "ethers";

import { premiumOf, quoteCover, splitPremium, utilizationBps } from "@coverdao/core/node";
import { DAY, PRODUCT, USD, poolFixture } from "../pool/fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => poolFixture(connection);

describe("pricing: the TypeScript quote equals the contract's to the wei", () => {
  it("over several amounts, periods and utilizations, on both pools", async () => {
    // Each purchase raises utilization, so later cases price on a busier pool.
    const { c, alice, bob } = await networkHelpers.loadFixture(fixture);
    await c.WethPool.connect(alice).deposit(parseEther("100"), alice.address);
    await c.StablecoinPool.connect(alice).deposit(USD(250_000), alice.address);
    const cases: [bigint, bigint, bigint][] = [
      [PRODUCT.WETH_SMART_CONTRACT, 1n, 28n * DAY],
      [PRODUCT.WETH_SMART_CONTRACT, parseEther("0.123456789"), 29n * DAY + 17n],
      [PRODUCT.WETH_SMART_CONTRACT, parseEther("33.3"), 365n * DAY],
      [PRODUCT.STABLE_DEPEG, USD("0.000001"), 7n * DAY],
      [PRODUCT.STABLE_DEPEG, USD(12_345.67), 45n * DAY],
      [PRODUCT.STABLE_DEPEG, USD(100_000), 180n * DAY],
    ];
    for (const [productId, amount, period] of cases) {
      const onChain = await c.CoverBook.quote(productId, amount, period);
      const offChain = await quoteCover(c.CoverBook, productId, amount, period);
      expect(offChain.premium, `quote ${productId}/${amount}/${period}`).to.equal(onChain);
      expect(offChain.treasury + offChain.assessors + offChain.pool).to.equal(onChain);
      // What buyCover charges: the quote of the state one second later (premium streaming moves capital a
      // little between blocks, so utilization may move by a basis point at most).
      const token = productId === PRODUCT.STABLE_DEPEG ? c.Stablecoin : c.WETH;
      const before = await token.balanceOf(bob.address);
      await c.CoverBook.connect(bob).buyCover(productId, amount, period, offChain.premium * 2n + 1n);
      const charged = before - (await token.balanceOf(bob.address));
      expect(charged).to.be.closeTo(offChain.premium, offChain.premium / 1_000n + 1n);
    }
  });

  it("mirrors the utilization and rounding rules", () => {
    expect(utilizationBps(0n, 0n)).to.equal(0n);
    expect(utilizationBps(1n, 0n)).to.equal(10_000n);
    expect(utilizationBps(3n, 2n)).to.equal(10_000n);
    expect(utilizationBps(1n, 3n)).to.equal(3_333n);
    // 1 wei for one day at 2.5 %: rounds up to 1.
    const base = { baseRateBps: 250n, surchargeBps: 0n, capital: 10n ** 18n, activeCover: 0n };
    expect(premiumOf({ ...base, amount: 1n, period: DAY })).to.equal(1n);
    expect(premiumOf({ ...base, amount: 10n ** 18n, period: 365n * DAY })).to.equal(25n * 10n ** 15n);
    expect(splitPremium(1_000n, 1_000n, 500n)).to.deep.equal({ treasury: 50n, assessors: 100n, pool: 850n });
  });
});
