import { expect } from "chai";
import { network } from "hardhat";
import { parseEther } from "ethers";

import { readPoolState } from "@coverdao/core/node";
import { DAY, PRODUCT, poolFixture } from "../pool/fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => poolFixture(connection);
const P = PRODUCT.WETH_SMART_CONTRACT;

/** Books a claim of `amount` on `coverId` as the claims module does at filing; payouts consume it. */
async function record(f: Awaited<ReturnType<typeof fixture>>, coverId: bigint, amount: bigint, claimId = 1n) {
  await f.c.CoverBook.connect(f.claims).recordClaim(coverId, claimId, amount);
}

async function withCover() {
  const f = await networkHelpers.loadFixture(fixture);
  await f.c.WethPool.connect(f.alice).deposit(parseEther("100"), f.alice.address);
  await f.c.CoverBook.connect(f.bob).buyCover(P, parseEther("40"), 60n * DAY, parseEther("10"));
  return f;
}

describe("CoverBook: payout", () => {
  it("pays the recipient from the cover's pool and releases the paid amount from active cover", async () => {
    const f = await withCover();
    const { c, bob, carol, claims } = f;
    const capital = await c.WethPool.totalAssets();
    await record(f, 1n, parseEther("15"));
    // Filing moved the claimed amount from active cover to the liabilities, netted out of capital.
    expect(await c.WethPool.activeCover()).to.equal(parseEther("25"));
    expect(await c.WethPool.openLiabilities()).to.equal(parseEther("15"));
    expect(await c.WethPool.totalAssets()).to.be.closeTo(capital - parseEther("15"), parseEther("0.001"));
    await expect(c.CoverBook.connect(claims).payout(1n, carol.address, parseEther("15")))
      .to.emit(c.CoverBook, "CoverPaidOut")
      .withArgs(1n, carol.address, parseEther("15"), parseEther("15"))
      .and.to.emit(c.WethPool, "ClaimPaid")
      .withArgs(carol.address, parseEther("15"), parseEther("15"));
    expect(await c.CoverBook.remainingAmount(1n)).to.equal(parseEther("25"));
    expect((await c.CoverBook.cover(1n)).paidOut).to.equal(parseEther("15"));
    expect(await c.WethPool.activeCover()).to.equal(parseEther("25"));
    expect(await c.WethPool.openLiabilities()).to.equal(0n);
    // The payout consumed the liability: the share price did not move again.
    expect(await c.WethPool.totalAssets()).to.be.closeTo(capital - parseEther("15"), parseEther("0.001"));
    expect(await c.CoverBook.ownerOf(1n)).to.equal(bob.address);
  });

  it("never pays more than the cover's remaining amount (CoverPayoutExceedsRemaining)", async () => {
    const f = await withCover();
    const { c, bob, claims } = f;
    await record(f, 1n, parseEther("40"));
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
    const f = await withCover();
    const { c, alice, bob, carol, claims } = f;
    await time.increase(62n * DAY);
    // The first cover expired; a second one takes the whole capacity again.
    const available = await c.CoverBook.availableCapacity(P);
    await c.CoverBook.connect(bob).buyCover(P, available, 60n * DAY, parseEther("10"));
    // This stand-in claims module records claims on a cover the pool no longer backs, which the real one
    // cannot do (its filing window ends when the backing does): that is how claims can exceed capital.
    await record(f, 1n, parseEther("40"));
    await c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("40"));
    const capital = await c.WethPool.totalAssets();
    expect(capital).to.be.lessThan(available);
    await record(f, 2n, available, 2n);

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
    await record(f, 2n, parseEther("0.5"), 3n);
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
    const f = await withCover();
    const { c, bob, claims } = f;
    await c.CoverBook.connect(bob).buyCover(P, parseEther("10"), 28n * DAY, parseEther("10"));
    await time.increase(5n * DAY);
    const accrued = await c.WethPool.accruedUntil();
    const active = await c.WethPool.activeCover();
    await record(f, 1n, parseEther("5"));
    await expect(c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("5")))
      .to.emit(c.WethPool, "ClaimPaid")
      .withArgs(bob.address, parseEther("5"), parseEther("5"));
    expect(await c.WethPool.accruedUntil()).to.equal(accrued);
    expect(await c.WethPool.activeCover()).to.equal(active - parseEther("5"));

    // Cover 2's expiry bucket ends before the next payout: the pool processes it first.
    await time.increase(30n * DAY);
    await record(f, 1n, parseEther("5"), 2n);
    await expect(c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("5"))).to.emit(
      c.WethPool,
      "CoverExpired",
    );
    expect(await c.WethPool.accruedUntil()).to.equal(await time.latest());
    expect(await c.WethPool.activeCover()).to.equal(parseEther("30"));
    expect((await c.CoverBook.cover(1n)).paidOut).to.equal(parseEther("10"));
  });

  it("governance sets the claims module, the only caller of payout, recordClaim and releaseClaim", async () => {
    const { c, bob, carol, claims, attacker, timelock } = await withCover();
    await expect(c.CoverBook.connect(attacker).setClaimsModule(attacker.address))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(attacker.address);
    await expect(
      c.CoverBook.connect(timelock).setClaimsModule(connection.ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(c.CoverBook, "CoverZeroAddress");
    await expect(c.CoverBook.connect(attacker).recordClaim(1n, 7n, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(attacker.address);
    await expect(c.CoverBook.connect(attacker).releaseClaim(1n, 1n))
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
    await expect(c.CoverBook.connect(claims).recordClaim(1n, 7n, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "AccessManagedUnauthorized")
      .withArgs(claims.address);
    await c.CoverBook.connect(carol).recordClaim(1n, 7n, parseEther("1"));
    expect((await c.CoverBook.cover(1n)).latestClaim).to.equal(7n);
    await expect(c.CoverBook.connect(carol).recordClaim(2n, 8n, 1n))
      .to.be.revertedWithCustomError(c.CoverBook, "CoverNotFound")
      .withArgs(2n);
    await c.CoverBook.connect(carol).payout(1n, bob.address, parseEther("1"));
    // The payout shares the claim record's slot and leaves it intact.
    const cover = await c.CoverBook.cover(1n);
    expect([cover.paidOut, cover.latestClaim]).to.deep.equal([parseEther("1"), 7n]);
  });
});
