import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String, parseEther } from "ethers";

import { DAY, PRODUCT, poolFixture } from "./fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => poolFixture(connection);

describe("CapitalPool: governance and the guardian", () => {
  it("the Timelock sets every risk parameter within its bounds", async () => {
    const { c, timelock } = await networkHelpers.loadFixture(fixture);
    const pool = c.WethPool.connect(timelock);
    await expect(pool.setCapacityRatio(5_000)).to.emit(pool, "CapacityRatioSet").withArgs(9_000, 5_000);
    await expect(pool.setWithdrawalCooldown(14n * DAY))
      .to.emit(pool, "WithdrawalCooldownSet")
      .withArgs(7n * DAY, 14n * DAY);
    await expect(pool.setWithdrawalWindow(3n * DAY))
      .to.emit(pool, "WithdrawalWindowSet")
      .withArgs(2n * DAY, 3n * DAY);
    expect(await pool.parameters()).to.deep.equal([5_000n, 14n * DAY, 3n * DAY]);
  });

  it("rejects out-of-bounds values with PoolParameterOutOfBounds", async () => {
    const { c, timelock } = await networkHelpers.loadFixture(fixture);
    const pool = c.WethPool.connect(timelock);
    const cases: [Promise<unknown>, string, bigint, bigint, bigint][] = [
      [pool.setCapacityRatio(99), "capacityRatioBps", 99n, 100n, 10_000n],
      [pool.setCapacityRatio(10_001), "capacityRatioBps", 10_001n, 100n, 10_000n],
      [pool.setWithdrawalCooldown(0), "withdrawalCooldown", 0n, DAY, 90n * DAY],
      [pool.setWithdrawalCooldown(91n * DAY), "withdrawalCooldown", 91n * DAY, DAY, 90n * DAY],
      [pool.setWithdrawalWindow(DAY - 1n), "withdrawalWindow", DAY - 1n, DAY, 30n * DAY],
      [pool.setWithdrawalWindow(31n * DAY), "withdrawalWindow", 31n * DAY, DAY, 30n * DAY],
    ];
    for (const [call, name, value, min, max] of cases) {
      await expect(call)
        .to.be.revertedWithCustomError(pool, "PoolParameterOutOfBounds")
        .withArgs(encodeBytes32String(name), value, min, max);
    }
  });

  it("attack: a non-Timelock caller changing a parameter is refused (AccessManagedUnauthorized)", async () => {
    const { c, attacker, guardian, deployer } = await networkHelpers.loadFixture(fixture);
    for (const caller of [attacker, guardian, deployer]) {
      await expect(c.WethPool.connect(caller).setCapacityRatio(10_000))
        .to.be.revertedWithCustomError(c.WethPool, "AccessManagedUnauthorized")
        .withArgs(caller.address);
      await expect(c.WethPool.connect(caller).setWithdrawalCooldown(DAY)).to.be.revertedWithCustomError(
        c.WethPool,
        "AccessManagedUnauthorized",
      );
      await expect(c.WethPool.connect(caller).setWithdrawalWindow(DAY)).to.be.revertedWithCustomError(
        c.WethPool,
        "AccessManagedUnauthorized",
      );
      await expect(c.WethPool.connect(caller).setPauseDuration(DAY)).to.be.revertedWithCustomError(
        c.WethPool,
        "AccessManagedUnauthorized",
      );
      await expect(c.CoverBook.connect(caller).setPremiumShares(0, 0)).to.be.revertedWithCustomError(
        c.CoverBook,
        "AccessManagedUnauthorized",
      );
    }
  });

  it("attack: the guardian moving funds is refused; it can only pause deposits and new covers", async () => {
    const { c, alice, bob, guardian } = await networkHelpers.loadFixture(fixture);
    await c.WethPool.connect(alice).deposit(parseEther("100"), alice.address);
    await c.CoverBook.connect(bob).buyCover(
      PRODUCT.WETH_SMART_CONTRACT,
      parseEther("10"),
      30n * DAY,
      parseEther("1"),
    );
    const end = (await c.CoverBook.cover(1n)).end;
    const unauthorized = async (call: Promise<unknown>, contract: typeof c.WethPool | typeof c.CoverBook) =>
      expect(call)
        .to.be.revertedWithCustomError(contract, "AccessManagedUnauthorized")
        .withArgs(guardian.address);
    await unauthorized(c.WethPool.connect(guardian).payClaim(guardian.address, parseEther("1")), c.WethPool);
    await unauthorized(c.WethPool.connect(guardian).payAssessorReward(guardian.address, 1n), c.WethPool);
    await unauthorized(c.WethPool.connect(guardian).addCover(1n, 1n, 0n, end), c.WethPool);
    await unauthorized(c.WethPool.connect(guardian).addLiability(1n, end), c.WethPool);
    await unauthorized(c.WethPool.connect(guardian).releaseLiability(1n, end), c.WethPool);
    await unauthorized(c.CoverBook.connect(guardian).recordClaim(1n, 1n, 1n), c.CoverBook);
    await unauthorized(c.CoverBook.connect(guardian).payout(1n, guardian.address, 1n), c.CoverBook);
    await unauthorized(c.CoverBook.connect(guardian).setTreasury(guardian.address), c.CoverBook);
    await expect(
      c.WethPool.connect(guardian).transferFrom(alice.address, guardian.address, 1n),
    ).to.be.revertedWithCustomError(c.WethPool, "ERC20InsufficientAllowance");

    // What the guardian can do: pause deposits and new covers; withdrawals and payouts go on.
    await c.WethPool.connect(guardian).pause();
    await c.CoverBook.connect(guardian).pause();
    await expect(
      c.CoverBook.connect(bob).buyCover(PRODUCT.WETH_SMART_CONTRACT, 1n, 30n * DAY, parseEther("1")),
    ).to.be.revertedWithCustomError(c.CoverBook, "GuardianPausedUntil");
    await c.WethPool.connect(alice).requestWithdrawal(parseEther("1"));
    expect(await c.WETH.balanceOf(guardian.address)).to.equal(0n);
  });

  it("only the guardian pauses; pause and unpause emit and lift", async () => {
    const { c, guardian, attacker } = await networkHelpers.loadFixture(fixture);
    await expect(c.WethPool.connect(attacker).pause())
      .to.be.revertedWithCustomError(c.WethPool, "AccessManagedUnauthorized")
      .withArgs(attacker.address);
    await expect(c.StablecoinPool.connect(guardian).pause()).to.emit(c.StablecoinPool, "GuardianPaused");
    expect(await c.StablecoinPool.paused()).to.equal(true);
    await expect(c.StablecoinPool.connect(guardian).unpause()).to.emit(c.StablecoinPool, "GuardianUnpaused");
    expect(await c.StablecoinPool.paused()).to.equal(false);
  });
});
