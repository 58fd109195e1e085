/**
 * The account paths the other browser tests leave out, each against the real chain:
 * - an underwriter requests a withdrawal of part of its pool shares, sees the cooldown and when the window
 *   opens, and (time moved on chain, the page following without a reload) completes it: the assets arrive
 *   and the shares are burnt;
 * - a staker requests an unstake, waits the cooldown and withdraws inside the window;
 * - a holder with held and staked COVER delegates to someone else, whose votes rise by both;
 * - a buyer whose quote went stale (another purchase raised the pool's utilization) is refused with the
 *   decoded slippage error, and nothing moves.
 */
import { expect } from "chai";
import { formatEther, formatUnits, parseEther } from "ethers";

import { daoWithVoters } from "../helpers/dao.js";
import { confirmed, definition, failedWith, open, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

/** The Pool module's first product: smart-contract cover on the WETH pool. */
const WETH_PRODUCT = 1n;
const THIRTY_DAYS = 30n * 86_400n;
/** The block watcher polls every second (`?poll=`), so pages follow time moved from the test quickly. */
const POLL = "?poll=1000";

/** An 18-decimal amount as the pages show it: grouped, at most 4 decimals, truncated. */
function shown(value: bigint): string {
  const [whole, fraction = ""] = formatUnits(value, 18).split(".");
  const decimals = fraction.slice(0, 4).replace(/0+$/, "");
  return `${BigInt(whole).toLocaleString("en-US")}${decimals ? `.${decimals}` : ""}`;
}

/** A WETH amount as the tray writes it: 18 decimals, no trailing zeros. */
const trimmed = (wei: bigint): string => formatEther(wei).replace(/\.?0+$/, "");

describe("e2e: withdrawals, delegating to another, a stale cover quote", function () {
  this.timeout(240_000);
  const suite = browserSuite("more-paths", async (connection) => {
    const dao = await daoWithVoters(connection);
    const { GovernanceToken: token, StakingVault: vault, WETH: weth, WethPool: pool } = dao.contracts;
    const [underwriter, buyer, rival] = (await connection.ethers.getSigners()).slice(7, 10);
    // An underwriter with 100 WETH in the WETH pool.
    await (await weth.connect(underwriter).deposit({ value: parseEther("100") })).wait();
    await (await weth.connect(underwriter).approve(await pool.getAddress(), parseEther("100"))).wait();
    await (await pool.connect(underwriter).deposit(parseEther("100"), underwriter.address)).wait();
    // Two cover buyers with WETH for premiums.
    for (const account of [buyer, rival]) {
      await (await weth.connect(account).deposit({ value: parseEther("5") })).wait();
    }
    // A holder with 20,000 COVER, 5,000 of it staked, who has not delegated.
    await (await token.transfer(dao.outsider.address, parseEther("20000"))).wait();
    await (await vault.connect(dao.outsider).stake(parseEther("5000"))).wait();
    await connection.networkHelpers.mine();
    return { ...dao, underwriter, buyer, rival };
  });

  it("requests a withdrawal of pool shares, waits the cooldown and completes it", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { underwriter, contracts } = chain.dao;
    const { WETH: weth, WethPool: pool } = contracts;
    const [, cooldown] = await pool.parameters();
    expect(cooldown).to.equal(7n * 86_400n);
    const held = await pool.balanceOf(underwriter.address);
    const shares = (held * 2n) / 5n; // 40 % of the position
    const typed = formatUnits(shares, await pool.decimals());

    await open(page, ui, chain.rpc.url, `/pool${POLL}`);
    await useAccount(page, underwriter.address);
    const panel = page.getByRole("region", { name: /WethPool/ });
    await panel.getByLabel("Shares to withdraw (WethPool)").fill(typed);
    await panel.getByRole("button", { name: "Request withdrawal (WethPool)" }).click();
    await confirmed(page, "Request withdrawal from WethPool");
    const request = await pool.withdrawalRequest(underwriter.address);
    expect(request.shares).to.equal(shares);
    expect(request.readyAt - BigInt(await chain.now())).to.equal(cooldown);
    // Requested shares are escrowed by the pool until the withdrawal completes.
    expect(await pool.balanceOf(underwriter.address)).to.equal(held - shares);

    // The page shows the cooldown and when the window opens; completing is not offered yet.
    const status = panel.getByRole("status").filter({ hasText: /^Withdrawal of / });
    // 7 days from the request's block, counted down on the chain's clock (a second may have passed).
    await status.filter({ hasText: /cooling down, ready in (7d|6d 23h)\.$/ }).waitFor();
    const complete = panel.getByRole("button", { name: "Complete withdrawal (WethPool)" });
    expect(await complete.isDisabled()).to.equal(true);
    expect(await definition(page, "Withdrawal cooldown / window")).to.match(/^7d \/ /);

    // The cooldown passes on chain: the page follows the new block and offers to complete.
    await chain.increaseTime(Number(cooldown) + 1);
    await status.filter({ hasText: /ready; the window closes in / }).waitFor();
    expect(await complete.isEnabled()).to.equal(true);
    const assets = await pool.previewRedeem(shares);
    const wethBefore = await weth.balanceOf(underwriter.address);
    const supplyBefore = await pool.totalSupply();
    await complete.click();
    await confirmed(page, "Complete withdrawal from WethPool", { keep: true });
    expect((await weth.balanceOf(underwriter.address)) - wethBefore).to.equal(assets);
    expect(supplyBefore - (await pool.totalSupply())).to.equal(shares);
    expect((await pool.withdrawalRequest(underwriter.address)).shares).to.equal(0n);
    expect(await pool.balanceOf(underwriter.address)).to.equal(held - shares);
    await status.waitFor({ state: "detached" });
    await complete.waitFor({ state: "detached" });
    await panel.getByText(`wallet: ${shown(wethBefore + assets)} WETH`).waitFor();
    await screenshot(page, "more-paths-pool-withdrawal");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });

  it("requests an unstake, waits the cooldown and withdraws inside the window", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { alice, contracts } = chain.dao;
    const { GovernanceToken: token, StakingVault: vault } = contracts;
    const { cooldown } = await vault.parameters();
    expect(cooldown).to.equal(7n * 86_400n);
    expect(await vault.stakeOf(alice.address)).to.equal(parseEther("500000"));
    const balanceBefore = await token.balanceOf(alice.address);
    const votesBefore = await token.getVotes(alice.address);

    await open(page, ui, chain.rpc.url, `/stake${POLL}`);
    await useAccount(page, alice.address);
    await page.getByLabel("Amount to unstake (COVER)").fill("200000");
    await page.getByRole("button", { name: "Request unstake" }).click();
    await confirmed(page, "Request unstake of 200,000 COVER");
    expect((await vault.unstakeRequest(alice.address)).amount).to.equal(parseEther("200000"));
    const status = page.getByRole("status").filter({ hasText: /^200,000 COVER — / });
    await status.filter({ hasText: /cooling down: withdrawable in (7d|6d 23h)\.$/ }).waitFor();
    const withdraw = page.getByRole("button", { name: "Withdraw", exact: true });
    expect(await withdraw.isDisabled()).to.equal(true);

    // The cooldown passes on chain; the page follows and offers the withdrawal inside the window.
    await chain.increaseTime(Number(cooldown) + 1);
    await status.filter({ hasText: /ready: withdraw before the window closes in / }).waitFor();
    await withdraw.click();
    await confirmed(page, "Withdraw unstaked COVER", { keep: true });
    expect(await vault.stakeOf(alice.address)).to.equal(parseEther("300000"));
    expect((await token.balanceOf(alice.address)) - balanceBefore).to.equal(parseEther("200000"));
    expect((await vault.unstakeRequest(alice.address)).amount).to.equal(0n);
    // Held and staked COVER both vote: moving stake back to the wallet leaves her votes as they were.
    expect(await token.getVotes(alice.address)).to.equal(votesBefore);
    await page.getByRole("heading", { name: "Your unstake request" }).waitFor({ state: "detached" });
    await page
      .getByRole("definition")
      .filter({ hasText: /^300,000 COVER$/ })
      .waitFor();
    expect(await definition(page, "Your stake")).to.equal("300,000 COVER");
    expect(await definition(page, "Wallet balance")).to.equal("1,200,000 COVER");
    await screenshot(page, "more-paths-unstake");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });

  it("delegates held and staked COVER to another address, whose votes rise by both", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { outsider, carol, contracts } = chain.dao;
    const { GovernanceToken: token, StakingVault: vault } = contracts;
    const held = await token.balanceOf(outsider.address);
    const staked = await vault.stakeOf(outsider.address);
    expect([held, staked]).to.deep.equal([parseEther("15000"), parseEther("5000")]);
    const carolBefore = await token.getVotes(carol.address);

    await open(page, ui, chain.rpc.url, "/delegate");
    await useAccount(page, outsider.address);
    // The page says which proposals a delegation counts for.
    await page
      .getByText("Only power delegated before a proposal's snapshot counts for that proposal", {
        exact: true,
      })
      .waitFor();
    expect(await definition(page, "Your delegate")).to.match(/nobody yet/);
    expect(await definition(page, "Held")).to.equal("15,000 COVER");
    expect(await definition(page, "Staked")).to.equal("5,000 COVER");

    await page.getByLabel("Delegate address").fill(carol.address);
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await confirmed(page, `Delegate to ${carol.address.slice(0, 8)}…`, { keep: true });
    expect(await token.delegates(outsider.address)).to.equal(carol.address);
    expect((await token.getVotes(carol.address)) - carolBefore).to.equal(held + staked);
    expect(await token.getVotes(outsider.address)).to.equal(0n);

    const delegate = page.getByRole("definition").filter({ has: page.getByTitle(carol.address) });
    await delegate.waitFor();
    expect(await definition(page, "Your delegate")).to.equal(
      `${carol.address.slice(0, 6)}…${carol.address.slice(-4)}`,
    );
    expect(await definition(page, "Votes you can cast")).to.equal("0");
    expect(await page.getByRole("button", { name: "Delegate to myself" }).isEnabled()).to.equal(true);
    await screenshot(page, "more-paths-delegate");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });

  it("refuses a purchase whose premium rose above the maximum, with the decoded slippage error", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { buyer, rival, contracts } = chain.dao;
    const { WETH: weth, CoverBook: book } = contracts;
    const quoted = await book.quote(WETH_PRODUCT, parseEther("2"), THIRTY_DAYS);

    // A quote for 2 WETH over 30 days with no slippage allowed: the maximum is the quote itself.
    await open(page, ui, chain.rpc.url, "/cover");
    await useAccount(page, buyer.address);
    await page.getByLabel("Product").selectOption(WETH_PRODUCT.toString());
    await page.getByLabel("Cover amount").fill("2");
    await page.getByLabel("Cover period (days)").fill("30");
    await page.getByLabel("Max premium slippage (%)").fill("0");
    await page.getByRole("button", { name: "Get quote" }).click();
    const quote = page.getByRole("status").filter({ hasText: "Premium:" });
    await quote.getByText("Equal to the contract's own quote.").waitFor();
    const shownMax = /You pay at most ([\d.,]+) WETH/.exec(await quote.innerText())?.[1];
    expect(shownMax && parseEther(shownMax.replaceAll(",", ""))).to.equal(quoted - (quoted % 10n ** 10n));
    await page.getByRole("button", { name: "Approve premium" }).click();
    await confirmed(page, "Approve WETH premium");
    expect(await weth.allowance(buyer.address, await book.getAddress())).to.equal(quoted);

    // Someone else buys 30 WETH of cover first: the pool's utilization, and so the premium, rise.
    await (await weth.connect(rival).approve(await book.getAddress(), parseEther("5"))).wait();
    await (
      await book.connect(rival).buyCover(WETH_PRODUCT, parseEther("30"), THIRTY_DAYS, parseEther("5"))
    ).wait();
    const now = await book.quote(WETH_PRODUCT, parseEther("2"), THIRTY_DAYS);
    expect(now).to.be.greaterThan(quoted);

    // The purchase at the old maximum is refused before anything is sent, in words.
    const balance = await weth.balanceOf(buyer.address);
    const count = await book.coverCount();
    await page.getByRole("button", { name: "Buy cover", exact: true }).click();
    const words = await failedWith(page, /^Buy cover: /);
    expect(words).to.contain(
      `The premium is now ${trimmed(now)} WETH, above your maximum of ${trimmed(quoted)} WETH: refresh the quote and try again.`,
    );
    expect(words).not.to.match(/0x[0-9a-f]{8}/i);
    expect(await weth.balanceOf(buyer.address)).to.equal(balance);
    expect(await book.coverCount()).to.equal(count);
    expect(await book.balanceOf(buyer.address)).to.equal(0n);

    // A fresh quote shows the new premium and asks for a larger approval.
    await page.getByRole("button", { name: "Get quote" }).click();
    await quote.getByText("Equal to the contract's own quote.").waitFor();
    const shown = /Premium:\s*([\d.,]+) WETH/.exec(await quote.innerText())?.[1];
    expect(shown && parseEther(shown.replaceAll(",", ""))).to.equal(now - (now % 10n ** 10n));
    await quote.getByRole("button", { name: "Approve premium" }).waitFor();
    await screenshot(page, "more-paths-cover-slippage");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
