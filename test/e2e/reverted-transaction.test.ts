/**
 * A reverted transaction shows its decoded error. Alice asks to unstake and waits out the cooldown; the
 * Stake page offers "Withdraw". Before she clicks, the withdrawal window closes (the chain moves on while
 * the page still shows what it last read), so the vault refuses with `StakingWithdrawalWindowClosed`: the
 * transaction tray must say so in words, not in hex, and nothing moves on chain.
 */
import { expect } from "chai";
import { parseEther } from "ethers";

import { DAY, daoWithVoters } from "../helpers/dao.js";
import { confirmed, failedWith, open, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

describe("e2e: a reverted transaction", function () {
  this.timeout(180_000);
  const suite = browserSuite("reverted-transaction", daoWithVoters);

  it("shows the vault's custom error as a sentence when a withdrawal comes after its window", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { alice, contracts } = chain.dao;
    const vault = contracts.StakingVault;
    const { cooldown, window } = await vault.parameters();

    await open(page, ui, chain.rpc.url, "/stake");
    await useAccount(page, alice.address);
    await page.getByLabel("Amount to unstake (COVER)").fill("100000");
    await page.getByRole("button", { name: "Request unstake" }).click();
    await confirmed(page, "Request unstake of 100,000 COVER");
    const request = await vault.unstakeRequest(alice.address);
    expect(request.amount).to.equal(parseEther("100000"));

    // After the cooldown the page (read afresh) offers the withdrawal.
    await chain.increaseTime(Number(cooldown) + 1);
    await page.reload();
    await useAccount(page, alice.address);
    const withdraw = page.getByRole("button", { name: "Withdraw" });
    await page.getByText(/ready: withdraw before the window closes/).waitFor();
    expect(await withdraw.isEnabled()).to.equal(true);

    // The window closes while the page still shows what it read.
    await chain.increaseTime(Number(window) + DAY);
    const stakeBefore = await vault.stakeOf(alice.address);
    await withdraw.click();
    const words = await failedWith(page, "Withdraw unstaked COVER");
    expect(words).to.match(/The withdrawal window closed at .+; request to unstake again\./);
    expect(words).not.to.match(/0x[0-9a-f]{8}/i);
    expect(await vault.stakeOf(alice.address)).to.equal(stakeBefore);
    await screenshot(page, "reverted-transaction");
  });
});
