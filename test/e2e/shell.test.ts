/**
 * The app shell in real Chromium against a real local chain: the UI reads the chain it is pointed at
 * (`?rpc=`) and the deployment file Vite serves for it, and offers the node's unlocked accounts, named from
 * the deployment, in the dev-account switcher.
 */
import { expect } from "chai";

import { open } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

describe("e2e: app shell", function () {
  this.timeout(180_000);
  const suite = browserSuite("shell");

  it("loads in Chromium, reads the local chain and offers its dev accounts", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    chain.rpc.resetStats();
    await open(page, ui, chain.rpc.url);
    const accounts = (await chain.connection.provider.request({ method: "eth_accounts" })) as string[];
    const options = page.getByLabel("Dev account", { exact: true }).getByRole("option");
    await options.nth(accounts.length).waitFor({ state: "attached" });
    // "(none)" and one option per unlocked account; the guardian is named from the deployment file.
    expect(await options.count()).to.equal(accounts.length + 1);
    const guardian = chain.dao.deployment.accounts.guardian.toLowerCase().slice(0, 8);
    expect(await options.allInnerTexts()).to.include(`guardian — ${guardian}…`);
    expect(chain.rpc.stats.rpcCalls).to.be.greaterThan(0);
    await screenshot(page, "shell");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });

  it("opens every page of the main navigation, titled by its label, with no page error", async () => {
    const { browser } = suite;
    const { page } = browser;
    const nav = page.getByRole("navigation", { name: "Main" });
    const links = await nav.getByRole("link").allInnerTexts();
    expect(links).to.include.members([
      "Dashboard",
      "Proposals",
      "New proposal",
      "Stake",
      "Claims",
      "Pool",
      "Cover",
    ]);
    for (const name of links) {
      await nav.getByRole("link", { name, exact: true }).click();
      // Each page's title is its navigation label.
      await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
      expect(await nav.getByRole("link", { name, exact: true }).getAttribute("aria-current")).to.equal(
        "page",
      );
    }
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
