/**
 * A parameter change from the builder to execution, in the browser: Alice drafts "unstake cooldown → 10 days"
 * on the New proposal page (current value and bounds shown, checked, simulated on the local chain), submits
 * it, votes For with a reason once voting opens, queues it after the vote, executes it after the Timelock
 * delay, and the Stake page and the chain both show the new cooldown.
 */
import { expect } from "chai";

import { DAY, daoWithVoters } from "../helpers/dao.js";
import { confirmed, definition, go, open, reopen, useAccount } from "./app.js";
import { browserSuite, screenshot } from "./harness.js";

const TITLE = "Lengthen the unstake cooldown to 10 days";

describe("e2e: a parameter-change proposal from builder to execution", function () {
  this.timeout(240_000);
  const suite = browserSuite("proposal-lifecycle", daoWithVoters);

  it("refuses a value outside the parameter's bounds before anything is sent", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    await open(page, ui, chain.rpc.url, "/proposals/new");
    await useAccount(page, chain.dao.alice.address);
    await page.getByLabel("Parameter family").selectOption("staking");
    await page.getByLabel("Parameter", { exact: true }).selectOption({ label: "Unstake cooldown" });
    // The vault's own bounds (MIN_COOLDOWN, MAX_COOLDOWN), read from the chain.
    await page.getByRole("term").filter({ hasText: "Bounds" }).waitFor();
    expect(await definition(page, "Bounds")).to.equal("1 day … 90 days");
    chain.rpc.resetStats();
    await page.getByLabel("New value").fill("120 days");
    await page.getByLabel("Title").fill("Too long a cooldown");
    await page.getByLabel("Description (markdown)").fill("Above the vault's 90-day bound.");
    await page.getByRole("button", { name: "Check proposal" }).click();
    const field = page.getByLabel("New value");
    await page.getByText(/^Out of bounds: must be between/).waitFor();
    expect(await field.getAttribute("aria-invalid")).to.equal("true");
    expect(await page.getByRole("button", { name: "Submit proposal" }).count()).to.equal(0);
    expect(chain.rpc.stats.methods.eth_sendTransaction ?? 0).to.equal(0);
    await screenshot(page, "proposal-out-of-bounds");
  });

  it("builds, votes, queues and executes it, and the cooldown changes", async () => {
    const { chain, ui, browser } = suite;
    const { page } = browser;
    const { alice, contracts } = chain.dao;
    const { StakingVault: vault, CoverGovernor: governor } = contracts;
    expect((await vault.parameters()).cooldown).to.equal(7n * BigInt(DAY));

    // The builder: family, parameter, current value and bounds, new value, title, description.
    await open(page, ui, chain.rpc.url, "/proposals/new");
    await useAccount(page, alice.address);
    await page.getByLabel("Parameter family").selectOption("staking");
    await page.getByLabel("Parameter", { exact: true }).selectOption({ label: "Unstake cooldown" });
    expect(await definition(page, "Current value")).to.match(/7 days|7d/);
    await page.getByLabel("New value").fill("10 days");
    await page.getByLabel("Title").fill(TITLE);
    await page
      .getByLabel("Description (markdown)")
      .fill("Claims take longer to assess than a week: keep stake in place for **10 days**.");
    await page.getByRole("button", { name: "Check proposal" }).click();
    await page.getByRole("heading", { name: `Checked: ${TITLE}` }).waitFor();

    // The local-chain simulation: propose, vote, queue, execute on a snapshot of the node, then reverted.
    await page.getByRole("button", { name: "Simulate on the local chain" }).click();
    const simulated = page.getByRole("table", { name: "Simulated parameter changes" });
    await simulated.waitFor({ timeout: 60_000 });
    const row = simulated.getByRole("row").filter({ hasText: /cooldown/i });
    expect(await row.count()).to.be.greaterThan(0);
    // The risk diff beside it (the core's riskDiff): nothing was queued to apply first, and every figure is shown.
    const risk = page.getByRole("region", { name: "Risk before and after" });
    await risk.getByRole("table", { name: "Risk figures before and after" }).waitFor();
    expect(await risk.getByRole("list", { name: "Applied first" }).textContent()).to.include("None");
    expect(await risk.getByRole("row").filter({ hasText: "probability of ruin" }).count()).to.be.greaterThan(
      0,
    );
    expect((await vault.parameters()).cooldown).to.equal(7n * BigInt(DAY), "the simulation was reverted");

    await page.getByRole("button", { name: "Submit proposal" }).click();
    await confirmed(page, `Propose “${TITLE}”`);
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    const id = BigInt(new URL(page.url()).pathname.split("/proposals/")[1]);
    expect(await governor.proposalProposer(id)).to.equal(alice.address);

    // Voting opens after the voting delay.
    await chain.increaseTime(Number(await governor.votingDelay()) + 1);
    await reopen(page, alice.address);
    await page.getByRole("radio", { name: "For" }).check();
    await page.getByLabel("Reason (optional)").fill("A week is too short for claims.");
    await page.getByRole("button", { name: "Cast vote" }).click();
    await confirmed(page, `Vote For on “${TITLE}”`);
    await page.getByText(/You voted For with 1,500,000 votes/).waitFor();
    const [against, forVotes] = await governor.proposalVotes(id);
    expect([against, forVotes]).to.deep.equal([0n, 1_500_000n * 10n ** 18n]);

    // After the vote: queue; after the Timelock delay: execute.
    await chain.increaseTime(Number(await governor.votingPeriod()) + 1);
    await reopen(page, alice.address);
    await page.getByRole("button", { name: "Queue" }).click();
    await confirmed(page, `Queue “${TITLE}”`);
    expect(await governor.state(id)).to.equal(5n); // Queued

    const delay = Number(await contracts.CoverTimelock.getMinDelay());
    await chain.increaseTime(delay + 1);
    await reopen(page, alice.address);
    await page.getByText("The Timelock delay is over: anyone can execute.").waitFor();
    await page.getByRole("button", { name: "Execute" }).click();
    await confirmed(page, `Execute “${TITLE}”`, { keep: true });
    expect(await governor.state(id)).to.equal(7n); // Executed
    expect((await vault.parameters()).cooldown).to.equal(10n * BigInt(DAY));
    await page.getByText("This proposal has been executed.").waitFor();
    await screenshot(page, "proposal-lifecycle");

    // The parameter as the app shows it.
    await go(page, "Stake");
    await page.getByRole("term").filter({ hasText: "Cooldown / window" }).waitFor();
    expect(await definition(page, "Cooldown / window")).to.equal("10d / 2d");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
