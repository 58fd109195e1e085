/**
 * The proposal CLI (`npm run proposal -- ...`) as a user runs it: by URL against a real chain (Hardhat's
 * in-process chain served over HTTP on a free port), with the deployment file, dev accounts and, for
 * temperature checks, the development Snapshot hub on a free port.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import {
  REPO_ROOT,
  loadProposal,
  onChainDescription,
  proposalIdOf,
  resolveProposal,
  utcMinute,
} from "@coverdao/core/node";
import { runProposalCli } from "../../scripts/proposal.js";
import type { DeployedDAO } from "@coverdao/core/deploy";
import { type DevHub, buildSpaceSettings, startHub } from "@coverdao/core/snapshot/node";
import { DAY, type Voters, daoWithVoters } from "../helpers/dao.js";
import { type RpcBridge, serveRpc } from "./rpc-bridge.js";

const connection = await network.create();
const { networkHelpers } = connection;
const SPACE = "coverdao.eth";

/** Snapshot messages are signed with a timestamp: the CLI and the hub share this clock, moved by tests. */
let clock = Math.floor(Date.now() / 1000);

interface Run {
  code: number;
  out: string;
  err: string;
}

describe("Proposal CLI", function () {
  this.timeout(180_000);
  let dao: DeployedDAO & Voters;
  let rpc: RpcBridge;
  let deploymentFile: string;
  let workDir: string;

  /** Runs the CLI with the chain and deployment options appended. */
  async function cli(...argv: string[]): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runProposalCli([...argv, "--rpc", rpc.url, "--deployment", deploymentFile], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      now: () => clock,
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  /** A copy of an example proposal in a scratch folder (the CLI may write into it). */
  function copyOf(name: string): string {
    const file = path.join(workDir, name);
    copyFileSync(path.join(REPO_ROOT, "proposals", name), file);
    return file;
  }

  before(async () => {
    dao = await daoWithVoters(connection);
    rpc = await serveRpc(connection.provider);
    workDir = mkdtempSync(path.join(tmpdir(), "coverdao-cli-"));
    deploymentFile = path.join(workDir, "deployment.json");
    writeFileSync(deploymentFile, JSON.stringify(dao.deployment));
  });

  after(async () => {
    await rpc?.close();
  });

  it("takes a claims proposal through propose, vote (--support, --reason, index and address), queue, execute", async () => {
    const file = copyOf("009-claim-assessment.md");
    const claims = dao.contracts.CoverClaims;
    const governor = dao.contracts.CoverGovernor;
    const [before] = [await claims.parameters()];
    expect([before.votingPeriod, before.quorumBps, before.cooldown, before.claimDeposit]).to.deep.equal([
      BigInt(3 * DAY),
      1_000n,
      BigInt(2 * DAY),
      parseEther("0.05"),
    ]);

    const proposed = await cli("propose", file, "--account", "2");
    expect(proposed.code, proposed.err).to.equal(0);
    const id = BigInt(/Proposed: id (\d+)/.exec(proposed.out)?.[1] ?? "0");
    const resolved = await resolveProposal(loadProposal(file), {
      deployment: dao.deployment,
      provider: connection.ethers.provider,
    });
    expect(id).to.equal(await proposalIdOf(governor, resolved.call));

    // Before the voting delay has passed, the Governor would refuse: the CLI says why, sends nothing.
    const early = await cli("vote", file, "--support", "for", "--account", "2");
    expect(early.code).to.equal(1);
    // ... and when it will accept: the time voting opens, how long from now, and how to get there locally.
    const opens = (await governor.proposalSnapshot(id)) + 1n;
    expect(early.err).to.include(`The proposal is Pending: voting opens at ${utcMinute(opens)}, in 1 day`);
    expect(early.err).to.include("move time with `npm run time -- +1d`");

    await networkHelpers.time.increase(DAY + 1);
    const alice = await cli(
      "vote",
      file,
      "--support",
      "for",
      "--reason",
      "Quorum of 10% is too thin",
      "--account",
      "2",
    );
    expect(alice.code, alice.err).to.equal(0);
    expect(alice.out).to.include(`Voted for on ${id} as ${dao.alice.address} ("Quorum of 10% is too thin")`);
    expect(alice.out).to.include("tallies  for 1500000.0 · against 0.0 · abstain 0.0 COVER");
    // By proposal id and by account address.
    const bob = await cli("vote", id.toString(), "--support", "against", "--account", dao.bob.address);
    expect(bob.code, bob.err).to.equal(0);
    const carol = await cli("vote", file, "--support", "abstain", "--account", "4");
    expect(carol.code, carol.err).to.equal(0);
    expect(await governor.proposalVotes(id)).to.deep.equal([
      parseEther("400000"),
      parseEther("1500000"),
      parseEther("300000"),
    ]);
    expect(await governor.hasVoted(id, dao.carol.address)).to.equal(true);
    // A second vote by the same account is refused by the Governor, in plain words.
    const again = await cli("vote", file, "--support", "for", "--account", "2");
    expect(again.code).to.equal(1);
    expect(again.err).to.match(/already (cast|voted)/i);

    // Queueing and executing before their time: refused with the time each opens.
    const deadline = await governor.proposalDeadline(id);
    const earlyQueue = await cli("queue", file, "--account", "3");
    expect(earlyQueue.code).to.equal(1);
    expect(earlyQueue.err).to.include(
      `The proposal is Active: voting ends and queueing opens (if it passed) at ${utcMinute(deadline + 1n)}, in `,
    );
    await networkHelpers.time.increaseTo(Number(deadline) + 1);
    const queued = await cli("queue", file, "--account", "3");
    expect(queued.code, queued.err).to.equal(0);
    const earlyExecute = await cli("execute", file, "--account", "5");
    expect(earlyExecute.code).to.equal(1);
    expect(earlyExecute.err).to.include(
      `The proposal is Queued: execution opens at ${utcMinute(await governor.proposalEta(id))}, in 2 days`,
    );
    await networkHelpers.time.increase(2 * DAY + 1);
    const executed = await cli("execute", file, "--account", "5");
    expect(executed.code, executed.err).to.equal(0);

    const after = await claims.parameters();
    expect([after.votingPeriod, after.quorumBps, after.cooldown, after.claimDeposit]).to.deep.equal([
      BigInt(4 * DAY),
      1_500n,
      BigInt(3 * DAY),
      parseEther("0.1"),
    ]);
    const status = await cli("status", file);
    expect(status.code, status.err).to.equal(0);
    expect(status.out).to.include("state     Executed");
    expect(status.out).to.include("for       1500000.0 COVER");
    expect(status.out).to.include("Temperature check: none");
    // The actions, decoded by the core as the UI decodes them: contract, function, named arguments in units.
    expect(status.out).to.match(/ {2}actions\n {4}1\. [A-Za-z]+\.[A-Za-z]+\([a-zA-Z]+: [^)]+\)/);
  });

  describe("temperature checks on the development hub", () => {
    let hub: DevHub;

    before(async () => {
      const settings = await buildSpaceSettings(dao.deployment, connection.ethers.provider);
      hub = await startHub({
        space: SPACE,
        settings,
        provider: connection.ethers.provider,
        database: ":memory:",
        port: 0,
        now: () => clock,
      });
    });

    after(async () => {
      await hub?.close();
    });

    it("opens the check from the proposal file, links it there, votes, and shows it beside the on-chain state", async () => {
      const file = copyOf("008-pool-withdrawal-cooldown.md");
      const original = loadProposal(file);
      clock = (await connection.ethers.provider.getBlock("latest"))!.timestamp;

      const opened = await cli("temp-check", file, "--hub", hub.url, "--account", "2");
      expect(opened.code, opened.err).to.equal(0);
      const id = /Temperature check (0x[0-9a-f]{64})/.exec(opened.out)?.[1];
      expect(id, opened.out).to.be.a("string");

      // The file is linked: same title, body and actions (same on-chain proposal), plus `tempCheck`.
      const linked = loadProposal(file);
      expect(linked.tempCheck).to.deep.include({ id, space: SPACE, hub: hub.url });
      expect(onChainDescription(linked)).to.equal(onChainDescription(original));
      expect(linked.actions).to.deep.equal(original.actions);
      expect(readFileSync(file, "utf8")).to.match(/\ntempCheck:\n {2}id: "?0x/);

      // What the hub stored: the title, the description and the decoded actions.
      const stored = hub.store.proposal(id!);
      expect(stored?.title).to.equal(original.title);
      expect(stored?.body).to.include(original.body);
      expect(stored?.body).to.include("1. `WethPool.setWithdrawalCooldown(newCooldown: 10 days = 864000)`");

      // A second check for the same file is refused: one file, one check.
      const twice = await cli("temp-check", file, "--hub", hub.url, "--account", "2");
      expect(twice.code).to.equal(1);
      expect(twice.err).to.include(`tempCheck: already linked to the temperature check ${id}`);

      // Voting opens after the space's voting delay (the Governor's: 1 day).
      clock += DAY + 60;
      const alice = await cli(
        "temp-check-vote",
        file,
        "--choice",
        "for",
        "--reason",
        "Cover the whole claim cycle",
        "--account",
        "2",
      );
      expect(alice.code, alice.err).to.equal(0);
      expect(alice.out).to.include(`Voted For on the temperature check ${id}`);
      const bob = await cli(
        "temp-check-vote",
        id!,
        "--choice",
        "against",
        "--hub",
        hub.url,
        "--account",
        "3",
      );
      expect(bob.code, bob.err).to.equal(0);

      const results = await hub.results(id!);
      expect(results.scoresWei).to.deep.equal([
        parseEther("1500000").toString(),
        parseEther("400000").toString(),
        "0",
      ]);
      const status = await cli("status", file);
      expect(status.code, status.err).to.equal(0);
      expect(status.out).to.include(`Temperature check ${id} (${SPACE} on ${hub.url})`);
      expect(status.out).to.include(
        "result    For 1500000 · Against 400000 · Abstain 0 (quorum 400000: reached; Governor's count, For + Abstain: reached), active, 2 votes",
      );
      expect(status.out).to.include("On chain: not proposed on this chain.");

      // The check passed: the same file goes on chain, and status shows both.
      const proposed = await cli("propose", file, "--account", "2");
      expect(proposed.code, proposed.err).to.equal(0);
      const both = await cli("status", file);
      expect(both.out).to.include("result    For 1500000");
      expect(both.out).to.include("state     Pending");
      // Where both appear, the power each counts: the check's block against the Governor's later snapshot.
      expect(both.out).to.match(
        /Voting power: the temperature check counted it at block \d+ \(.+\); the Governor counts it at .+ \(creation \+ voting delay\)/,
      );
      expect(both.out).to.include("the Governor's power is fixed at");
    });

    it("refuses a Snapshot vote for a file without a check, and reports a hub's refusal", async () => {
      const file = copyOf("007-stablecoin-capacity.md");
      const none = await cli("temp-check-vote", file, "--choice", "for", "--account", "2");
      expect(none.code).to.equal(1);
      expect(none.err).to.include("has no temperature check yet: run temp-check first");
      const unknown = await cli(
        "temp-check-vote",
        `0x${"12".repeat(32)}`,
        "--choice",
        "for",
        "--hub",
        hub.url,
        "--account",
        "2",
      );
      expect(unknown.code).to.equal(1);
      expect(unknown.err).to.include("The hub refused the message");
    });
  });

  describe("command-line errors, before anything is sent", () => {
    const file = path.join(REPO_ROOT, "proposals", "001-staking-cooldown.md");
    const cases: [string, string[], string][] = [
      ["no command", [], "No command given"],
      ["unknown command", ["approve", file], 'Unknown command "approve": one of validate, simulate'],
      ["no file", ["vote"], "vote needs a proposal file"],
      [
        "bad --support",
        ["vote", file, "--support", "yes"],
        '--support must be for, against or abstain, got "yes"',
      ],
      ["missing --support", ["vote", file, "--account", "2"], "vote needs --support for|against|abstain"],
      [
        "bad --choice",
        ["temp-check-vote", file, "--choice", "maybe"],
        '--choice must be for, against or abstain, got "maybe"',
      ],
      [
        "--support on another command",
        ["queue", file, "--support", "for"],
        "--support is for vote, not queue",
      ],
      [
        "--choice on vote",
        ["vote", file, "--support", "for", "--choice", "for"],
        "--choice is for temp-check-vote, not vote",
      ],
      [
        "bad --account",
        ["vote", file, "--support", "for", "--account", "al ice"],
        '--account must be an account index, a name such as alice or a 0x address, got "al ice"',
      ],
      ["bad --hub", ["temp-check", file, "--hub", "localhost"], '--hub must be a URL, got "localhost"'],
      ["bad --paths", ["simulate", file, "--paths", "0"], '--paths must be a positive whole number, got "0"'],
      [
        "bad --token-price",
        ["simulate", file, "--token-price", "cheap"],
        '--token-price must be a price in US dollars, got "cheap"',
      ],
      [
        "--seed on another command",
        ["validate", file, "--seed", "3"],
        "--seed is for simulate, not validate",
      ],
      ["unknown option", ["validate", file, "--dry-run"], "Unknown option --dry-run."],
      ["extra argument", ["validate", file, "now"], "Unexpected arguments: now"],
      [
        "not a file nor an id",
        ["vote", "latest", "--support", "for"],
        '"latest" is not a proposal file nor a proposal id',
      ],
    ];
    for (const [name, argv, message] of cases) {
      it(name, async () => {
        const err: string[] = [];
        // No --rpc: a usage error must come before any connection.
        const code = await runProposalCli(argv, { out: () => undefined, err: (line) => err.push(line) });
        // A mistake in the command line: exit 2 and one sentence pointing at --help.
        expect(code).to.equal(2);
        expect(err.join("\n")).to.include(message);
        expect(err.join("\n")).to.include("See `npm run proposal -- --help`.");
        expect(err).to.have.length(1);
      });
    }

    it("a missing file names the file", async () => {
      const run = await cli("validate", path.join(workDir, "nope.md"));
      expect(run.code).to.equal(1);
      expect(run.err).to.match(/nope\.md: cannot read the file/);
    });
  });
});
