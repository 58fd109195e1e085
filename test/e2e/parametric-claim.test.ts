/**
 * A parametric claim filed from the Claims page, in the browser, on the claims fixture (`test/claims/fixture.ts`:
 * the holder has a 100,000 tUSD depeg cover whose product triggers at 0.995, recovers at 0.999, confirms over
 * 24 hours, counts rounds two days after purchase and pays the loss):
 * - the form explains the rule in words (which rounds count, when the claim can be filed, what it pays);
 * - a round below the trigger during the waiting period is listed as proving nothing; nothing is offered;
 * - after the waiting period the feed falls to 0.98: the round is listed "in confirmation" until its window
 *   ends, still nothing to file;
 * - the price stays at 0.97 through the window: the trigger round qualifies, pre-selected, with its payout
 *   (the loss at 0.97, 3 % of the cover);
 * - the holder files with the keyboard alone: the claim is approved by the feed (no vote), redeemed from its
 *   page, and the payout arrives; the fall, once paid, is not offered again.
 */
import { expect } from "chai";

import { COVER, PRICE, type ClaimsFixture, claimsFixture } from "../claims/fixture.js";
import { confirmed, open, pageWidth, unnamedControls, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

/** ICoverClaims.ClaimState. */
const STATE = { Approved: 4n, Paid: 6n } as const;
const POLL = "?poll=1000";
const HOUR = 3_600;
const LOSS = 3_000_000_000n; // 3 % of 100,000 tUSD at 0.97

describe("e2e: a parametric claim filed from the Claims page", function () {
  this.timeout(240_000);
  const suite = browserSuite<ClaimsFixture>("parametric-claim", claimsFixture);

  it("explains the window, lists the feed's rounds, files from the confirmed trigger round and redeems the loss", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { holder, c, terms } = chain.dao;
    const claims = c.CoverClaims;
    expect(await c.CoverBook.ownerOf(COVER.DEPEG)).to.equal(holder.address);

    // A round below the trigger inside the waiting period: listed as proving nothing; nothing is offered.
    await (await c.DepegFeed.setAnswer(PRICE("0.9"))).wait();
    await open(page, ui, chain.rpc.url, `/claims${POLL}`);
    await useAccount(page, holder.address);
    const form = page.getByRole("form", { name: `Parametric claim on cover ${COVER.DEPEG}` });
    const rounds = form.getByRole("table", { name: `Feed rounds for cover ${COVER.DEPEG}` });
    await rounds
      .getByRole("row")
      .filter({
        hasText: "No: updated before the cover's waiting period ended: it proves nothing for this cover",
      })
      .waitFor();
    await form
      .getByRole("status")
      .filter({
        hasText: `No round qualifies for cover ${COVER.DEPEG}: none of the 1 round since the cover started qualifies`,
      })
      .waitFor();
    expect(await form.getByRole("button", { name: "File parametric claim" }).count()).to.equal(0);
    expect(await form.getByRole("radio").count()).to.equal(0);
    expect(await form.getByText("at or below 0.995 USD (tUSD / USD)").count()).to.equal(1);
    // The rule in words: which rounds count, when the claim can be filed, what it pays.
    const rule = form.getByLabel(`Trigger rule for cover ${COVER.DEPEG}`);
    expect(await rule.textContent()).to.match(
      /Only rounds updated from .* \(the cover's start plus its 2 days waiting period\) until the cover ends at .* count; the trigger round is the first of them at or below 0\.995 USD\./,
    );
    expect(await rule.textContent()).to.contain(
      "The claim can be filed once the 1 day confirmation window after the trigger round has passed",
    );
    expect(await rule.textContent()).to.contain("stays below the recovery price of 0.999 USD");

    // After the waiting period: back at the peg, then a fall to 0.98, in confirmation for 24 hours.
    await chain.increaseTime(Number(terms.waitingPeriod));
    await (await c.DepegFeed.setAnswer(PRICE("1"))).wait();
    await chain.increaseTime(HOUR);
    await (await c.DepegFeed.setAnswer(PRICE("0.98"))).wait();
    const trigger = (await c.DepegFeed.latestRoundData()).roundId;
    await rounds
      .getByRole("row")
      .filter({
        hasText:
          /No: in confirmation: it counts if the price stays below 0\.999 USD until .*, when the claim can be filed/,
      })
      .waitFor();
    expect(await form.getByRole("radio").count()).to.equal(0);

    // The price stays at 0.97 through the window: the trigger round qualifies, with the loss it pays.
    for (let i = 0; i < 3; i++) {
      await chain.increaseTime(6 * HOUR);
      await (await c.DepegFeed.setAnswer(PRICE("0.97"))).wait();
    }
    await chain.increaseTime(6 * HOUR + 60);
    await (await c.DepegFeed.setAnswer(PRICE("0.975"))).wait(); // after the window: not part of it
    const radio = form.getByRole("radio", {
      name: new RegExp(`^Round ${trigger}: 0\\.98 USD at .*, pays 3000 tUSD on the whole remaining cover`),
    });
    await radio.waitFor();
    expect(await form.getByRole("radio").count()).to.equal(1);
    expect(await radio.isChecked()).to.equal(true);
    await rounds.getByRole("row").filter({ hasText: "0.98 USD" }).filter({ hasText: "Yes" }).waitFor();
    await rounds
      .getByRole("row")
      .filter({
        hasText: `not the first round of the fall: round ${trigger} was already at or below the trigger`,
      })
      .first()
      .waitFor();
    expect(await form.getByLabel("Amount to claim").inputValue()).to.equal("100000");
    expect(await unnamedControls(page)).to.deep.equal([]);
    await screenshot(page, "parametric-claim-form");
    // On a phone's width the form (and its table) stays inside the screen.
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      const { scrollWidth, innerWidth } = await pageWidth(page);
      expect(scrollWidth, "Claims page wider than a 360-pixel screen").to.be.at.most(innerWidth);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // Filed with the keyboard alone: from the round, Tab to the amount, Tab to the button, Enter.
    await radio.focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.labels?.[0]?.textContent")).to.equal(
      "Amount to claim",
    );
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).to.equal("File parametric claim");
    await page.keyboard.press("Enter");
    await confirmed(page, `File parametric claim on cover ${COVER.DEPEG} from round ${trigger}`);
    expect(await claims.claimCount()).to.equal(1n);
    const filed = await claims.claim(1n);
    expect([filed.coverId, filed.amount, filed.claimant, filed.parametric]).to.deep.equal([
      COVER.DEPEG,
      LOSS,
      holder.address,
      true,
    ]);
    // Approved by the feed at once: no vote, no deposit.
    expect(await claims.claimState(1n)).to.equal(STATE.Approved);
    expect(filed.deposit).to.equal(0n);
    await form
      .getByRole("status")
      .filter({ hasText: "already has an open claim (claim 1, approved)" })
      .waitFor();
    expect(await form.getByRole("button", { name: "File parametric claim" }).count()).to.equal(0);

    // The holder redeems it from the claim's page: the payout arrives.
    await page.getByRole("link", { name: "Claim 1", exact: true }).click();
    await page.getByRole("heading", { name: "Claim 1", level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "approved by the price feed" }).waitFor();
    expect(await page.getByRole("button", { name: /^Vote |^Escalate / }).count()).to.equal(0);
    const before = await c.Stablecoin.balanceOf(holder.address);
    await page.getByRole("button", { name: "Redeem payout", exact: true }).click();
    await confirmed(page, "Redeem payout of claim 1", { keep: true });
    expect((await c.Stablecoin.balanceOf(holder.address)) - before).to.equal(LOSS);
    expect(await claims.claimState(1n)).to.equal(STATE.Paid);
    await page.getByRole("status").filter({ hasText: "paid to the cover's holder" }).waitFor();

    // Back on the list: the fall was paid; it is not offered again.
    await page.getByRole("link", { name: "← Claims" }).click();
    await rounds
      .getByRole("row")
      .filter({ hasText: "already paid: this fall's window was claimed on this cover" })
      .waitFor();
    await form.getByRole("status").filter({ hasText: "There is nothing to file yet." }).waitFor();
    await screenshot(page, "parametric-claim");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
