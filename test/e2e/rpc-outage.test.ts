/**
 * The RPC going away: the app says so in a banner while the node does not answer, keeps the page up, and
 * when the node is back it clears the banner and reloads what the page shows.
 */
import { expect } from "chai";
import { parseEther } from "ethers";

import { daoWithVoters } from "../helpers/dao.js";
import { definition, open, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

describe("e2e: the RPC goes away and comes back", function () {
  this.timeout(180_000);
  const suite = browserSuite("rpc-outage", daoWithVoters);

  it("shows an unreachable-chain banner, then recovers and reloads the page's data", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { bob, contracts } = chain.dao;
    await open(page, ui, chain.rpc.url, "/stake");
    await useAccount(page, bob.address);
    await page.getByRole("term").filter({ hasText: "Your stake" }).waitFor();
    expect(await definition(page, "Your stake")).to.equal("0 COVER");

    await chain.rpc.pause();
    const banner = page.getByRole("alert").filter({ hasText: "Chain unreachable." });
    await banner.waitFor();
    expect(await banner.innerText()).to.include(chain.rpc.url);
    // The page stays up while the node is away.
    expect(await page.getByRole("heading", { name: "Stake", level: 1 }).isVisible()).to.equal(true);
    await screenshot(page, "rpc-outage");

    // Meanwhile the chain moves on: Bob stakes (directly, not through the page).
    const vault = contracts.StakingVault;
    await (await vault.connect(bob).stake(parseEther("1234"))).wait();

    await chain.rpc.resume();
    await banner.waitFor({ state: "detached" });
    await page.getByRole("definition").filter({ hasText: "1,234 COVER" }).first().waitFor();
    expect(await definition(page, "Your stake")).to.equal("1,234 COVER");
  });
});
