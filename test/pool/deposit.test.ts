import { expect } from "chai";
import { network } from "hardhat";
import { parseEther } from "ethers";

import { USD, poolFixture } from "./fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const fixture = () => poolFixture(connection);

describe("CapitalPool: deposits", () => {
  it("mints shares with a 6-decimal offset and takes the assets", async () => {
    const { c, alice } = await networkHelpers.loadFixture(fixture);
    expect(await c.WethPool.decimals()).to.equal(24n);
    expect(await c.StablecoinPool.decimals()).to.equal(12n);
    await expect(c.WethPool.connect(alice).deposit(parseEther("10"), alice.address))
      .to.emit(c.WethPool, "Deposit")
      .withArgs(alice.address, alice.address, parseEther("10"), parseEther("10") * 10n ** 6n);
    expect(await c.WethPool.totalAssets()).to.equal(parseEther("10"));
    expect(await c.WethPool.balanceOf(alice.address)).to.equal(parseEther("10") * 10n ** 6n);
  });

  it("mint takes the assets the shares are worth", async () => {
    const { c, alice, bob } = await networkHelpers.loadFixture(fixture);
    await c.StablecoinPool.connect(alice).deposit(USD(1_000), alice.address);
    const shares = USD(500) * 10n ** 6n;
    await expect(c.StablecoinPool.connect(bob).mint(shares, bob.address)).to.changeTokenBalance(
      connection.ethers,
      c.Stablecoin,
      bob,
      -USD(500),
    );
  });

  it("reverts on zero amounts with PoolZeroAmount", async () => {
    const { c, alice } = await networkHelpers.loadFixture(fixture);
    await expect(c.WethPool.connect(alice).deposit(0n, alice.address)).to.be.revertedWithCustomError(
      c.WethPool,
      "PoolZeroAmount",
    );
    await expect(c.WethPool.connect(alice).mint(0n, alice.address)).to.be.revertedWithCustomError(
      c.WethPool,
      "PoolZeroAmount",
    );
  });

  it("a deposit that would mint 0 shares is refused with PoolZeroShares; previewDeposit says 0 first", async () => {
    const { c, alice, attacker } = await networkHelpers.loadFixture(fixture);
    const pool = c.StablecoinPool;
    // An extreme share-price rise: 1 unit (1e-6 tUSD) deposited, then 3 tUSD donated to the pool.
    await pool.connect(attacker).deposit(1n, attacker.address);
    await c.Stablecoin.connect(attacker).transfer(await pool.getAddress(), USD(3));
    expect(await pool.previewDeposit(1n)).to.equal(0n);
    expect(await pool.maxDeposit(alice.address)).to.be.greaterThan(1n);
    const before = await c.Stablecoin.balanceOf(alice.address);
    await expect(pool.connect(alice).deposit(1n, alice.address))
      .to.be.revertedWithCustomError(pool, "PoolZeroShares")
      .withArgs(1n);
    expect(await c.Stablecoin.balanceOf(alice.address)).to.equal(before);
    // One unit more buys a share, exactly as previewed.
    const previewed = await pool.previewDeposit(2n);
    expect(previewed).to.equal(1n);
    await expect(pool.connect(alice).deposit(2n, alice.address))
      .to.emit(pool, "Deposit")
      .withArgs(alice.address, alice.address, 2n, previewed);
  });

  it("maxDeposit and maxMint are zero for the zero address (the mint would revert)", async () => {
    const { c } = await networkHelpers.loadFixture(fixture);
    expect(await c.WethPool.maxDeposit(connection.ethers.ZeroAddress)).to.equal(0n);
    expect(await c.WethPool.maxMint(connection.ethers.ZeroAddress)).to.equal(0n);
  });

  it("the guardian pauses deposits (GuardianPausedUntil) and maxDeposit reads zero", async () => {
    const { c, alice, guardian } = await networkHelpers.loadFixture(fixture);
    await c.WethPool.connect(guardian).pause();
    const until = await c.WethPool.pausedUntil();
    expect(await c.WethPool.maxDeposit(alice.address)).to.equal(0n);
    expect(await c.WethPool.maxMint(alice.address)).to.equal(0n);
    await expect(c.WethPool.connect(alice).deposit(1n, alice.address))
      .to.be.revertedWithCustomError(c.WethPool, "GuardianPausedUntil")
      .withArgs(until);
    await expect(c.WethPool.connect(alice).mint(1n, alice.address)).to.be.revertedWithCustomError(
      c.WethPool,
      "GuardianPausedUntil",
    );
    await c.WethPool.connect(guardian).unpause();
    await c.WethPool.connect(alice).deposit(1n, alice.address);
  });

  it("ERC-4626 withdraw and redeem are disabled in favour of withdrawal requests", async () => {
    const { c, alice } = await networkHelpers.loadFixture(fixture);
    await c.WethPool.connect(alice).deposit(parseEther("1"), alice.address);
    expect(await c.WethPool.maxRedeem(alice.address)).to.equal(0n);
    expect(await c.WethPool.maxWithdraw(alice.address)).to.equal(0n);
    await expect(c.WethPool.connect(alice).redeem(1n, alice.address, alice.address))
      .to.be.revertedWithCustomError(c.WethPool, "ERC4626ExceededMaxRedeem")
      .withArgs(alice.address, 1n, 0n);
    await expect(
      c.WethPool.connect(alice).withdraw(1n, alice.address, alice.address),
    ).to.be.revertedWithCustomError(c.WethPool, "ERC4626ExceededMaxWithdraw");
  });

  it("attack: first-depositor inflation (deposit 1 wei, donate, victim deposits) loses the attacker money", async () => {
    const { c, attacker, alice } = await networkHelpers.loadFixture(fixture);
    const pool = c.WethPool;
    const donation = parseEther("100");
    const attackerStart = await c.WETH.balanceOf(attacker.address);
    await pool.connect(attacker).deposit(1n, attacker.address);
    await c.WETH.connect(attacker).transfer(await pool.getAddress(), donation);
    // The victim deposits less than the donation, the classic case where a plain vault gives them 0 shares.
    const victimDeposit = parseEther("50");
    await pool.connect(alice).deposit(victimDeposit, alice.address);
    const victimShares = await pool.balanceOf(alice.address);
    expect(victimShares).to.be.greaterThan(0n);
    const victimValue = await pool.convertToAssets(victimShares);
    // The victim keeps nearly all of their deposit (loss below 0.0001 %).
    expect(victimValue).to.be.greaterThan(victimDeposit - victimDeposit / 1_000_000n);
    // The attacker's shares are worth far less than what they put in: the virtual shares absorbed about
    // half of the donation, so the attack loses money instead of stealing the victim's deposit.
    const attackerValue = await pool.convertToAssets(await pool.balanceOf(attacker.address));
    const attackerSpent = attackerStart - (await c.WETH.balanceOf(attacker.address));
    expect(attackerSpent - attackerValue).to.be.greaterThan(donation / 3n);
  });
});
