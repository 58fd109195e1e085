/**
 * A claim from filing to payout, in the browser: the holder of a 50 WETH smart-contract cover files a
 * 20 WETH claim with its evidence on the Claims page, two staked assessors vote yes on the claim's page,
 * the voting period and cooldown pass, and the holder redeems the payout: 20 WETH arrive, once.
 */
import { expect } from "chai";
import { parseEther } from "ethers";

import { COVER, claimsFixture } from "../claims/fixture.js";
import { confirmed, open, reopen, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

const EVIDENCE = "ipfs://bafy-e2e-incident-report";

describe("e2e: a claim filed, voted and redeemed", function () {
  this.timeout(240_000);
  const suite = browserSuite("claim", claimsFixture);

  it("files a claim, approves it by assessor vote, and pays it to the cover holder", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { holder, alice, bob, c } = chain.dao;
    const claims = c.CoverClaims;
    expect(await c.CoverBook.ownerOf(COVER.WETH)).to.equal(holder.address);

    // The holder files a claim.
    await open(page, ui, chain.rpc.url, "/claims");
    await useAccount(page, holder.address);
    await page.getByLabel("Cover id").fill(COVER.WETH.toString());
    await page.getByLabel("Claim amount").fill("20");
    await page.getByLabel("Evidence URI").fill(EVIDENCE);
    await page.getByRole("button", { name: "File claim" }).click();
    await confirmed(page, `File a claim on cover ${COVER.WETH}`);
    expect(await claims.claimCount()).to.equal(1n);
    const filed = await claims.claim(1n);
    expect([filed.coverId, filed.amount, filed.claimant]).to.deep.equal([
      COVER.WETH,
      parseEther("20"),
      holder.address,
    ]);

    // Its page shows the evidence; two assessors vote yes.
    await page.getByRole("link", { name: "Claim 1" }).click();
    await page.getByRole("heading", { name: "Claim 1", level: 1 }).waitFor();
    await page.getByRole("link", { name: EVIDENCE }).or(page.getByText(EVIDENCE)).first().waitFor();
    for (const assessor of [alice, bob]) {
      await useAccount(page, assessor.address);
      await page.getByRole("button", { name: "Vote yes (approve)" }).click();
      await confirmed(page, "Vote yes on claim 1");
      await page.getByText("You voted yes on this claim.").waitFor();
      expect((await claims.ballotOf(1n, assessor.address))[0]).to.equal(true);
    }

    // The vote and the escalation cooldown pass: the claim is approved and the holder redeems it.
    await chain.increaseTime(Number((await claims.claim(1n)).cooldownEnd) - (await chain.now()) + 1);
    expect((await claims.claim(1n)).state).to.equal(4n); // Approved
    await reopen(page, holder.address);
    const before = await c.WETH.balanceOf(holder.address);
    await page.getByRole("button", { name: "Redeem payout", exact: true }).click();
    await confirmed(page, "Redeem payout of claim 1", { keep: true });
    expect((await c.WETH.balanceOf(holder.address)) - before).to.equal(parseEther("20"));
    expect((await claims.claim(1n)).state).to.equal(6n); // Paid
    await page.getByRole("button", { name: "Redeem payout", exact: true }).waitFor({ state: "detached" });
    await page.getByText(/approved by assessors: 100 % yes.*paid to the cover's holder/).waitFor();
    await screenshot(page, "claim");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
