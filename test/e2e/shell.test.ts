/**
 * The app shell in real Chromium against a real local chain: the UI loads, reads the chain it is pointed
 * at and the deployment file Vite serves for it.
 */
import { expect } from "chai";

import {
  type Browser,
  type E2EChain,
  type UIServer,
  appUrl,
  launchBrowser,
  requireChromium,
  screenshot,
  startChain,
  startUI,
} from "./harness.js";

describe("e2e: app shell", function () {
  this.timeout(180_000);
  let chain: E2EChain;
  let ui: UIServer;
  let browser: Browser;

  before(async function () {
    if (!requireChromium()) this.skip();
    chain = await startChain();
    ui = await startUI(chain.deploymentsDir);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await ui?.close();
    await chain?.close();
  });

  it("loads in Chromium and reads the local chain", async () => {
    const { page } = browser;
    chain.rpc.resetStats();
    await page.goto(appUrl(ui, chain.rpc.url));
    await page.getByRole("heading", { name: "CoverDAO" }).first().waitFor();
    await screenshot(page, "shell");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
