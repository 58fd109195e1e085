import { expect } from "chai";
import { network } from "hardhat";
import { parseEther } from "ethers";

import { readWithdrawal } from "@coverdao/core/node";
import { DAY, PRODUCT, now, poolFixture } from "./fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;
const fixture = () => poolFixture(connection);

const COOLDOWN = 7n * DAY;
const WINDOW = 2n * DAY;

async function deposited() {
  const f = await networkHelpers.loadFixture(fixture);
  await f.c.WethPool.connect(f.alice).deposit(parseEther("100"), f.alice.address);
  return { ...f, shares: await f.c.WethPool.balanceOf(f.alice.address) };
}

describe("CapitalPool: withdrawals", () => {
  describe("requestWithdrawal", () => {
    it("escrows the shares and sets the cooldown and window", async () => {
      const { c, alice, shares } = await deposited();
      const tx = c.WethPool.connect(alice).requestWithdrawal(shares);
      const t = (await now(connection)) + 1n;
      await expect(tx)
        .to.emit(c.WethPool, "WithdrawalRequested")
        .withArgs(alice.address, shares, shares, t + COOLDOWN, t + COOLDOWN + WINDOW);
      expect(await c.WethPool.balanceOf(alice.address)).to.equal(0n);
      expect(await c.WethPool.balanceOf(await c.WethPool.getAddress())).to.equal(shares);
      const request = await c.WethPool.withdrawalRequest(alice.address);
      expect(request.shares).to.equal(shares);
      expect((await c.WethPool.poolState()).pendingWithdrawalShares).to.equal(shares);
      expect((await readWithdrawal(c.WethPool, alice.address)).status).to.equal("cooling-down");
    });

    it("adds to a pending request and restarts the cooldown", async () => {
      const { c, alice, shares } = await deposited();
      await c.WethPool.connect(alice).requestWithdrawal(shares / 2n);
      await time.increase(3n * DAY);
      await c.WethPool.connect(alice).requestWithdrawal(shares / 2n);
      const request = await c.WethPool.withdrawalRequest(alice.address);
      expect(request.shares).to.equal(shares);
      expect(request.readyAt).to.equal((await now(connection)) + COOLDOWN);
    });

    it("reverts on zero shares (PoolZeroAmount) and on more than the balance", async () => {
      const { c, alice, bob, shares } = await deposited();
      await expect(c.WethPool.connect(alice).requestWithdrawal(0n)).to.be.revertedWithCustomError(
        c.WethPool,
        "PoolZeroAmount",
      );
      await expect(c.WethPool.connect(bob).requestWithdrawal(shares))
        .to.be.revertedWithCustomError(c.WethPool, "ERC20InsufficientBalance")
        .withArgs(bob.address, 0n, shares);
    });
  });

  describe("completeWithdrawal", () => {
    it("pays the shares' value after the cooldown and burns them", async () => {
      const { c, alice, shares } = await deposited();
      await c.WethPool.connect(alice).requestWithdrawal(shares);
      await time.increase(COOLDOWN);
      expect((await readWithdrawal(c.WethPool, alice.address)).status).to.equal("ready");
      await expect(c.WethPool.connect(alice).completeWithdrawal(alice.address))
        .to.emit(c.WethPool, "WithdrawalCompleted")
        .withArgs(alice.address, alice.address, shares, parseEther("100"));
      expect(await c.WethPool.totalSupply()).to.equal(0n);
      expect((await c.WethPool.withdrawalRequest(alice.address)).shares).to.equal(0n);
    });

    it("reverts during the cooldown with PoolWithdrawalCooldown", async () => {
      const { c, alice, shares } = await deposited();
      await c.WethPool.connect(alice).requestWithdrawal(shares);
      const { readyAt } = await c.WethPool.withdrawalRequest(alice.address);
      await expect(c.WethPool.connect(alice).completeWithdrawal(alice.address))
        .to.be.revertedWithCustomError(c.WethPool, "PoolWithdrawalCooldown")
        .withArgs(readyAt, (await now(connection)) + 1n);
    });

    it("reverts without a request (PoolNoWithdrawalRequest) and to the zero address (PoolZeroAddress)", async () => {
      const { c, alice, bob, shares } = await deposited();
      await expect(c.WethPool.connect(bob).completeWithdrawal(bob.address))
        .to.be.revertedWithCustomError(c.WethPool, "PoolNoWithdrawalRequest")
        .withArgs(bob.address);
      await c.WethPool.connect(alice).requestWithdrawal(shares);
      await time.increase(COOLDOWN);
      await expect(
        c.WethPool.connect(alice).completeWithdrawal(connection.ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(c.WethPool, "PoolZeroAddress");
    });

    it("missing the window cancels the request and returns the shares", async () => {
      const { c, alice, shares } = await deposited();
      await c.WethPool.connect(alice).requestWithdrawal(shares);
      await time.increase(COOLDOWN + WINDOW);
      expect((await readWithdrawal(c.WethPool, alice.address)).status).to.equal("lapsed");
      await expect(c.WethPool.connect(alice).completeWithdrawal(alice.address))
        .to.emit(c.WethPool, "WithdrawalCancelled")
        .withArgs(alice.address, shares, true);
      expect(await c.WethPool.balanceOf(alice.address)).to.equal(shares);
      expect((await c.WethPool.poolState()).pendingWithdrawalShares).to.equal(0n);
    });

    it("keeps capital backing active covers: pays only free capital, the rest stays requested", async () => {
      const { c, alice, bob, shares } = await deposited();
      await c.CoverBook.connect(bob).buyCover(
        PRODUCT.WETH_SMART_CONTRACT,
        parseEther("45"),
        60n * DAY,
        parseEther("10"),
      );
      await c.WethPool.connect(alice).requestWithdrawal(shares);
      await time.increase(COOLDOWN);
      const state = await c.WethPool.poolState();
      // Capacity ratio 90 %: 45 ETH of cover requires 50 ETH of capital.
      expect(state.freeCapital).to.be.closeTo(state.capital - parseEther("50"), 1n);
      await c.WethPool.connect(alice).completeWithdrawal(alice.address);
      const after = await c.WethPool.poolState();
      expect(after.capital).to.be.greaterThanOrEqual(parseEther("50"));
      expect(after.freeCapital).to.be.lessThan(parseEther("0.000001"));
      const left = (await c.WethPool.withdrawalRequest(alice.address)).shares;
      expect(left).to.be.greaterThan(0n);
      expect(left).to.be.lessThan(shares);
    });

    it("reverts with PoolNoFreeCapital when active covers require all the capital", async () => {
      const { c, alice, bob, claims, shares } = await deposited();
      const product = PRODUCT.WETH_SMART_CONTRACT;
      await c.CoverBook.connect(bob).buyCover(product, parseEther("40"), 28n * DAY, parseEther("10"));
      await time.increase(30n * DAY);
      // The first cover expired; a second takes the product's whole capacity.
      const available = await c.CoverBook.availableCapacity(product);
      await c.CoverBook.connect(bob).buyCover(product, available, 90n * DAY, parseEther("10"));
      // A late claim on the expired cover is recorded and paid, so capital falls below what the second requires.
      await c.CoverBook.connect(claims).recordClaim(1n, 1n, parseEther("40"));
      await c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("40"));
      await c.WethPool.connect(alice).requestWithdrawal(shares);
      await time.increase(COOLDOWN);
      await expect(c.WethPool.connect(alice).completeWithdrawal(alice.address)).to.be.revertedWithCustomError(
        c.WethPool,
        "PoolNoFreeCapital",
      );
    });

    it("attack: withdrawing ahead of a pending payout — the request bears the loss at completion", async () => {
      const { c, alice, bob, carol, claims } = await networkHelpers.loadFixture(fixture);
      await c.WethPool.connect(alice).deposit(parseEther("100"), alice.address);
      await c.WethPool.connect(carol).deposit(parseEther("100"), carol.address);
      await c.CoverBook.connect(bob).buyCover(
        PRODUCT.WETH_SMART_CONTRACT,
        parseEther("40"),
        30n * DAY,
        parseEther("10"),
      );
      // Alice sees an incident coming and requests her whole position at once.
      const aliceShares = await c.WethPool.balanceOf(alice.address);
      const valueAtRequest = await c.WethPool.convertToAssets(aliceShares);
      await c.WethPool.connect(alice).requestWithdrawal(aliceShares);
      // The claim is filed, approved and paid during her cooldown.
      await c.CoverBook.connect(claims).recordClaim(1n, 1n, parseEther("40"));
      await c.CoverBook.connect(claims).payout(1n, bob.address, parseEther("40"));
      await time.increase(COOLDOWN);
      const before = await c.WETH.balanceOf(alice.address);
      await c.WethPool.connect(alice).completeWithdrawal(alice.address);
      const received = (await c.WETH.balanceOf(alice.address)) - before;
      // She bears her half of the 40 ETH loss, as Carol does.
      expect(received).to.be.lessThan(valueAtRequest - parseEther("19"));
      const carolValue = await c.WethPool.convertToAssets(await c.WethPool.balanceOf(carol.address));
      expect(received).to.be.closeTo(carolValue, parseEther("0.01"));
    });
  });

  describe("cancelWithdrawal", () => {
    it("the owner cancels at any time and gets the shares back", async () => {
      const { c, alice, shares } = await deposited();
      await c.WethPool.connect(alice).requestWithdrawal(shares);
      await expect(c.WethPool.connect(alice).cancelWithdrawal(alice.address))
        .to.emit(c.WethPool, "WithdrawalCancelled")
        .withArgs(alice.address, shares, false);
      expect(await c.WethPool.balanceOf(alice.address)).to.equal(shares);
    });

    it("others may cancel only a lapsed request (PoolWithdrawalNotCancellable)", async () => {
      const { c, alice, bob, shares } = await deposited();
      await c.WethPool.connect(alice).requestWithdrawal(shares);
      const { expiresAt } = await c.WethPool.withdrawalRequest(alice.address);
      await expect(c.WethPool.connect(bob).cancelWithdrawal(alice.address))
        .to.be.revertedWithCustomError(c.WethPool, "PoolWithdrawalNotCancellable")
        .withArgs(alice.address, expiresAt);
      await time.increaseTo(expiresAt);
      await expect(c.WethPool.connect(bob).cancelWithdrawal(alice.address))
        .to.emit(c.WethPool, "WithdrawalCancelled")
        .withArgs(alice.address, shares, true);
      expect(await c.WethPool.balanceOf(alice.address)).to.equal(shares);
    });

    it("reverts without a request (PoolNoWithdrawalRequest)", async () => {
      const { c, bob } = await deposited();
      await expect(c.WethPool.connect(bob).cancelWithdrawal(bob.address))
        .to.be.revertedWithCustomError(c.WethPool, "PoolNoWithdrawalRequest")
        .withArgs(bob.address);
    });
  });
});
