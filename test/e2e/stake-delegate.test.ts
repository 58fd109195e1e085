/**
 * Stake and delegate in the browser: a holder who has never delegated stakes part of its COVER on the Stake
 * page, then delegates to itself on the Delegate page; the chain and the page agree that its votes are its
 * held plus staked tokens.
 */
import { expect } from "chai";
import { parseEther } from "ethers";

import { daoWithVoters } from "../helpers/dao.js";
import { confirmed, definition, go, open, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

describe("e2e: stake and delegate", function () {
  this.timeout(180_000);
  const suite = browserSuite("stake-delegate", async (connection) => {
    const dao = await daoWithVoters(connection);
    // A holder with 20,000 COVER who has not delegated: its tokens do not vote yet.
    await (await dao.contracts.GovernanceToken.transfer(dao.outsider.address, parseEther("20000"))).wait();
    return dao;
  });

  it("stakes 5,000 COVER, delegates to itself, and votes with held plus staked tokens", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { outsider, contracts } = chain.dao;
    const { GovernanceToken: token, StakingVault: vault } = contracts;
    expect(await token.getVotes(outsider.address)).to.equal(0n);

    await open(page, ui, chain.rpc.url, "/stake");
    await useAccount(page, outsider.address);
    await page.getByLabel("Amount to stake (COVER)").fill("5000");
    await page.getByRole("button", { name: "Stake", exact: true }).click();
    await confirmed(page, "Stake 5,000 COVER");
    expect(await vault.stakeOf(outsider.address)).to.equal(parseEther("5000"));
    expect(await token.balanceOf(outsider.address)).to.equal(parseEther("15000"));
    await page.getByRole("definition").filter({ hasText: "5,000 COVER" }).first().waitFor();
    expect(await definition(page, "Your stake")).to.equal("5,000 COVER");

    await go(page, "Delegate");
    expect(await definition(page, "Your delegate")).to.match(/nobody yet/);
    await page.getByRole("button", { name: "Delegate to myself" }).click();
    await confirmed(page, "Delegate to myself", { keep: true });
    expect(await token.delegates(outsider.address)).to.equal(outsider.address);
    expect(await token.getVotes(outsider.address)).to.equal(parseEther("20000"));
    await page.getByText("You already vote with your own tokens.").waitFor();
    expect(await definition(page, "Votes you can cast")).to.equal("20,000");
    expect(await definition(page, "Your delegate")).to.equal("yourself");
    await screenshot(page, "stake-delegate");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
