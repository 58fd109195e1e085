/**
 * A Snapshot temperature check in the browser (issue #8): a development hub follows the chain's clock and is
 * named in the deployment file's `services.hubUrl`, as `npm start` does. A holder creates a check from a
 * proposal draft on the Temperature checks page and sees it listed; once the chain has passed the space's
 * voting delay, one holder signs For and another Against, and the page's results equal their on-chain voting
 * power at the check's snapshot block, which is also exactly what the hub stored.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { formatUnits, parseEther } from "ethers";

import { REPO_ROOT, parseDeployment, parseProposal, propose, writeDeployment } from "@coverdao/core/node";
import { hubGet } from "@coverdao/core/snapshot";
import {
  type DevHub,
  type StoredProposal,
  type StoredVote,
  buildSpaceSettings,
  chainClock,
  startHub,
} from "@coverdao/core/snapshot/node";
import { cooldownProposal, daoWithVoters } from "../helpers/dao.js";
import { definition, go, open, reopen, useAccount } from "./app.js";
import {
  type Browser,
  type E2EChain,
  type UIServer,
  launchBrowser,
  requireChromium,
  screenshot,
  screenshotOnFailure,
  startChain,
  startUI,
} from "./harness.js";

type Chain = E2EChain<Awaited<ReturnType<typeof daoWithVoters>>>;

const SPACE = "coverdao.eth";
const DRAFT = path.join(REPO_ROOT, "proposals", "001-staking-cooldown.md");

/** Voting power in whole tokens as the page prints it (en-US grouping, no decimals). */
function tokens(wei: bigint): string {
  return Number(formatUnits(wei, 18)).toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** Polls `condition` every 100 ms until it holds, for at most `timeout` ms. */
async function until(condition: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still false after ${timeout} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("e2e: Snapshot temperature check", function () {
  this.timeout(240_000);
  let chain: Chain;
  let hub: DevHub;
  let ui: UIServer;
  let browser: Browser;

  before(async function () {
    if (!requireChromium()) this.skip();
    chain = await startChain(daoWithVoters);
    const provider = chain.connection.ethers.provider;
    const settings = await buildSpaceSettings(chain.dao.deployment, provider);
    hub = await startHub({
      space: SPACE,
      settings,
      provider,
      database: ":memory:",
      port: 0,
      now: chainClock(provider),
    });
    // The UI takes the hub from the deployment file, which Vite serves from the harness's folder on request.
    const withHub = parseDeployment({
      ...chain.dao.deployment,
      services: { rpcUrl: chain.rpc.url, hubUrl: hub.url, snapshotSpace: SPACE },
    });
    writeDeployment(withHub, chain.deploymentsDir);
    ui = await startUI(chain.deploymentsDir);
    browser = await launchBrowser();
  });

  screenshotOnFailure(() => browser, "temp-check");

  after(async () => {
    await browser?.close();
    await ui?.close();
    await hub?.close();
    await chain?.close();
  });

  it("creates a check from a draft, takes a For and an Against vote, and tallies on-chain power", async () => {
    const { page } = browser;
    const { alice, bob, outsider, contracts } = chain.dao;
    const token = contracts.GovernanceToken;
    const draft = parseProposal(readFileSync(DRAFT, "utf8"), path.basename(DRAFT));

    await open(page, ui, chain.rpc.url, "/temp-checks");
    await useAccount(page, alice.address);
    await page.getByText(hub.url).waitFor();
    await page.getByLabel("Draft file").setInputFiles(DRAFT);
    // The page reads the file asynchronously: wait for the title to fill in.
    await until(async () => (await page.getByLabel("Title").inputValue()) === draft.title);
    expect(await page.getByLabel("Body (markdown)").inputValue()).to.equal(draft.body);
    await page.getByRole("button", { name: "Create temperature check" }).click();
    await page.getByRole("heading", { name: draft.title }).waitFor();

    const stored = await hubGet<StoredProposal[]>(hub.url, "/api/proposals");
    expect(stored).to.have.length(1);
    const check = stored[0];
    expect(check.author.toLowerCase()).to.equal(alice.address.toLowerCase());
    expect(check.title).to.equal(draft.title);
    expect(check.start - check.created).to.equal(Number(await contracts.CoverGovernor.votingDelay()));

    await go(page, "Temperature checks");
    const listed = page.getByRole("list", { name: "Temperature check list" }).getByRole("listitem");
    await listed.getByRole("link", { name: draft.title }).waitFor();
    expect(await listed.count()).to.equal(1);
    expect(await listed.first().innerText()).to.contain("pending");

    // Power moves after the snapshot block: the tally must not see it.
    await (await token.connect(bob).transfer(outsider.address, parseEther("100000"))).wait();
    await chain.increaseTime(check.start - (await chain.now()) + 1);
    await reopen(page, alice.address);
    await listed.first().filter({ hasText: "active" }).waitFor();
    await listed.getByRole("link", { name: draft.title }).click();

    const vote = async (choice: "For" | "Against") => {
      await page.getByRole("group", { name: "Your choice" }).getByRole("radio", { name: choice }).check();
      await page.getByRole("button", { name: "Sign vote" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `You voted ${choice}` })
        .waitFor();
    };
    await vote("For");
    await useAccount(page, bob.address);
    await page.getByRole("button", { name: "Sign vote" }).waitFor();
    await vote("Against");

    const power = async (who: string) => token.getVotes(who, { blockTag: check.snapshot });
    const [aliceVotes, bobVotes] = [await power(alice.address), await power(bob.address)];
    expect(aliceVotes).to.be.greaterThan(0n);
    expect(bobVotes).to.be.greaterThan(await token.getVotes(bob.address));

    const results = page.getByRole("table", { name: "Results" });
    const shown = async (choice: string) =>
      (
        await results.getByRole("row").filter({ hasText: choice }).getByRole("cell").nth(1).innerText()
      ).trim();
    await page.getByText("2 votes").waitFor();
    expect(await shown("For")).to.equal(tokens(aliceVotes));
    expect(await shown("Against")).to.equal(tokens(bobVotes));
    // Whole tokens here, so the page's figures are exact: back in wei they are the on-chain power.
    expect(parseEther((await shown("For")).replaceAll(",", ""))).to.equal(aliceVotes);
    expect(parseEther((await shown("Against")).replaceAll(",", ""))).to.equal(bobVotes);
    expect(await shown("Abstain")).to.equal("0");

    const votes = await hubGet<StoredVote[]>(hub.url, `/api/proposals/${check.id}/votes`);
    const byVoter = votes
      .map((v) => ({ voter: v.voter.toLowerCase(), choice: v.choice, vpWei: v.vpWei }))
      .sort((a, b) => a.choice - b.choice);
    expect(byVoter).to.deep.equal([
      { voter: alice.address.toLowerCase(), choice: 1, vpWei: aliceVotes.toString() },
      { voter: bob.address.toLowerCase(), choice: 2, vpWei: bobVotes.toString() },
    ]);
    expect(hub.store.counts()).to.deep.equal({ messages: 3, proposals: 1, votes: 2 });

    // Quorum both ways: every vote, as Snapshot counts; For + Abstain, as the Governor counts.
    expect(await definition(page, "Quorum, counting every vote")).to.equal(
      `${tokens(aliceVotes + bobVotes)} of 400,000 COVER: reached`,
    );
    expect(await definition(page, "the Governor counts For + Abstain")).to.equal(
      `${tokens(aliceVotes)} of 400,000 COVER: reached`,
    );
    // Bob gave 100k away after the check's block: his power here and his votes on chain now differ, and the
    // page says so.
    const mine = await page.getByRole("status", { name: "Your voting power" }).innerText();
    expect(mine).to.contain(`Your power in this check (block ${check.snapshot}): ${tokens(bobVotes)} COVER`);
    expect(mine).to.contain(`your on-chain votes now: ${tokens(await token.getVotes(bob.address))} COVER`);
    expect(mine).to.contain("They differ: an on-chain proposal counts the power held at its creation");
    await screenshot(page, "temp-check");

    // The same title proposed on chain: its page shows the check, quorum both ways and the power timing.
    const call = await cooldownProposal(chain.dao, 5);
    call.description = `# ${draft.title}\n\n${draft.body}`;
    const proposalId = await propose(contracts.CoverGovernor.connect(alice), call);
    await open(page, ui, chain.rpc.url, `/proposals/${proposalId}`);
    const panel = page.getByRole("region", { name: "Temperature check" });
    await panel.getByRole("link", { name: draft.title }).waitFor();
    const text = await panel.innerText();
    expect(text).to.contain(
      "counting every vote (For + Against + Abstain), as the public Snapshot hub counts: reached",
    );
    expect(text).to.contain("counting For + Abstain, as the Governor counts: reached");
    expect(text).to.contain(`the check read it at block ${check.snapshot}`);
    expect(text).to.contain("On-chain power is fixed at that time");
    expect(browser.problems, browser.problems.join("\n")).to.deep.equal([]);
  });
});
