/**
 * A product update on the proposal page, in the browser: one `updateProduct(productId, params)` call sets every
 * field of the product's struct; the page's parameter table shows the fields that change (current value read
 * now, new value decoded) and counts the ones the call leaves as they are.
 */
import { expect } from "chai";

import { productParams, propose } from "@coverdao/core/node";
import { daoWithVoters } from "../helpers/dao.js";
import { open } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

describe("e2e: a product update's parameter table", function () {
  this.timeout(180_000);
  const suite = browserSuite("product-proposal", daoWithVoters);

  it("shows the changed fields of product #1 with their current and new values, and counts the rest", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { CoverBook: book, CoverGovernor: governor } = chain.dao.contracts;
    // The update restates every field of ProductParams; only the base rate and the capacity ratio move.
    const params = await productParams(book, 1n);
    const raised = { ...params, baseRateBps: params.baseRateBps + 100n, capacityRatioBps: 6_000n };
    const fields = Object.keys(params).length;
    const call = {
      actions: [
        {
          target: await book.getAddress(),
          value: 0n,
          calldata: book.interface.encodeFunctionData("updateProduct", [1n, raised]),
        },
      ],
      description: "# Reprice product 1\n\nOne point more on the base rate; capacity ratio to 60 %.",
    };
    const id = await propose(governor.connect(chain.dao.alice), call);

    await open(page, ui, chain.rpc.url, `/proposals/${id}`);
    const table = page.getByRole("table", { name: "Parameter changes" });
    await table.waitFor();
    const rows = await table.locator("tbody tr").allInnerTexts();
    const cells = rows.map((r) => r.split("\t").map((c) => c.trim()));
    const rate = (bps: bigint) => `${Number(bps) / 100}%`;
    expect(cells).to.deep.equal([
      ["#1 Product base annual rate", rate(params.baseRateBps), rate(params.baseRateBps + 100n)],
      ["#1 Product capacity ratio (share of pool capital)", rate(params.capacityRatioBps), "60%"],
    ]);
    // Name, risk type, pool, surcharge, periods, active, feed and trigger: unchanged, counted in the caption.
    expect(await table.locator("caption").innerText()).to.include(
      `${fields - 2} other fields of the same call keep their value`,
    );
    await screenshot(page, "product-proposal");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
