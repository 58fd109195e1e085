/**
 * What the UI promises beyond its features, checked in real Chromium against a real local chain: every page
 * fits a phone's width, every form control and button has an accessible name, the keyboard alone reaches
 * and follows the navigation with a visible focus, and a browser wallet on another chain is detected,
 * explained, refused in words, switched, and then used.
 *
 * The browser wallet is the one stand-in here: an extension cannot be installed in headless Chromium, so
 * the page gets a small EIP-1193 provider (`window.ethereum`) that answers for its one account and its
 * chain id, and passes every other request to the real local chain (whose node holds the account's key).
 */
import { expect } from "chai";
import type { Page } from "playwright-core";

import { daoWithVoters } from "../helpers/dao.js";
import { confirmed, failedWith, open, pageWidth, unnamedControls } from "./app.js";
import { appUrl, browserSuite, screenshot } from "./harness.js";

/** The main navigation's labels, read from the page. */
async function navLabels(page: Page): Promise<string[]> {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
}

/** Opens the navigation entry `name` and waits for its page's title. */
async function visit(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
}

// The wallet below runs in the page, so it is written as text: the test runner's compiler adds helpers to
// functions (for their names) that exist in Node, not in the page.

/**
 * In the page, before the app loads: a browser wallet holding `account`, starting on chain 1. It answers
 * for its account and chain id, switches chain when asked (announcing it as wallets do), and sends every
 * other request to the local chain at `rpcUrl`.
 */
function injectedWallet(rpcUrl: string, account: string): string {
  return `(() => {
  const listeners = new Map();
  let chainId = "0x1";
  let nextId = 1;
  const emit = (event, value) => (listeners.get(event) || new Set()).forEach((listener) => listener(value));
  window.ethereum = {
    async request({ method, params }) {
      if (method === "eth_chainId") return chainId;
      if (method === "eth_requestAccounts" || method === "eth_accounts") return [${JSON.stringify(account)}];
      if (method === "wallet_switchEthereumChain") {
        chainId = params[0].chainId;
        setTimeout(() => emit("chainChanged", chainId), 0);
        return null;
      }
      const response = await fetch(${JSON.stringify(rpcUrl)}, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params: params || [] }),
      });
      const body = await response.json();
      if (body.error) throw Object.assign(new Error(body.error.message), body.error);
      return body.result;
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
    },
    removeListener(event, listener) {
      if (listeners.has(event)) listeners.get(event).delete(listener);
    },
  };
})()`;
}

describe("e2e: accessibility, narrow screens and a browser wallet", function () {
  this.timeout(240_000);
  const suite = browserSuite("accessibility", daoWithVoters);

  it("fits every page into a 360-pixel-wide screen without sideways scrolling", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      await open(page, ui, chain.rpc.url);
      const overflowing: string[] = [];
      for (const name of await navLabels(page)) {
        await visit(page, name);
        // Let the page's reads land, so tables and charts have their content.
        await page.waitForLoadState("networkidle");
        const { scrollWidth, innerWidth } = await pageWidth(page);
        if (scrollWidth > innerWidth) overflowing.push(`${name}: ${scrollWidth} px wide`);
      }
      await visit(page, "Proposals");
      await screenshot(page, "narrow-proposals");
      expect(overflowing, "pages wider than the screen").to.deep.equal([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });

  it("gives every input, select, textarea, button and link on every page an accessible name", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    await open(page, ui, chain.rpc.url);
    const unnamed: string[] = [];
    for (const name of await navLabels(page)) {
      await visit(page, name);
      await page.waitForLoadState("networkidle");
      const found = await unnamedControls(page);
      for (const html of found) unnamed.push(`${name}: ${html}`);
    }
    expect(unnamed, "controls without an accessible name").to.deep.equal([]);
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });

  it("reaches and follows the navigation with Tab and Enter alone, showing where the focus is", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    await open(page, ui, chain.rpc.url);
    await page.locator("body").focus();
    // The first Tab lands on the skip link, which moves the focus past the header.
    await page.keyboard.press("Tab");
    const first = await page.evaluate<string | undefined>("document.activeElement?.textContent?.trim()");
    expect(first).to.match(/^Skip to/i);

    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate<boolean>(
        `document.activeElement?.closest("nav")?.getAttribute("aria-label") === "Main" &&
         document.activeElement?.textContent?.trim() === "Proposals"`,
      );
    }
    expect(reached, "Tab never reached the Proposals link").to.equal(true);
    const outline = await page.evaluate<{ style: string; width: number }>(
      `(() => { const s = getComputedStyle(document.activeElement); return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) }; })()`,
    );
    expect(outline.style).to.not.equal("none");
    expect(outline.width).to.be.at.least(2);
    await screenshot(page, "keyboard-focus");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Proposals", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).to.equal("/proposals");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });

  it("detects a browser wallet on another chain, explains it, refuses to send, then switches and sends", async () => {
    const { chain, ui, browser } = suite;
    const { outsider, contracts } = chain.dao;
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    try {
      await page.addInitScript(injectedWallet(chain.rpc.url, outsider.address));
      await page.goto(appUrl(ui, chain.rpc.url, "/delegate"));
      await page.getByRole("button", { name: "Connect browser wallet" }).click();

      const banner = page.getByRole("alert").filter({ hasText: "Wrong network." });
      await banner.waitFor();
      const words = await banner.innerText();
      expect(words).to.include("Your wallet is on chain 1");
      expect(words).to.include(`deployed on chain ${chain.dao.deployment.chainId}`);
      await screenshot(page, "wallet-wrong-network");

      await page.getByRole("button", { name: "Delegate to myself", exact: true }).click();
      expect(await failedWith(page, "Delegate to myself")).to.include(
        `switch it to chain ${chain.dao.deployment.chainId} first`,
      );
      expect(await contracts.GovernanceToken.delegates(outsider.address)).to.equal(
        "0x0000000000000000000000000000000000000000",
      );

      // The refusal is dismissed, so that the tray's next entry for the same action is the new attempt.
      await page.getByRole("button", { name: "Dismiss Delegate to myself" }).click();
      await banner.getByRole("button", { name: "Switch wallet network" }).click();
      await banner.waitFor({ state: "detached" });
      await page.getByRole("button", { name: "Delegate to myself", exact: true }).click();
      await confirmed(page, "Delegate to myself");
      expect(await contracts.GovernanceToken.delegates(outsider.address)).to.equal(outsider.address);
    } finally {
      await page.close();
    }
    expect(problems, problems.join("\n")).to.deep.equal([]);
  });
});
