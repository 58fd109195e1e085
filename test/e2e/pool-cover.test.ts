/**
 * Deposit and buy cover, in the browser: an underwriter takes test WETH from the local faucet, approves and
 * deposits it into the WETH pool on the Pool page; a buyer gets a quote on the Cover page that equals the
 * contract's own, approves the premium and buys 2 WETH of smart-contract cover for 30 days. The chain shows
 * the pool's capital, the buyer's cover NFT and the premium paid; the page lists the cover.
 */
import { expect } from "chai";
import { parseEther } from "ethers";

import { daoWithVoters } from "../helpers/dao.js";
import { confirmed, go, open, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

/** The Pool module's first product: smart-contract cover on the WETH pool. */
const WETH_PRODUCT = 1n;

describe("e2e: deposit and buy cover", function () {
  this.timeout(240_000);
  const suite = browserSuite("pool-cover", daoWithVoters);

  it("deposits WETH as an underwriter and buys cover against it at the quoted premium", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const [underwriter, buyer] = (await chain.connection.ethers.getSigners()).slice(7, 9);
    const { WETH: weth, WethPool: pool, CoverBook: book } = chain.dao.contracts;
    expect(await pool.totalAssets()).to.equal(0n);

    // The underwriter: faucet, approve, deposit.
    await open(page, ui, chain.rpc.url, "/pool");
    await useAccount(page, underwriter.address);
    const wethPool = page.getByRole("region", { name: /WethPool/ });
    await wethPool.getByRole("button", { name: "Get test WETH" }).click();
    await confirmed(page, "Get test WETH");
    expect(await weth.balanceOf(underwriter.address)).to.equal(parseEther("10"));
    await wethPool.getByLabel("Amount to deposit (WETH)").fill("10");
    await wethPool.getByRole("button", { name: "Approve WETH" }).click();
    await confirmed(page, "Approve WETH");
    await wethPool.getByRole("button", { name: "Deposit WETH" }).click();
    await confirmed(page, /^Deposit 10/);
    expect(await pool.totalAssets()).to.equal(parseEther("10"));
    expect(await pool.balanceOf(underwriter.address)).to.be.greaterThan(0n);
    expect(await weth.balanceOf(underwriter.address)).to.equal(0n);

    // The buyer: test WETH for the premium, then a quote, approval and purchase.
    await useAccount(page, buyer.address);
    await wethPool.getByRole("button", { name: "Get test WETH" }).click();
    await confirmed(page, "Get test WETH");
    await go(page, "Cover");
    await page.getByLabel("Product").selectOption(WETH_PRODUCT.toString());
    await page.getByLabel("Cover amount").fill("2");
    await page.getByLabel("Cover period (days)").fill("30");
    await page.getByRole("button", { name: "Get quote" }).click();
    const quote = page.getByRole("status").filter({ hasText: "Premium:" });
    await quote.getByText("Equal to the contract's own quote.").waitFor();
    const onChainQuote = await book.quote(WETH_PRODUCT, parseEther("2"), 30n * 86_400n);
    const shown = /Premium:\s*([\d.,]+) WETH/.exec(await quote.innerText())?.[1];
    // The page shows the premium to 8 decimals, truncated.
    expect(shown && parseEther(shown.replaceAll(",", ""))).to.equal(
      onChainQuote - (onChainQuote % 10n ** 10n),
    );

    await page.getByRole("button", { name: "Approve premium" }).click();
    await confirmed(page, "Approve WETH premium");
    const before = await weth.balanceOf(buyer.address);
    await page.getByRole("button", { name: "Buy cover", exact: true }).click();
    await confirmed(page, /^Buy cover: /, { keep: true });
    expect(await book.balanceOf(buyer.address)).to.equal(1n);
    const coverId = 1n;
    expect(await book.ownerOf(coverId)).to.equal(buyer.address);
    const cover = await book.cover(coverId);
    expect(cover.amount).to.equal(parseEther("2"));
    expect(before - (await weth.balanceOf(buyer.address))).to.equal(onChainQuote);

    const covers = page.getByRole("table", { name: "Your covers" });
    await covers.getByRole("cell", { name: `#${coverId}`, exact: true }).waitFor();
    expect(await covers.getByRole("row").count()).to.equal(2); // header + the cover
    await screenshot(page, "pool-cover");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
