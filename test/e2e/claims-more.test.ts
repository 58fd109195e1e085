/**
 * The claim paths after the vote, in the browser, on the claims fixture (`test/claims/fixture.ts`):
 * - a claim two assessors approved is escalated during the cooldown by a staker who pays the bond the page
 *   shows; governance (the Timelock) overturns the assessors and denies it, which returns the bond; the
 *   assessors who voted take their reward on the decided claim, and anyone settles it (the deposit goes to
 *   the treasury);
 * - a parametric claim on the depeg cover, filed by the test from the first round of a fall to 0.90 that
 *   lasted the 24-hour confirmation window after the waiting period (the page's own form is exercised in
 *   parametric-claim.test.ts), is shown as decided by the price feed and redeemed by the holder: the loss,
 *   10 % of the cover.
 */
import { expect } from "chai";
import { formatEther } from "ethers";

import {
  COVER,
  DEPEG_COVER_AMOUNT,
  PRICE,
  type ClaimsFixture,
  claimsFixture,
  fileClaim,
} from "../claims/fixture.js";
import { confirmed, definition, open, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

/** ICoverClaims.ClaimState. */
const STATE = { Cooldown: 2n, Escalated: 3n, Approved: 4n, Denied: 5n, Paid: 6n } as const;
const POLL = "?poll=1000";

describe("e2e: a claim escalated, decided and rewarded; a parametric claim redeemed", function () {
  this.timeout(240_000);
  const suite = browserSuite<ClaimsFixture>("claims-more", claimsFixture);

  it("escalates an approved claim with the bond; governance denies it; assessors take their reward", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const f = chain.dao;
    const { alice, bob, carol, timelock, c } = f;
    const claims = c.CoverClaims;
    const provider = chain.connection.ethers.provider;
    const bond = f.params.escalationBond;
    expect(bond).to.be.greaterThan(0n);

    // The holder files a 20 WETH claim; Alice and Bob approve it; the vote ends.
    const id = await fileClaim(f);
    for (const assessor of [alice, bob])
      await (await claims.connect(assessor).castClaimVote(id, true)).wait();
    await chain.increaseTime(Number((await claims.claim(id)).votingEnd) - (await chain.now()) + 1);
    expect(await claims.claimState(id)).to.equal(STATE.Cooldown);

    // Carol, a staker who did not vote, sees the cooldown, the bond, and escalates.
    await open(page, ui, chain.rpc.url, `/claims/${id}${POLL}`);
    await useAccount(page, carol.address);
    await page.getByRole("heading", { name: `Claim ${id}`, level: 1 }).waitFor();
    await page.getByRole("status").filter({ hasText: "It can be escalated to governance until" }).waitFor();
    expect(await definition(page, "Escalation possible until")).to.match(/^in \d/);
    await page
      .getByText(`Bond: ${formatEther(bond)} ETH, forfeited if governance does not decide in time.`)
      .waitFor();
    const claimsBalance = await provider.getBalance(await claims.getAddress());
    await page.getByRole("button", { name: "Escalate to governance" }).click();
    await confirmed(page, `Escalate claim ${id}`);
    expect(await claims.claimState(id)).to.equal(STATE.Escalated);
    expect((await claims.claim(id)).escalator).to.equal(carol.address);
    expect((await provider.getBalance(await claims.getAddress())) - claimsBalance).to.equal(bond);
    await page
      .getByRole("status")
      .filter({ hasText: `escalated to governance by ${carol.address} with a ${formatEther(bond)} ETH bond` })
      .waitFor();
    await page.getByRole("button", { name: "Escalate to governance" }).waitFor({ state: "detached" });
    await screenshot(page, "claims-more-escalated");

    // Governance overturns the assessors: the claim is denied and Carol, who was right, gets her bond back.
    const carolBefore = await provider.getBalance(carol.address);
    await (await claims.connect(timelock).resolveEscalation(id, false)).wait();
    expect(await claims.claimState(id)).to.equal(STATE.Denied);
    expect((await provider.getBalance(carol.address)) - carolBefore).to.equal(bond);
    await page
      .getByRole("status")
      .filter({ hasText: /denied by governance after an escalation .* the deposit is forfeited/ })
      .waitFor();
    // Carol did not vote: no reward for her.
    expect(await page.getByRole("button", { name: "Claim reward", exact: true }).count()).to.equal(0);

    // Alice and Bob take their reward, in the pool's asset, in proportion to their weight.
    const pot = await c.WethPool.assessorRewardPot();
    expect(pot).to.be.greaterThan(0n);
    const filed = await claims.claim(id);
    const votes = filed.yesWeight + filed.noWeight;
    let paid = 0n;
    for (const assessor of [alice, bob]) {
      await useAccount(page, assessor.address);
      await page.getByText("You voted yes on this claim.").waitFor();
      const before = await c.WETH.balanceOf(assessor.address);
      await page.getByRole("button", { name: "Claim reward", exact: true }).click();
      await confirmed(page, `Claim reward of claim ${id}`);
      const weight = await c.StakingVault.getPastStake(assessor.address, filed.filedAt - 1n);
      const reward = ((await claims.rewardOf(id)) * weight) / votes;
      expect(reward).to.be.greaterThan(0n);
      expect((await c.WETH.balanceOf(assessor.address)) - before).to.equal(reward);
      expect((await claims.ballotOf(id, assessor.address)).rewarded).to.equal(true);
      paid += reward;
      // Taken once: the button goes.
      await page.getByRole("button", { name: "Claim reward", exact: true }).waitFor({ state: "detached" });
    }
    expect(pot - (await c.WethPool.assessorRewardPot())).to.equal(paid);

    // Anyone settles the denied claim: the deposit, forfeited on the merits, goes to the treasury.
    const treasury = await claims.treasury();
    const treasuryBefore = await provider.getBalance(treasury);
    await page.getByRole("button", { name: "Settle claim", exact: true }).click();
    await confirmed(page, `Settle claim ${id}`, { keep: true });
    expect((await claims.claim(id)).settled).to.equal(true);
    expect((await provider.getBalance(treasury)) - treasuryBefore).to.equal(f.params.claimDeposit);
    await page.getByRole("button", { name: "Settle claim", exact: true }).waitFor({ state: "detached" });
    await page
      .getByRole("status")
      .filter({ hasText: /the deposit is forfeited to the treasury\.$/ })
      .waitFor();
    await screenshot(page, "claims-more-decided");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });

  it("redeems a parametric claim filed from a confirmed fall below the trigger", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { holder, c, terms } = chain.dao;
    const claims = c.CoverClaims;

    // After the waiting period the stablecoin falls to 0.90 (the trigger is 0.995) and stays there through
    // the 24-hour window (a round every 6 hours); the holder files from the first round of the fall.
    await chain.increaseTime(Number(terms.waitingPeriod));
    await (await c.DepegFeed.setAnswer(PRICE("1"))).wait();
    await chain.increaseTime(3_600);
    await (await c.DepegFeed.setAnswer(PRICE("0.9"))).wait();
    const round = (await c.DepegFeed.latestRoundData()).roundId;
    for (let i = 0; i < 4; i++) {
      await chain.increaseTime(6 * 3_600);
      await (await c.DepegFeed.setAnswer(PRICE("0.9"))).wait();
    }
    await (await claims.connect(holder).submitParametricClaim(COVER.DEPEG, DEPEG_COVER_AMOUNT, round)).wait();
    const id = await claims.claimCount();
    expect(await claims.claimState(id)).to.equal(STATE.Approved);

    await open(page, ui, chain.rpc.url, "/claims");
    await useAccount(page, holder.address);
    await page.getByRole("link", { name: `Claim ${id}` }).click();
    await page.getByRole("heading", { name: `Claim ${id}`, level: 1 }).waitFor();
    expect(await definition(page, "Evidence")).to.equal("price feed round (parametric)");
    expect(await definition(page, "Amount")).to.equal("10,000 tUSD");
    await page.getByRole("status").filter({ hasText: "approved by the price feed" }).waitFor();
    // Decided by the feed: there is nothing to vote on or escalate, and an approved claim is not settled
    // (the contract settles only denied or expired ones; redeeming settles it).
    expect(await page.getByRole("button", { name: /^Vote |^Escalate / }).count()).to.equal(0);
    expect(await page.getByRole("button", { name: "Settle claim", exact: true }).count()).to.equal(0);

    const before = await c.Stablecoin.balanceOf(holder.address);
    await page.getByRole("button", { name: "Redeem payout", exact: true }).click();
    await confirmed(page, `Redeem payout of claim ${id}`, { keep: true });
    expect((await c.Stablecoin.balanceOf(holder.address)) - before).to.equal(DEPEG_COVER_AMOUNT / 10n);
    expect(await claims.claimState(id)).to.equal(STATE.Paid);
    await page.getByRole("button", { name: "Redeem payout", exact: true }).waitFor({ state: "detached" });
    await page.getByRole("status").filter({ hasText: "paid to the cover's holder" }).waitFor();
    await screenshot(page, "claims-more-parametric");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
