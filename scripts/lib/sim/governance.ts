/**
 * Governance scenarios: `governance-cycle` (N voters with behaviours take a parameter change through
 * propose, vote, queue, execute) and `flash-loan-vote` (power borrowed after the snapshot changes nothing).
 */
import { formatEther, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { deployCoverDAO } from "../deploy.js";
import { type ProposalCall, VOTE, columns, descriptionHash, proposalIdOf, stateOf } from "../governance.js";
import { Progress, Sender, type Mode, type TxRequest, agentAddress, encode, rng } from "./engine.js";
import { type Report, table } from "./report.js";
import { barChart } from "./svg.js";

export type Behaviour = "for" | "against" | "abstain" | "apathetic" | "delegator" | "whale";

export interface ScenarioOptions {
  voters: number;
  seed: number;
  mode: Mode;
  progress?: boolean;
}

const DAY = 86_400;
const SUPPORT: Record<string, number> = { for: VOTE.For, against: VOTE.Against, abstain: VOTE.Abstain };

interface Agent {
  address: string;
  behaviour: Behaviour;
  balance: bigint;
  staked: bigint;
  delegate: string | null;
  vote: "for" | "against" | "abstain" | null;
}

/** Picks behaviours and balances for `n` agents; agent 0 is a whale holding 15 % of the supply. */
export function population(n: number, seed: number, budget: bigint): Agent[] {
  const random = rng(seed);
  const agents: Agent[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    const behaviour: Behaviour =
      i === 0
        ? "whale"
        : r < 0.4
          ? "for"
          : r < 0.6
            ? "against"
            : r < 0.7
              ? "abstain"
              : r < 0.85
                ? "apathetic"
                : "delegator";
    weights.push(i === 0 ? 0 : random() ** 2 + 0.05);
    agents.push({
      address: agentAddress(seed, i),
      behaviour,
      balance: 0n,
      staked: 0n,
      delegate: null,
      vote: null,
    });
  }
  const whale = (budget * 15n) / 100n;
  const rest = budget - whale;
  const total = weights.reduce((a, b) => a + b, 0);
  agents.forEach((a, i) => {
    a.balance = i === 0 ? whale : (rest * BigInt(Math.round((weights[i] / total) * 1e9))) / 1_000_000_000n;
  });
  const active = agents.filter((a) => ["for", "against", "abstain", "whale"].includes(a.behaviour));
  for (const a of agents) {
    if (a.behaviour === "apathetic") continue;
    a.delegate =
      a.behaviour === "delegator" ? active[Math.floor(random() * active.length)].address : a.address;
    if (a.behaviour !== "delegator" && random() < 0.3) a.staked = a.balance / 2n;
  }
  agents[0].vote = random() < 0.5 ? "for" : "against";
  for (const a of agents)
    if (["for", "against", "abstain"].includes(a.behaviour)) a.vote = a.behaviour as Agent["vote"];
  return agents;
}

/** Expected tally from the population alone: votes = held + staked, counted for the delegate. */
export function expectedTally(agents: Agent[]): Record<"for" | "against" | "abstain", bigint> {
  const power = new Map<string, bigint>();
  for (const a of agents) if (a.delegate) power.set(a.delegate, (power.get(a.delegate) ?? 0n) + a.balance);
  const tally = { for: 0n, against: 0n, abstain: 0n };
  for (const a of agents) if (a.vote) tally[a.vote] += power.get(a.address) ?? 0n;
  return tally;
}

export async function governanceCycle(
  connection: NetworkConnection,
  options: ScenarioOptions,
): Promise<Report> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (now - t) / 1000;
    t = now;
  };
  const progress = new Progress(6, options.progress ?? false);
  const { contracts } = await deployCoverDAO(connection);
  const { GovernanceToken: token, StakingVault: staking, CoverGovernor: governor } = contracts;
  const [deployer] = await connection.ethers.getSigners();
  const sender = new Sender(connection.provider, options.mode);
  const agents = population(options.voters, options.seed, parseEther("9000000"));
  const tokenAddress = await token.getAddress();
  const stakingAddress = await staking.getAddress();
  const governorAddress = await governor.getAddress();
  lap("deploy");
  progress.tick("deployed");

  for (const a of agents) await sender.agent(a.address);
  await sender.send(
    agents.map((a) => ({
      from: deployer.address,
      to: tokenAddress,
      data: encode(token, "transfer", [a.address, a.balance]),
      gas: 80_000n,
    })),
  );
  const setup: TxRequest[] = [];
  for (const a of agents) {
    if (a.delegate)
      setup.push({
        from: a.address,
        to: tokenAddress,
        data: encode(token, "delegate", [a.delegate]),
        gas: 150_000n,
      });
    if (a.staked > 0n)
      setup.push({
        from: a.address,
        to: stakingAddress,
        data: encode(staking, "stake", [a.staked]),
        gas: 200_000n,
      });
  }
  const setupFailures = await sender.send(setup);
  lap("setup");
  progress.tick("holders funded and delegated");

  const call: ProposalCall = {
    actions: [
      { target: stakingAddress, value: 0n, calldata: encode(staking, "setUnstakeCooldown", [10 * DAY]) },
    ],
    description: `# Lengthen the unstake cooldown to 10 days\n\nSimulated with seed ${options.seed}.`,
  };
  const whale = agents[0];
  await sender.send([
    {
      from: whale.address,
      to: governorAddress,
      data: encode(governor, "propose", [...columns(call.actions), call.description]),
      gas: 500_000n,
    },
  ]);
  const proposalId = await proposalIdOf(governor, call);
  await connection.networkHelpers.time.increase(Number(await governor.votingDelay()) + 1);
  lap("propose");
  progress.tick("proposed");

  const voters = agents.filter((a) => a.vote);
  const voteFailures = await sender.send(
    voters.map((a, i) => ({
      from: a.address,
      to: governorAddress,
      data:
        i % 5 === 0
          ? encode(governor, "castVoteWithReason", [
              proposalId,
              SUPPORT[a.vote!],
              `${a.behaviour} voter #${i}`,
            ])
          : encode(governor, "castVote", [proposalId, SUPPORT[a.vote!]]),
      gas: 200_000n,
    })),
  );
  lap("vote");
  progress.tick(`${voters.length} votes cast`);

  await connection.networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(proposalId)) + 1);
  const afterVoting = await stateOf(governor, proposalId);
  let finalState = afterVoting;
  if (afterVoting === "Succeeded") {
    const hash = descriptionHash(call.description);
    await sender.send([
      {
        from: deployer.address,
        to: governorAddress,
        data: encode(governor, "queue", [...columns(call.actions), hash]),
        gas: 500_000n,
      },
    ]);
    await connection.networkHelpers.time.increase(Number(await contracts.CoverTimelock.getMinDelay()) + 1);
    await sender.send([
      {
        from: deployer.address,
        to: governorAddress,
        data: encode(governor, "execute", [...columns(call.actions), hash]),
        gas: 500_000n,
      },
    ]);
    finalState = await stateOf(governor, proposalId);
  }
  lap("queue and execute");
  progress.tick(`proposal ${finalState}`);

  const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
  const quorum = await governor.quorum(await governor.proposalSnapshot(proposalId));
  const expected = expectedTally(agents);
  const [cooldown] = await staking.parameters();
  const counts = (b: Behaviour) => agents.filter((a) => a.behaviour === b).length;
  const behaviours: Behaviour[] = ["whale", "for", "against", "abstain", "delegator", "apathetic"];
  progress.tick("report");

  const outcome = {
    proposalId: proposalId.toString(),
    stateAfterVoting: afterVoting,
    finalState,
    tally: { for: forVotes, against, abstain },
    expectedTally: expected,
    tallyMatchesPopulation:
      forVotes === expected.for && against === expected.against && abstain === expected.abstain,
    quorum,
    quorumReached: forVotes + abstain >= quorum,
    whaleVote: whale.vote,
    unstakeCooldownDays: Number(cooldown) / DAY,
    setupFailures: setupFailures.length,
    voteFailures: voteFailures.length,
  };
  const eth = (v: bigint) => Number(formatEther(v));
  return {
    scenario: "governance-cycle",
    seed: options.seed,
    mode: options.mode,
    parameters: { voters: options.voters },
    outcome,
    timings,
    transactions: sender.stats,
    sections: [
      {
        heading: "Outcome",
        body:
          `The proposal "${call.description.split("\n")[0].slice(2)}" ended voting **${afterVoting}** and is now **${finalState}**. ` +
          `The whale (15 % of the distributed supply) voted ${whale.vote}. Quorum was ${eth(quorum).toLocaleString()} votes ` +
          `(for + abstain: ${eth(forVotes + abstain).toLocaleString()}). The on-chain tally ${outcome.tallyMatchesPopulation ? "equals" : "DIFFERS FROM"} ` +
          `the tally computed from the population (held + staked tokens, counted for each delegate).`,
      },
      {
        heading: "Tally",
        body: table(
          ["support", "on chain", "expected"],
          (["for", "against", "abstain"] as const).map((k) => [
            k,
            eth(outcome.tally[k]).toLocaleString(),
            eth(expected[k]).toLocaleString(),
          ]),
        ),
      },
      {
        heading: "Population",
        body: table(
          ["behaviour", "agents"],
          behaviours.map((b) => [b, counts(b)]),
        ),
      },
    ],
    figures: [
      {
        file: "tally.svg",
        title: "Votes by support",
        svg: barChart(
          "Votes by support (COVER)",
          [
            { label: "for", value: eth(forVotes) },
            { label: "against", value: eth(against) },
            { label: "abstain", value: eth(abstain) },
            { label: "quorum", value: eth(quorum) },
          ],
          "votes",
        ),
      },
      {
        file: "population.svg",
        title: "Agents by behaviour",
        svg: barChart(
          "Agents by behaviour",
          behaviours.map((b) => ({ label: b, value: counts(b) })),
          "agents",
        ),
      },
    ],
  };
}

/**
 * An attacker borrows a large amount of tokens after a proposal's snapshot, delegates, stakes and votes:
 * the Governor reads power at the snapshot, so the borrowed power counts for nothing.
 */
export async function flashLoanVote(
  connection: NetworkConnection,
  options: ScenarioOptions,
): Promise<Report> {
  const start = performance.now();
  const { contracts } = await deployCoverDAO(connection);
  const { GovernanceToken: token, StakingVault: staking, CoverGovernor: governor } = contracts;
  const [deployer, , honestFor, honestAgainst, attacker] = await connection.ethers.getSigners();
  const sender = new Sender(connection.provider, options.mode);
  for (const s of [deployer, honestFor, honestAgainst, attacker]) await sender.agent(s.address);
  const tokenAddress = await token.getAddress();
  const governorAddress = await governor.getAddress();
  await sender.send([
    {
      from: deployer.address,
      to: tokenAddress,
      data: encode(token, "transfer", [honestFor.address, parseEther("500000")]),
    },
    {
      from: deployer.address,
      to: tokenAddress,
      data: encode(token, "transfer", [honestAgainst.address, parseEther("800000")]),
    },
    { from: honestFor.address, to: tokenAddress, data: encode(token, "delegate", [honestFor.address]) },
    {
      from: honestAgainst.address,
      to: tokenAddress,
      data: encode(token, "delegate", [honestAgainst.address]),
    },
  ]);
  const call: ProposalCall = {
    actions: [
      { target: await staking.getAddress(), value: 0n, calldata: encode(staking, "setMaxSlashBps", [5_000]) },
    ],
    description: "# Raise the slash bound to 50 %\n\nThe attacker wants this to pass.",
  };
  await connection.networkHelpers.mine();
  await sender.send([
    {
      from: honestFor.address,
      to: governorAddress,
      data: encode(governor, "propose", [...columns(call.actions), call.description]),
    },
  ]);
  const proposalId = await proposalIdOf(governor, call);
  await connection.networkHelpers.time.increase(Number(await governor.votingDelay()) + 1);
  const snapshot = await governor.proposalSnapshot(proposalId);

  // The loan: 3M tokens arrive after the snapshot; the attacker delegates, stakes half and votes.
  const loan = parseEther("3000000");
  await sender.send([
    { from: deployer.address, to: tokenAddress, data: encode(token, "transfer", [attacker.address, loan]) },
    { from: attacker.address, to: tokenAddress, data: encode(token, "delegate", [attacker.address]) },
    {
      from: attacker.address,
      to: await staking.getAddress(),
      data: encode(staking, "stake", [loan / 2n]),
      gas: 300_000n,
    },
    {
      from: honestFor.address,
      to: governorAddress,
      data: encode(governor, "castVote", [proposalId, VOTE.For]),
    },
    {
      from: honestAgainst.address,
      to: governorAddress,
      data: encode(governor, "castVote", [proposalId, VOTE.Against]),
    },
    {
      from: attacker.address,
      to: governorAddress,
      data: encode(governor, "castVote", [proposalId, VOTE.For]),
    },
  ]);
  const attackerPowerNow = await token.getVotes(attacker.address);
  const attackerPowerAtSnapshot = await token.getPastVotes(attacker.address, snapshot);
  await connection.networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(proposalId)) + 1);
  const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
  const state = await stateOf(governor, proposalId);
  const eth = (v: bigint) => Number(formatEther(v));
  return {
    scenario: "flash-loan-vote",
    seed: options.seed,
    mode: options.mode,
    parameters: { loan: formatEther(loan) },
    outcome: {
      state,
      attackerPowerNow,
      attackerPowerAtSnapshot,
      tally: { for: forVotes, against, abstain },
      attackerCounted: forVotes > parseEther("500000"),
    },
    timings: { total: (performance.now() - start) / 1000 },
    transactions: sender.stats,
    sections: [
      {
        heading: "Outcome",
        body:
          `The attacker held ${eth(attackerPowerNow).toLocaleString()} votes when voting (half of the loan staked, still counted), ` +
          `but ${eth(attackerPowerAtSnapshot).toLocaleString()} at the proposal's snapshot, so the vote added nothing: ` +
          `for ${eth(forVotes).toLocaleString()} against ${eth(against).toLocaleString()}; the proposal is **${state}**.`,
      },
    ],
    figures: [
      {
        file: "power.svg",
        title: "Attacker power",
        svg: barChart(
          "Attacker's votes: when voting vs at the snapshot",
          [
            { label: "when voting", value: eth(attackerPowerNow) },
            { label: "at snapshot", value: eth(attackerPowerAtSnapshot) },
            { label: "honest for", value: eth(forVotes) },
            { label: "honest against", value: eth(against) },
          ],
          "votes",
        ),
      },
    ],
  };
}
