import { expect } from "chai";
import { network } from "hardhat";
import { parseEther } from "ethers";

import { readPoolState } from "../../scripts/lib/pool.js";
import { DAY, PRODUCT, poolFixture } from "../pool/fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => poolFixture(connection);
const P = PRODUCT.WETH_SMART_CONTRACT;

async function withCover() {
  const f = await networkHelpers.loadFixture(fixture);
  await f.c.WethPool.connect(f.alice).deposit(parseEther("100"), f.alice.address);
  await f.c.CoverBook.connect(f.bob).buyCover(P, parseEther("40"), 60n * DAY, parseEther("10"));
  return f;
}

describe("CoverBook: payout", () => {
  it("pays the recipient from the cover's pool and releases the paid amount from active cover", async () => {
    const { c, bob, carol, claims } = await withCover();
    const capital = await c.WethPool.totalAssets();
    await expect(c.CoverBook.connect(claims).payout(1n, carol.address, parseEther("15")))
      .to.emit(c.CoverBook, "CoverPaidOut")
      .withArgs(1n, carol.address, parseEther("15"), parseEther("15"))
      .and.to.emit(c.WethPool, "ClaimPaid")
      .withArgs(carol.address, parseEther("15"), parseEther("15"));
    expect(await c.CoverBook.remainingAmount(1n)).to.equal(parseEther("25"));
    expect((await c.CoverBook.cover(1n)).paidOut).to.equal(parseEther("15"));
    expect(await c.WethPool.activeCover()).to.equal(parseEther("25"));
    expect(await c.WethPool.totalAssets()).to.be.closeTo(capital - parseEther("15"), parseEther("0.001"));
    expect(await c.CoverBook.ownerOf(1n)).to.equal(bob.address);
  });

  it("never pays more than the cover's remaining amount (CoverPayoutExceedsRemaining)", async () => {
    const { c, bob, claims } = await withCover();
    await c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("30"));
    await expect(c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("10") + 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverPayoutExceedsRemaining")
      .withArgs(1n, parseEther("10") + 1n, parseEther("10"));
  });

  it("reverts on unknown covers, zero amounts, the zero recipient, and for anyone but the claims role", async () => {
    const { c, bob, claims, attacker } = await withCover();
    await expect(c.CoverBook.connect(claims).payout(2n, bob.address, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverNotFound")
      .withArgs(2n);
    await expect(c.CoverBook.connect(claims).payout(1n, bob.address, 0n)).to.be.revertedWithCustomError(
      c.CoverBook,
      "CoverZeroAmount",
    );
    await expect(
      c.CoverBook.connect(claims).payout(1n, connection.ethers.ZeroAddress, 1n),
    ).to.be.revertedWithCustomError(c.CoverBook, "CoverZeroAddress");
    await expect(c.CoverBook.connect(attacker).payout(1n, attacker.address, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(attacker.address);
  });

  it("claims exceeding capital: pays what exists, records the shortfall, and the pool keeps working", async () => {
    const { c, alice, bob, carol, claims } = await withCover();
    await time.increase(62n * DAY);
    // The first cover expired; a second one takes the whole capacity again.
    const available = await c.CoverBook.availableCapacity(P);
    await c.CoverBook.connect(bob).buyCover(P, available, 60n * DAY, parseEther("10"));
    await c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("40"));
    const capital = await c.WethPool.totalAssets();
    expect(capital).to.be.lessThan(available);

    await expect(c.CoverBook.connect(claims).payout(2n, bob.address, available))
      .to.emit(c.CoverBook, "CoverShortfallRecorded")
      .and.to.emit(c.WethPool, "ShortfallRecorded");
    const cover = await c.CoverBook.cover(2n);
    expect(cover.paidOut + cover.shortfall).to.equal(available);
    expect(cover.paidOut).to.be.closeTo(capital, parseEther("0.001"));
    const state = await readPoolState(c.WethPool);
    expect(state.capital).to.equal(0n);
    expect(state.totalShortfall).to.equal(cover.shortfall);
    expect(state.totalShares).to.be.greaterThan(0n);

    // Outstanding shares are worth nothing, but deposits and withdrawals still work (no division by zero).
    await c.WethPool.connect(carol).deposit(parseEther("5"), carol.address);
    expect(await c.WethPool.convertToAssets(await c.WethPool.balanceOf(carol.address))).to.be.closeTo(
      parseEther("5"),
      parseEther("0.000001"),
    );
    // Once the cover expires its capital is free; a later payout settles part of the shortfall.
    await time.increase(61n * DAY);
    await c.CoverBook.connect(claims).payout(2n, bob.address, parseEther("0.5"));
    expect((await c.CoverBook.cover(2n)).paidOut).to.equal(cover.paidOut + parseEther("0.5"));
    await c.WethPool.connect(alice).requestWithdrawal(await c.WethPool.balanceOf(alice.address));
    await c.WethPool.connect(carol).requestWithdrawal(await c.WethPool.balanceOf(carol.address));
    await time.increase(7n * DAY);
    const aliceBefore = await c.WETH.balanceOf(alice.address);
    await c.WethPool.connect(alice).completeWithdrawal(alice.address);
    expect((await c.WETH.balanceOf(alice.address)) - aliceBefore).to.be.lessThan(parseEther("0.000001"));
    const carolBefore = await c.WETH.balanceOf(carol.address);
    await c.WethPool.connect(carol).completeWithdrawal(carol.address);
    expect((await c.WETH.balanceOf(carol.address)) - carolBefore).to.be.greaterThan(parseEther("4.4"));
  });

  it("a payout between expiries leaves the pool's stored books alone; a due expiry brings them forward", async () => {
    const { c, bob, claims } = await withCover();
    await c.CoverBook.connect(bob).buyCover(P, parseEther("10"), 28n * DAY, parseEther("10"));
    await time.increase(5n * DAY);
    const accrued = await c.WethPool.accruedUntil();
    const active = await c.WethPool.activeCover();
    await expect(c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("5")))
      .to.emit(c.WethPool, "ClaimPaid")
      .withArgs(bob.address, parseEther("5"), parseEther("5"));
    expect(await c.WethPool.accruedUntil()).to.equal(accrued);
    expect(await c.WethPool.activeCover()).to.equal(active - parseEther("5"));

    // Cover 2's expiry bucket ends before the next payout: the pool processes it first.
    await time.increase(30n * DAY);
    await expect(c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("5"))).to.emit(
      c.WethPool,
      "CoverExpired",
    );
    expect(await c.WethPool.accruedUntil()).to.equal(await time.latest());
    expect(await c.WethPool.activeCover()).to.equal(parseEther("30"));
    expect((await c.CoverBook.cover(1n)).paidOut).to.equal(parseEther("10"));
  });

  it("governance sets the claims module, the only caller of payout and recordClaim", async () => {
    const { c, bob, carol, claims, attacker, timelock } = await withCover();
    await expect(c.CoverBook.connect(attacker).setClaimsModule(attacker.address))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(attacker.address);
    await expect(
      c.CoverBook.connect(timelock).setClaimsModule(connection.ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(c.CoverBook, "CoverZeroAddress");
    await expect(c.CoverBook.connect(attacker).recordClaim(1n, 7n))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(attacker.address);

    await expect(c.CoverBook.connect(timelock).setClaimsModule(carol.address))
      .to.emit(c.CoverBook, "ClaimsModuleSet")
      .withArgs(claims.address, carol.address);
    expect(await c.CoverBook.claimsModule()).to.equal(carol.address);
    // The replaced module lost both entry points; the new one has them.
    await expect(c.CoverBook.connect(claims).payout(1n, bob.address, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(claims.address);
    await expect(c.CoverBook.connect(claims).recordClaim(1n, 7n))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(claims.address);
    await c.CoverBook.connect(carol).recordClaim(1n, 7n);
    expect((await c.CoverBook.cover(1n)).latestClaim).to.equal(7n);
    await expect(c.CoverBook.connect(carol).recordClaim(2n, 8n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverNotFound")
      .withArgs(2n);
    await c.CoverBook.connect(carol).payout(1n, bob.address, parseEther("1"));
    // The payout shares the claim record's slot and leaves it intact.
    const cover = await c.CoverBook.cover(1n);
    expect([cover.paidOut, cover.latestClaim]).to.deep.equal([parseEther("1"), 7n]);
  });
});
