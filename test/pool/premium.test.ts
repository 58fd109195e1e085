import { expect } from "chai";
import { network } from "hardhat";
import { parseEther } from "ethers";

import { readPoolState, splitPremium } from "@coverdao/core/node";
import { DAY, PRODUCT, now, poolFixture } from "./fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => poolFixture(connection);

async function withCapital() {
  const f = await networkHelpers.loadFixture(fixture);
  await f.c.WethPool.connect(f.alice).deposit(parseEther("100"), f.alice.address);
  return f;
}

describe("CapitalPool: premiums, expiry and the assessor pot", () => {
  it("splits a premium: treasury paid at once, assessor pot, the rest unearned and out of capital", async () => {
    const { c, bob } = await withCapital();
    const premium = await c.CoverBook.quote(PRODUCT.WETH_SMART_CONTRACT, parseEther("10"), 100n * DAY);
    const split = splitPremium(premium, 1_000n, 500n);
    const treasury = await c.CoverTimelock.getAddress();
    await expect(
      c.CoverBook.connect(bob).buyCover(PRODUCT.WETH_SMART_CONTRACT, parseEther("10"), 100n * DAY, premium),
    ).to.changeTokenBalances(connection.ethers, c.WETH, [bob.address, treasury], [-premium, split.treasury]);
    const state = await readPoolState(c.WethPool);
    expect(state.assessorRewardPot).to.equal(split.assessors);
    expect(state.premiumsReceived).to.equal(split.pool);
    expect(state.unearnedPremium).to.equal(split.pool);
    expect(state.capital).to.equal(parseEther("100"));
    expect(state.activeCover).to.equal(parseEther("10"));
  });

  it("streams the premium linearly until the expiry bucket ends, then frees the capacity", async () => {
    const { c, bob } = await withCapital();
    await c.CoverBook.connect(bob).buyCover(
      PRODUCT.WETH_SMART_CONTRACT,
      parseEther("10"),
      100n * DAY,
      parseEther("1"),
    );
    const start = await now(connection);
    const cover = await c.CoverBook.cover(1n);
    const bucketEnd = ((cover.end + DAY - 1n) / DAY) * DAY;
    const received = (await c.WethPool.poolState()).premiumsReceived;
    const duration = bucketEnd - start;

    await time.increaseTo(start + duration / 2n);
    const half = await c.WethPool.poolState();
    expect(half.premiumsEarned).to.be.closeTo(received / 2n, received / 1_000n);
    expect(half.capital).to.equal(parseEther("100") + half.premiumsEarned);

    // The cover has ended but its bucket has not: still active.
    await time.increaseTo(cover.end);
    expect(await c.WethPool.activeCover()).to.equal(parseEther("10"));
    await time.increaseTo(bucketEnd);
    const done = await c.WethPool.poolState();
    expect(done.activeCover).to.equal(0n);
    expect(done.unearnedPremium).to.equal(0n);
    expect(done.premiumsEarned).to.equal(received);
    await expect(c.WethPool.processExpiries(200n))
      .to.emit(c.WethPool, "CoverExpired")
      .withArgs(bucketEnd, parseEther("10"));
    expect(await c.WethPool.accruedUntil()).to.equal(await now(connection));
    expect((await c.WethPool.expiryBucket(bucketEnd)).cover).to.equal(0n);
  });

  it("a deposit made just before a premium earns only its time-weighted share", async () => {
    const { c, bob, carol } = await withCapital();
    await c.WethPool.connect(carol).deposit(parseEther("100"), carol.address);
    await c.CoverBook.connect(bob).buyCover(
      PRODUCT.WETH_SMART_CONTRACT,
      parseEther("50"),
      365n * DAY,
      parseEther("10"),
    );
    const received = (await c.WethPool.poolState()).premiumsReceived;
    await c.WethPool.connect(carol).requestWithdrawal(await c.WethPool.balanceOf(carol.address));
    await time.increase(7n * DAY);
    const before = await c.WETH.balanceOf(carol.address);
    await c.WethPool.connect(carol).completeWithdrawal(carol.address);
    const gain = (await c.WETH.balanceOf(carol.address)) - before - parseEther("100");
    // Half of the capital for about 7 of 366 days of streaming.
    const fair = (received * 7n) / 365n / 2n;
    expect(gain).to.be.lessThanOrEqual(fair + fair / 50n);
    expect(gain).to.be.greaterThan(0n);
  });

  it("skips empty days; a backlog of over 32 expiry buckets stops user actions until processExpiries", async () => {
    const { c, alice, bob } = await withCapital();
    // One long cover: 300 idle days cost nothing special.
    await c.CoverBook.connect(bob).buyCover(
      PRODUCT.WETH_SMART_CONTRACT,
      parseEther("1"),
      365n * DAY,
      parseEther("1"),
    );
    await time.increase(300n * DAY);
    await c.WethPool.connect(alice).deposit(1n, alice.address);
    // 33 covers ending on 33 different days, then nobody touches the pool until they all expired.
    for (let day = 28n; day < 61n; day++) {
      await c.CoverBook.connect(bob).buyCover(
        PRODUCT.WETH_SMART_CONTRACT,
        parseEther("0.1"),
        day * DAY,
        parseEther("1"),
      );
    }
    await time.increase(62n * DAY);
    await expect(c.WethPool.connect(alice).deposit(1n, alice.address)).to.be.revertedWithCustomError(
      c.WethPool,
      "PoolExpiriesPending",
    );
    const viewed = await c.WethPool.poolState();
    expect(await c.WethPool.processExpiries.staticCall(5n)).to.equal(false);
    await c.WethPool.processExpiries(40n);
    const processed = await c.WethPool.poolState();
    expect(processed.activeCover).to.equal(viewed.activeCover);
    expect(processed.capital).to.be.greaterThanOrEqual(viewed.capital);
    await c.WethPool.connect(alice).deposit(1n, alice.address);
  });

  it("maxDeposit and maxMint read 0 exactly while deposit refuses a backlog: 32 due buckets pass, 33 wait for processExpiries", async () => {
    const { c, alice, bob } = await withCapital();
    const pool = c.WethPool;
    expect(await pool.MAX_BUCKETS_PER_SYNC()).to.equal(32n);
    // 33 covers ending on 33 different days (30 to 62 days from now).
    for (let day = 28n; day < 61n; day++) {
      await c.CoverBook.connect(bob).buyCover(
        PRODUCT.WETH_SMART_CONTRACT,
        parseEther("0.1"),
        day * DAY,
        parseEther("1"),
      );
    }
    // The ends of the 33 buckets, read from the pool; exactly 32 are due just after the 32nd one ends.
    const ends: bigint[] = [];
    for (let day = (await pool.accruedUntil()) / DAY + 1n; ends.length < 33; day++) {
      const [, rate] = await pool.expiryBucket(day * DAY);
      if (rate > 0n) ends.push(day * DAY);
    }
    const before = await networkHelpers.takeSnapshot();
    await time.increaseTo(ends[31] + 60n);
    expect(await pool.maxDeposit(alice.address)).to.be.greaterThan(0n);
    expect(await pool.maxMint(alice.address)).to.be.greaterThan(0n);
    await pool.connect(alice).deposit(1n, alice.address);
    await before.restore();
    // Once the 33rd is due too, maxDeposit and maxMint read 0 and deposit and mint refuse.
    await time.increaseTo(ends[32] + 60n);
    expect(await pool.maxDeposit(alice.address)).to.equal(0n);
    expect(await pool.maxMint(alice.address)).to.equal(0n);
    await expect(pool.connect(alice).deposit(1n, alice.address)).to.be.revertedWithCustomError(
      pool,
      "PoolExpiriesPending",
    );
    await expect(pool.connect(alice).mint(10n ** 6n, alice.address)).to.be.revertedWithCustomError(
      pool,
      "PoolExpiriesPending",
    );
    // previewDeposit still prices as of now (every due bucket counted; all covers have expired, so the price no
    // longer moves), and processExpiries reopens deposits at exactly that price.
    const previewed = await pool.previewDeposit(parseEther("1"));
    await pool.connect(bob).processExpiries(40n);
    expect(await pool.maxDeposit(alice.address)).to.be.greaterThan(parseEther("1"));
    expect(await pool.maxMint(alice.address)).to.be.greaterThan(0n);
    await expect(pool.connect(alice).deposit(parseEther("1"), alice.address))
      .to.emit(pool, "Deposit")
      .withArgs(alice.address, alice.address, parseEther("1"), previewed);
  });

  it("sync is permissionless and returns capital, active cover and the capacity ratio", async () => {
    const { c, bob } = await withCapital();
    const [capital, active, ratio] = await c.WethPool.connect(bob).sync.staticCall();
    expect([capital, active, ratio]).to.deep.equal([parseEther("100"), 0n, 9_000n]);
  });

  describe("assessor-reward pot", () => {
    it("the claims role pays rewards from the pot", async () => {
      const { c, bob, carol, claims } = await withCapital();
      await c.CoverBook.connect(bob).buyCover(
        PRODUCT.WETH_SMART_CONTRACT,
        parseEther("10"),
        100n * DAY,
        parseEther("1"),
      );
      const pot = await c.WethPool.assessorRewardPot();
      const capital = await c.WethPool.totalAssets();
      await expect(c.WethPool.connect(claims).payAssessorReward(carol.address, pot))
        .to.emit(c.WethPool, "AssessorRewardPaid")
        .withArgs(carol.address, pot);
      expect(await c.WethPool.assessorRewardPot()).to.equal(0n);
      expect(await c.WethPool.totalAssets()).to.be.greaterThanOrEqual(capital);
    });

    it("reverts above the pot (PoolRewardExceedsPot), on zero, and for anyone but the claims role", async () => {
      const { c, carol, claims, guardian } = await withCapital();
      await expect(c.WethPool.connect(claims).payAssessorReward(carol.address, 1n))
        .to.be.revertedWithCustomError(c.WethPool, "PoolRewardExceedsPot")
        .withArgs(1n, 0n);
      await expect(
        c.WethPool.connect(claims).payAssessorReward(carol.address, 0n),
      ).to.be.revertedWithCustomError(c.WethPool, "PoolZeroAmount");
      await expect(
        c.WethPool.connect(claims).payAssessorReward(connection.ethers.ZeroAddress, 1n),
      ).to.be.revertedWithCustomError(c.WethPool, "PoolZeroAddress");
      await expect(c.WethPool.connect(guardian).payAssessorReward(guardian.address, 1n))
        .to.be.revertedWithCustomError(c.WethPool, "AccessManagedUnauthorized")
        .withArgs(guardian.address);
    });
  });

  describe("cover hooks", () => {
    it("addCover, addLiability, releaseLiability and payClaim are for the cover contract only", async () => {
      const { c, attacker, claims } = await withCapital();
      const end = (await now(connection)) + 30n * DAY;
      await expect(c.WethPool.connect(attacker).addCover(1n, 1n, 0n, end))
        .to.be.revertedWithCustomError(c.WethPool, "AccessManagedUnauthorized")
        .withArgs(attacker.address);
      for (const call of [
        c.WethPool.connect(claims).payClaim(claims.address, 1n),
        c.WethPool.connect(claims).addLiability(1n, end),
        c.WethPool.connect(claims).releaseLiability(1n, end),
      ]) {
        await expect(call)
          .to.be.revertedWithCustomError(c.WethPool, "AccessManagedUnauthorized")
          .withArgs(claims.address);
      }
    });

    it("governance sets the cover book; the replaced book loses the hooks", async () => {
      const { c, bob, carol, attacker, timelock } = await withCapital();
      const book = await c.CoverBook.getAddress();
      await expect(c.WethPool.connect(attacker).setCoverBook(attacker.address))
        .to.be.revertedWithCustomError(c.WethPool, "AccessManagedUnauthorized")
        .withArgs(attacker.address);
      await expect(
        c.WethPool.connect(timelock).setCoverBook(connection.ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(c.WethPool, "PoolZeroAddress");

      await expect(c.WethPool.connect(timelock).setCoverBook(carol.address))
        .to.emit(c.WethPool, "CoverBookSet")
        .withArgs(book, carol.address);
      expect(await c.WethPool.coverBook()).to.equal(carol.address);
      await expect(
        c.CoverBook.connect(bob).buyCover(
          PRODUCT.WETH_SMART_CONTRACT,
          parseEther("1"),
          30n * DAY,
          parseEther("1"),
        ),
      )
        .to.be.revertedWithCustomError(c.WethPool, "AccessManagedUnauthorized")
        .withArgs(book);
      // A cover that ended long ago: no active cover to move, the claim is only a liability, and the pool pays it.
      await expect(c.WethPool.connect(carol).payClaim(carol.address, 1n))
        .to.be.revertedWithCustomError(c.WethPool, "PoolLiabilityExceeded")
        .withArgs(1n, 0n);
      await expect(c.WethPool.connect(carol).addLiability(parseEther("1"), 1n))
        .to.emit(c.WethPool, "LiabilityAdded")
        .withArgs(parseEther("1"), parseEther("1"));
      await expect(c.WethPool.connect(carol).payClaim(carol.address, parseEther("1")))
        .to.emit(c.WethPool, "ClaimPaid")
        .withArgs(carol.address, parseEther("1"), parseEther("1"));
    });
  });
});
