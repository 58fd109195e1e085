/**
 * The pool keeps its promise (docs/liabilities.md): a filed claim is a liability of its pool from filing until
 * it is paid, denied or expires; a cover is backed until its end plus the grace period; a withdrawal completes
 * at the lower of its value at the request and its value now, both net of open liabilities. Each attack of the
 * review is replayed on the whole DAO (real claims module, real pool) and must fail.
 */
import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import { readPoolState, readWithdrawal } from "@coverdao/core/node";
import { COVER, ONE_DAY, WETH_COVER_AMOUNT, claimsFixture, fileClaim, timeTo, view } from "./fixture.js";

const connection = await network.create();
const { networkHelpers, ethers } = connection;
const fixture = () => claimsFixture(connection);
type F = Awaited<ReturnType<typeof fixture>>;

/** Pool withdrawal cooldown of the default deployment. */
const POOL_COOLDOWN = 7n * ONE_DAY;

/** A second underwriter (`buyer`) with `amount` WETH in the WETH pool, beside the fixture's 1,000 WETH. */
async function secondUnderwriter(f: F, amount: bigint) {
  const pool = f.c.WethPool;
  await (await f.c.WETH.connect(f.buyer).deposit({ value: amount })).wait();
  await (await f.c.WETH.connect(f.buyer).approve(await pool.getAddress(), amount)).wait();
  await (await pool.connect(f.buyer).deposit(amount, f.buyer.address)).wait();
}

/** Assessors approve claim `id` (Alice's 500k alone reaches the quorum). */
async function approve(f: F, id: bigint) {
  await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id, true)).wait();
}

/** Requests every share of `who` and returns the request's value (its cap). */
async function requestAll(f: F, who: F["underwriter"]) {
  const pool = f.c.WethPool;
  await (await pool.connect(who).requestWithdrawal(await pool.balanceOf(who.address))).wait();
  return (await pool.withdrawalRequest(who.address)).assets;
}

/** Completes `who`'s withdrawal and returns the WETH received. */
async function complete(f: F, who: F["underwriter"]) {
  const before = await f.c.WETH.balanceOf(who.address);
  await (await f.c.WethPool.connect(who).completeWithdrawal(who.address)).wait();
  return (await f.c.WETH.balanceOf(who.address)) - before;
}

describe("Liabilities: no exit ahead of a known loss", () => {
  it("a cover stays in active cover until its end plus the grace period, and its filed claim is a liability", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = f.c.WethPool;
    const cover = await f.c.CoverBook.cover(COVER.WETH);
    expect(cover.gracePeriod).to.equal(f.params.gracePeriod);
    expect(await f.c.CoverBook.gracePeriod()).to.equal(f.params.gracePeriod);

    await timeTo(connection, cover.end + ONE_DAY);
    expect(await pool.activeCover()).to.equal(WETH_COVER_AMOUNT);
    const capital = await pool.totalAssets();
    await expect(
      f.c.CoverClaims.connect(f.holder).submitClaim(COVER.WETH, parseEther("20"), "ipfs://late", {
        value: f.params.claimDeposit,
      }),
    )
      .to.emit(pool, "LiabilityAdded")
      .withArgs(parseEther("20"), parseEther("20"));
    const state = await pool.poolState();
    expect(state.openLiabilities).to.equal(parseEther("20"));
    expect(state.activeCover).to.equal(WETH_COVER_AMOUNT - parseEther("20"));
    expect(state.capital).to.be.closeTo(capital - parseEther("20"), parseEther("0.01"));

    // Past end + grace, the cover no longer counts; its claim still does until it is final.
    await timeTo(connection, cover.end + BigInt(f.params.gracePeriod) + ONE_DAY);
    expect(await pool.activeCover()).to.equal(0n);
    expect(await pool.openLiabilities()).to.equal(parseEther("20"));
  });

  it("attack: an underwriter withdraws everything after the cover ends; the claim filed in the grace period is paid in full", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = f.c.WethPool;
    const cover = await f.c.CoverBook.cover(COVER.WETH);

    // The only underwriter asks for everything just after the cover ends and completes as soon as allowed.
    await timeTo(connection, cover.end + 3600n);
    await requestAll(f, f.underwriter);
    await timeTo(connection, cover.end + 3600n + POOL_COOLDOWN);
    const withdrawn = await complete(f, f.underwriter);
    expect(withdrawn).to.be.greaterThan(parseEther("900"));
    // Capital for the cover's whole amount stayed: it is still backed in its grace period.
    expect(await pool.totalAssets()).to.be.greaterThanOrEqual(WETH_COVER_AMOUNT);

    // The holder files in the grace period, the claim is approved and paid in full.
    await timeTo(connection, cover.end + 10n * ONE_DAY);
    const id = await fileClaim(f, WETH_COVER_AMOUNT);
    await approve(f, id);
    await timeTo(connection, (await view(f, id)).cooldownEnd);
    await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(id)).to.changeTokenBalance(
      ethers,
      f.c.WETH,
      f.holder,
      WETH_COVER_AMOUNT,
    );
    expect((await f.c.CoverBook.cover(COVER.WETH)).shortfall).to.equal(0n);
    expect(await pool.totalShortfall()).to.equal(0n);
    expect(await pool.openLiabilities()).to.equal(0n);
  });

  it("attack: request at filing, escalate, complete before the payout: the leaver bears its pro-rata share", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = f.c.WethPool;
    await secondUnderwriter(f, parseEther("1000"));
    const loss = parseEther("40");

    // The fixture's underwriter sees the incident and requests everything, then the claim is filed.
    const leaverShares = await pool.balanceOf(f.underwriter.address);
    const share = (leaverShares * 10_000n) / (await pool.totalSupply());
    const cap = await requestAll(f, f.underwriter);
    const id = await fileClaim(f, loss);
    await approve(f, id);
    // In the cooldown the leaver escalates (a bond) so that the claim is still open when the cooldown ends.
    await timeTo(connection, (await view(f, id)).votingEnd);
    const bond = f.params.escalationBond;
    await (await f.c.CoverClaims.connect(f.underwriter).escalate(id, { value: bond })).wait();
    await timeTo(connection, (await pool.withdrawalRequest(f.underwriter.address)).readyAt);
    expect((await view(f, id)).state).to.equal(3n); // Escalated: an exit is priced, not locked.

    const received = await complete(f, f.underwriter);
    const borne = cap - received;
    // About half the loss (its share of the pool), less the little premium earned meanwhile.
    expect(borne).to.be.closeTo((loss * share) / 10_000n, parseEther("0.05"));

    // Governance does not decide; the approval stands and is paid in full; the stayer's value does not move.
    await timeTo(connection, (await view(f, id)).escalationDeadline);
    const stayerBefore = await pool.convertToAssets(await pool.balanceOf(f.buyer.address));
    await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(id)).to.changeTokenBalance(
      ethers,
      f.c.WETH,
      f.holder,
      loss,
    );
    const stayerAfter = await pool.convertToAssets(await pool.balanceOf(f.buyer.address));
    // (One second of premium streams in with the redemption's block.)
    expect(stayerAfter).to.be.closeTo(stayerBefore, parseEther("0.0001"));
    // The stayer bore the other half, no more: 1,000 deposited, about 20 lost, premiums earned.
    expect(stayerAfter).to.be.closeTo(parseEther("980"), parseEther("0.5"));
  });

  it("an underwriter who requests after the filing leaves at the net price: the claim was already in it", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = f.c.WethPool;
    await secondUnderwriter(f, parseEther("1000"));
    const before = await pool.convertToAssets(await pool.balanceOf(f.underwriter.address));
    const id = await fileClaim(f, parseEther("40"));
    const cap = await requestAll(f, f.underwriter);
    expect(before - cap).to.be.closeTo(parseEther("20"), parseEther("0.05"));
    // The claim is then denied and settled: its liability is released, but the leaver gains nothing after
    // its request (the value at the request caps the exit); the excess stays with the stayer.
    await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id, false)).wait();
    await timeTo(connection, (await view(f, id)).cooldownEnd);
    await expect(f.c.CoverClaims.settleClaim(id)).to.emit(pool, "LiabilityReleased");
    await timeTo(connection, (await pool.withdrawalRequest(f.underwriter.address)).readyAt);
    expect(await complete(f, f.underwriter)).to.equal(cap);
    expect(await pool.convertToAssets(await pool.balanceOf(f.buyer.address))).to.be.greaterThan(
      parseEther("1000"),
    );
  });

  it("a depositor after the filing does not buy into the known loss", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = f.c.WethPool;
    const id = await fileClaim(f, parseEther("40"));
    await secondUnderwriter(f, parseEther("100"));
    const value = await pool.convertToAssets(await pool.balanceOf(f.buyer.address));
    expect(value).to.be.closeTo(parseEther("100"), parseEther("0.0001"));
    await approve(f, id);
    await timeTo(connection, (await view(f, id)).cooldownEnd);
    await (await f.c.CoverClaims.connect(f.holder).redeemPayout(id)).wait();
    expect(await pool.convertToAssets(await pool.balanceOf(f.buyer.address))).to.be.greaterThanOrEqual(value);
  });

  it("honest: with no open claim an underwriter leaves at full value, as quoted at the request", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = f.c.WethPool;
    await secondUnderwriter(f, parseEther("100"));
    const held = await pool.withdrawalQuote(f.buyer.address);
    expect(held.requested).to.equal(false);
    expect(held.valueAtRequest).to.be.closeTo(parseEther("100"), parseEther("0.0001"));

    const cap = await requestAll(f, f.buyer);
    const quote = await pool.withdrawalQuote(f.buyer.address);
    expect([quote.requested, quote.valueAtRequest, quote.payableNow]).to.deep.equal([true, cap, 0n]);
    expect(quote.payableAtReady).to.equal(cap);
    await timeTo(connection, quote.readyAt);
    expect((await pool.withdrawalQuote(f.buyer.address)).payableNow).to.equal(cap);
    expect(await complete(f, f.buyer)).to.equal(cap);
    expect(cap).to.be.closeTo(parseEther("100"), parseEther("0.0001"));
  });

  it("a denied claim stays a liability until anyone settles it; settling in the grace period backs the cover again", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = f.c.WethPool;
    const id = await fileClaim(f, parseEther("30"));
    await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id, false)).wait();
    await timeTo(connection, (await view(f, id)).cooldownEnd);
    expect((await view(f, id)).state).to.equal(5n); // Denied
    expect(await pool.openLiabilities()).to.equal(parseEther("30"));
    await expect(f.c.CoverClaims.connect(f.outsider).settleClaim(id))
      .to.emit(pool, "LiabilityReleased")
      .withArgs(parseEther("30"), true, 0n);
    expect(await pool.activeCover()).to.equal(WETH_COVER_AMOUNT);

    // A new claim on the cover releases an unsettled denied one first, so nothing is reserved twice.
    const id2 = await fileClaim(f, parseEther("10"));
    await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id2, false)).wait();
    await timeTo(connection, (await view(f, id2)).cooldownEnd);
    await fileClaim(f, parseEther("5"));
    expect(await pool.openLiabilities()).to.equal(parseEther("5"));
    expect(await pool.activeCover()).to.equal(WETH_COVER_AMOUNT - parseEther("5"));
    await (await f.c.CoverClaims.settleClaim(id2)).wait();
    expect(await pool.openLiabilities()).to.equal(parseEther("5"));
  });

  it("escalating costs a bond scaled with the claim's share of its pool: a large claim cannot be delayed for a flat fee", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const claims = f.c.CoverClaims;
    const scale = await claims.escalationBondScale();
    const small = await fileClaim(f, parseEther("5"));
    expect(await claims.escalationBondOf(small)).to.equal(f.params.escalationBond);
    await (await f.c.CoverClaims.connect(f.alice).castClaimVote(small, false)).wait();
    await timeTo(connection, (await view(f, small)).cooldownEnd);
    const large = await fileClaim(f, WETH_COVER_AMOUNT);
    const state = await f.c.WethPool.poolState();
    const expected = (scale * WETH_COVER_AMOUNT) / (state.capital + state.openLiabilities);
    const required = await claims.escalationBondOf(large);
    expect(required).to.be.greaterThan(f.params.escalationBond);
    expect(required).to.be.closeTo(expected, expected / 1000n);
    await approve(f, large);
    await timeTo(connection, (await view(f, large)).votingEnd);
    await expect(
      claims.connect(f.carol).escalate(large, { value: f.params.escalationBond }),
    ).to.be.revertedWithCustomError(claims, "ClaimsWrongBond");
    // Premium streaming in lowers the requirement a little every second: the bond read now still suffices.
    const bond = await claims.escalationBondOf(large);
    await expect(claims.connect(f.carol).escalate(large, { value: bond }))
      .to.emit(claims, "ClaimEscalated")
      .withArgs(large, f.carol.address, bond, (await networkHelpers.time.latest()) + 1 + 21 * 86_400);

    await expect(claims.connect(f.timelock).setEscalationBondScale(0n))
      .to.be.revertedWithCustomError(claims, "ClaimsParameterOutOfBounds")
      .withArgs(
        ethers.encodeBytes32String("escalationBondScale"),
        0n,
        await claims.MIN_ESCALATION_BOND_SCALE(),
        await claims.MAX_ESCALATION_BOND_SCALE(),
      );
    await expect(claims.connect(f.timelock).setEscalationBondScale(parseEther("100")))
      .to.emit(claims, "ClaimParameterSet")
      .withArgs(ethers.encodeBytes32String("escalationBondScale"), scale, parseEther("100"));
  });

  it("the TypeScript core reads open liabilities and what a withdrawal brings", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const pool = f.c.WethPool;
    await secondUnderwriter(f, parseEther("100"));
    const cap = await requestAll(f, f.buyer);
    await fileClaim(f, parseEther("40"));
    const state = await readPoolState(pool);
    expect(state.openLiabilities).to.equal(parseEther("40"));
    const w = await readWithdrawal(pool, f.buyer.address);
    expect([w.status, w.valueAtRequest, w.payableNow]).to.deep.equal(["cooling-down", cap, 0n]);
    // The claim arrived after the request: the leaver's share of it (100 of 1,100) comes off what it brings.
    expect(cap - w.payableAtReady).to.be.closeTo((parseEther("40") * 100n) / 1100n, parseEther("0.05"));
    await timeTo(connection, w.readyAt);
    const ready = await readWithdrawal(pool, f.buyer.address);
    expect(ready.status).to.equal("ready");
    expect(await complete(f, f.buyer)).to.be.closeTo(ready.payableNow, parseEther("0.0001"));
  });

  it("a longer grace period set by governance applies to new covers: an old cover is never claimable past its backing", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const claims = f.c.CoverClaims;
    const grace = BigInt(f.params.gracePeriod);
    await expect(claims.connect(f.timelock).setGracePeriod(60n * ONE_DAY))
      .to.emit(f.c.CoverBook, "GracePeriodSynced")
      .withArgs(grace, 60n * ONE_DAY);
    expect(await f.c.CoverBook.gracePeriod()).to.equal(60n * ONE_DAY);
    const old = await f.c.CoverBook.cover(COVER.WETH);
    expect(old.gracePeriod).to.equal(grace);
    await timeTo(connection, old.end + grace);
    await expect(
      claims.connect(f.holder).submitClaim(COVER.WETH, parseEther("1"), "ipfs://late", {
        value: f.params.claimDeposit,
      }),
    )
      .to.be.revertedWithCustomError(claims, "ClaimsOutsideFilingWindow")
      .withArgs(COVER.WETH, old.start, old.end + grace, old.end + grace + 1n);
    // A cover bought now fixes the new grace period, and the pool backs it that long.
    await (
      await f.c.CoverBook.connect(f.holder).buyCover(1n, parseEther("1"), 30n * ONE_DAY, parseEther("1"))
    ).wait();
    const fresh = await f.c.CoverBook.cover(await f.c.CoverBook.coverCount());
    expect(fresh.gracePeriod).to.equal(60n * ONE_DAY);
    // Anyone may sync the copy; it does not change when the module's value did not.
    await expect(f.c.CoverBook.connect(f.outsider).syncGracePeriod()).not.to.emit(
      f.c.CoverBook,
      "GracePeriodSynced",
    );
  });
});
