/**
 * The UI following the chain: with a proposal's page open, Bob votes and time moves on outside the browser,
 * and the page shows the new tally, the shortened "ends in", then the finished vote and its Queue button,
 * all without a reload, while what Alice is typing in her vote form stays as she left it. The header shows
 * the latest block as it advances.
 */
import { expect } from "chai";

import { VOTE } from "@coverdao/core/node";
import { DAY, cooldownProposal, daoWithVoters, proposeAndOpen } from "../helpers/dao.js";
import { confirmed, open, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

const REASON = "Claims take longer than a week to assess.";

describe("e2e: the UI follows the chain without a reload", function () {
  this.timeout(180_000);
  const suite = browserSuite("live-chain", async (connection) => {
    const dao = await daoWithVoters(connection);
    const proposalId = await proposeAndOpen(connection, dao, await cooldownProposal(dao, 10));
    return { ...dao, proposalId };
  });

  it("shows a vote cast and time moved on chain while the page stays open, keeping the form", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { alice, bob, proposalId, contracts } = chain.dao;
    const governor = contracts.CoverGovernor;
    const latest = async () => (await chain.connection.ethers.provider.getBlock("latest"))!.number;

    // The block watcher polls every second here (`?poll=`; 4 s by default).
    await open(page, ui, chain.rpc.url, `/proposals/${proposalId}?poll=1000`);
    await useAccount(page, alice.address);
    const head = page.getByText(/^block [\d,]+ · /);
    await head.filter({ hasText: `block ${(await latest()).toLocaleString("en-US")} ·` }).waitFor();
    const timeline = page.getByRole("list", { name: "Timeline" });
    await timeline.filter({ hasText: /ends in 4d/ }).waitFor();
    // A mark on the document: a reload would drop it.
    await page.evaluate(() => ((globalThis as { mark?: string }).mark = "same document"));
    const sameDocument = () => page.evaluate(() => (globalThis as { mark?: string }).mark);

    // Alice starts filling her vote ...
    await page.getByRole("radio", { name: "Against" }).check();
    await page.getByLabel("Reason (optional)").fill(REASON);

    // ... while Bob votes For outside the browser: the tally and the head follow.
    await (await governor.connect(bob).castVote(proposalId, VOTE.For)).wait();
    const bobsBlock = await latest();
    await page.getByRole("definition").filter({ hasText: "400,000 (100%)" }).first().waitFor();
    await head.filter({ hasText: `block ${bobsBlock.toLocaleString("en-US")} ·` }).waitFor();
    expect(await page.getByLabel("Reason (optional)").inputValue()).to.equal(REASON);
    expect(await page.getByRole("radio", { name: "Against" }).isChecked()).to.equal(true);

    // Two days pass on the chain: "ends in" counts on the chain's clock, not the wall clock.
    await chain.increaseTime(2 * DAY);
    await timeline.filter({ hasText: /ends in 2d/ }).waitFor();
    expect(await page.getByLabel("Reason (optional)").inputValue()).to.equal(REASON);

    // Alice changes her mind to For and sends the vote with the reason she typed before all that.
    await page.getByRole("radio", { name: "For" }).check();
    await page.getByRole("button", { name: "Cast vote" }).click();
    await confirmed(page, /^Vote For on/);
    await page.getByText(`You voted For with 1,500,000 votes: “${REASON}”`).waitFor();

    // The vote ends on the chain: the page turns to Succeeded and offers Queue.
    await chain.increaseTime(3 * DAY);
    await page.getByRole("button", { name: "Queue" }).waitFor();
    expect(await governor.state(proposalId)).to.equal(4n); // Succeeded
    expect(await sameDocument()).to.equal("same document");
    await screenshot(page, "live-chain");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
