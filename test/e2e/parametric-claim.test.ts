/**
 * A parametric claim filed from the Claims page, in the browser, on the claims fixture (`test/claims/fixture.ts`:
 * the holder has a 100,000 tUSD depeg cover whose product triggers at 0.95 on the local depeg feed):
 * - the feed posts a round above the trigger: the page lists it with the reason and says no round qualifies,
 *   offering nothing to send;
 * - the feed posts a round below the trigger: the page (following the chain) lists it as the only qualifying
 *   round, pre-selected, with the remaining cover as the amount;
 * - the feed then stays silent longer than the claims module's `maxRoundGap`: filing from that round is refused
 *   by the contract and the tray shows its error in words; a fresh round below the trigger qualifies again;
 * - the holder files from it with the keyboard alone: the claim is approved by the feed at once (no vote), redeemed from its page, and
 *   the payout arrives.
 */
import { expect } from "chai";

import { COVER, DEPEG_COVER_AMOUNT, PRICE, type ClaimsFixture, claimsFixture } from "../claims/fixture.js";
import { confirmed, failedWith, open, pageWidth, unnamedControls, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

/** ICoverClaims.ClaimState. */
const STATE = { Approved: 4n, Paid: 6n } as const;
const POLL = "&poll=1000";

describe("e2e: a parametric claim filed from the Claims page", function () {
  this.timeout(240_000);
  const suite = browserSuite<ClaimsFixture>("parametric-claim", claimsFixture);

  it("lists the feed's rounds, files from the one below the trigger, and redeems the payout", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { holder, c, params } = chain.dao;
    const claims = c.CoverClaims;
    const gap = Number(params.maxRoundGap);
    expect(await c.CoverBook.ownerOf(COVER.DEPEG)).to.equal(holder.address);

    // A round above the trigger: listed with its reason; nothing qualifies, nothing is offered.
    await (await c.DepegFeed.setAnswer(PRICE("0.97"))).wait();
    await open(page, ui, chain.rpc.url, `${POLL}#/claims`);
    await useAccount(page, holder.address);
    const form = page.getByRole("form", { name: `Parametric claim on cover ${COVER.DEPEG}` });
    const rounds = form.getByRole("table", { name: `Feed rounds for cover ${COVER.DEPEG}` });
    await rounds
      .getByRole("row")
      .filter({ hasText: "No: above the trigger (0.97 USD > 0.95 USD)" })
      .waitFor();
    await form
      .getByRole("status")
      .filter({
        hasText: `No round qualifies for cover ${COVER.DEPEG}: none of the 1 round since the cover started qualifies`,
      })
      .waitFor();
    expect(await form.getByRole("button", { name: "File parametric claim" }).count()).to.equal(0);
    expect(await form.getByRole("radio").count()).to.equal(0);
    expect(await form.getByText("at or below 0.95 USD (tUSD / USD)").count()).to.equal(1);

    // A round below the trigger: the page follows the chain and offers it, alone and pre-selected.
    await (await c.DepegFeed.setAnswer(PRICE("0.9"))).wait();
    const below = (await c.DepegFeed.latestRoundData()).roundId;
    const radio = form.getByRole("radio", { name: new RegExp(`^Round ${below}: 0\\.9 USD at `) });
    await radio.waitFor();
    expect(await form.getByRole("radio").count()).to.equal(1);
    expect(await radio.isChecked()).to.equal(true);
    await rounds.getByRole("row").filter({ hasText: "0.9 USD" }).filter({ hasText: "Yes" }).waitFor();
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

    // The feed goes silent for longer than the module allows: the contract refuses the round, in words.
    await chain.increaseTime(gap + 3600);
    await form.getByRole("button", { name: "File parametric claim" }).click();
    const refused = await failedWith(
      page,
      `File parametric claim on cover ${COVER.DEPEG} from round ${below}`,
    );
    expect(refused).to.match(
      new RegExp(
        `Round ${below} is stale: the feed's next update came 1 day 1 hour( \\d+ seconds?)? later, more than the allowed 1 day\\.`,
      ),
    );
    expect(await claims.claimCount()).to.equal(0n);

    // A fresh round below the trigger: the stale one is explained, the fresh one qualifies and is filed.
    await (await c.DepegFeed.setAnswer(PRICE("0.92"))).wait();
    const fresh = (await c.DepegFeed.latestRoundData()).roundId;
    await form.getByRole("radio", { name: new RegExp(`^Round ${fresh}: 0\\.92 USD at `) }).waitFor();
    await rounds
      .getByRole("row")
      .filter({
        hasText: /No: stale: the next round came 1 day 1 hour( \d+ minutes?)?( \d+ seconds?)? later/,
      })
      .waitFor();
    expect(await form.getByRole("radio").count()).to.equal(1);
    // Filed with the keyboard alone: from the round, Tab to the amount, Tab to the button, Enter.
    await form.getByRole("radio", { name: new RegExp(`^Round ${fresh}: `) }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.labels?.[0]?.textContent")).to.equal(
      "Amount to claim",
    );
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).to.equal("File parametric claim");
    await page.keyboard.press("Enter");
    await confirmed(page, `File parametric claim on cover ${COVER.DEPEG} from round ${fresh}`);
    expect(await claims.claimCount()).to.equal(1n);
    const filed = await claims.claim(1n);
    expect([filed.coverId, filed.amount, filed.claimant, filed.parametric]).to.deep.equal([
      COVER.DEPEG,
      DEPEG_COVER_AMOUNT,
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
    expect((await c.Stablecoin.balanceOf(holder.address)) - before).to.equal(DEPEG_COVER_AMOUNT);
    expect(await claims.claimState(1n)).to.equal(STATE.Paid);
    await page.getByRole("status").filter({ hasText: "paid to the cover's holder" }).waitFor();

    // Back on the list: the cover is paid out, nothing more to file.
    await page.getByRole("link", { name: "← Claims" }).click();
    await form.getByRole("status").filter({ hasText: "has been paid out in full" }).waitFor();
    await screenshot(page, "parametric-claim");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
