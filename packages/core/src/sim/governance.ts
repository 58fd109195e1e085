/**
 * Governance scenarios: `governance-cycle` (N voters with behaviours take a parameter change through
 * propose, vote, queue, execute) and `flash-loan-vote` (power borrowed after the snapshot changes nothing).
 */
import { formatEther, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { type ProposalCall, VOTE, columns, proposalIdOf, stateOf } from "../governance/governance.js";
import { Agent, Progress, encode, rng } from "./engine.js";
import { type Report, scenarioReport, table } from "./report.js";
import {
  DAY,
  type ScenarioOptions,
  agents as makeAgents,
  decide,
  delegateAndStake,
  giveTokens,
  startWorld,
} from "./setup.js";
import { barChart } from "./svg.js";

export type Behaviour = "for" | "against" | "abstain" | "apathetic" | "delegator" | "whale";
type Support = "for" | "against" | "abstain";

export interface Voter {
  label: string;
  /** The agent's address (derived from the seed and the label). */
  address: string;
  behaviour: Behaviour;
  balance: bigint;
  staked: bigint;
  /** Address the holder delegates to; null for the apathetic, who never delegate. */
  delegate: string | null;
  vote: Support | null;
}

/** Picks behaviours and balances for `n` voters; voter 0 is a whale holding 15 % of `budget`. */
export function population(n: number, seed: number, budget: bigint): Voter[] {
  const random = rng(seed);
  const voters: Voter[] = [];
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
    const label = `voter-${i}`;
    voters.push({
      label,
      address: new Agent(label, seed).address,
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
  voters.forEach((v, i) => {
    v.balance = i === 0 ? whale : (rest * BigInt(Math.floor((weights[i] / total) * 1e9))) / 1_000_000_000n;
  });
  const active = voters.filter((v) => ["for", "against", "abstain", "whale"].includes(v.behaviour));
  for (const v of voters) {
    if (v.behaviour === "apathetic") continue;
    v.delegate =
      v.behaviour === "delegator" ? active[Math.floor(random() * active.length)].address : v.address;
    if (v.behaviour !== "delegator" && random() < 0.3) v.staked = v.balance / 2n;
  }
  voters[0].vote = random() < 0.5 ? "for" : "against";
  for (const v of voters)
    if (["for", "against", "abstain"].includes(v.behaviour)) v.vote = v.behaviour as Support;
  return voters;
}

/** Expected tally from the population alone: votes = held + staked, counted for the delegate. */
export function expectedTally(voters: Voter[]): Record<Support, bigint> {
  const power = new Map<string, bigint>();
  for (const v of voters) if (v.delegate) power.set(v.delegate, (power.get(v.delegate) ?? 0n) + v.balance);
  const tally = { for: 0n, against: 0n, abstain: 0n };
  for (const v of voters) if (v.vote) tally[v.vote] += power.get(v.address) ?? 0n;
  return tally;
}

const BEHAVIOURS: Behaviour[] = ["whale", "for", "against", "abstain", "delegator", "apathetic"];

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
  const budget = parseEther("9000000");
  const world = await startWorld(connection, options, budget);
  const { StakingVault: staking } = world.dao;
  const voters = population(options.voters, options.seed, budget);
  const agentOf = new Map<string, Agent>();
  for (const [i, a] of (await makeAgents(world, "voter", voters.length)).entries())
    agentOf.set(voters[i].label, a);
  const agent = (v: Voter) => agentOf.get(v.label)!;
  lap("deploy");
  progress.tick("deployed");

  await giveTokens(
    world,
    voters.map((v) => ({ to: agent(v), amount: v.balance })),
  );
  await delegateAndStake(
    world,
    voters.map((v) => ({ agent: agent(v), delegate: v.delegate, stake: v.staked })),
  );
  lap("setup");
  progress.tick("holders funded and delegated");

  const call: ProposalCall = {
    actions: [
      {
        target: world.address.StakingVault,
        value: 0n,
        calldata: encode(staking, "setUnstakeCooldown", [10 * DAY]),
      },
    ],
    description: `# Lengthen the unstake cooldown to 10 days\n\nSimulated with seed ${options.seed}.`,
  };
  const whale = voters[0];
  const ballots = voters
    .filter((v) => v.vote)
    .map((v, i) => ({
      agent: agent(v),
      support: v.vote!,
      // Every fifth voter gives a reason (a longer transaction, as real voters write).
      reason: i % 5 === 0 ? `${v.behaviour} voter #${i}` : undefined,
    }));
  progress.tick("proposing");
  const decision = await decide(world, call, agent(whale), ballots);
  lap("propose, vote, queue and execute");
  progress.tick(`${ballots.length} votes cast`);
  progress.tick(`proposal ${decision.finalState}`);

  const { for: forVotes, against, abstain } = decision.votes;
  const quorum = decision.quorum;
  const expected = expectedTally(voters);
  const [cooldown] = await staking.parameters();
  const counts = (b: Behaviour) => voters.filter((v) => v.behaviour === b).length;
  progress.tick("report");

  const outcome = {
    proposalId: decision.proposalId.toString(),
    stateAfterVoting: decision.stateAfterVoting,
    finalState: decision.finalState,
    votesCast: ballots.length,
    tally: decision.votes,
    expectedTally: expected,
    tallyMatchesPopulation:
      forVotes === expected.for && against === expected.against && abstain === expected.abstain,
    quorum,
    quorumReached: forVotes + abstain >= quorum,
    whaleVote: whale.vote,
    unstakeCooldownDays: Number(cooldown) / DAY,
  };
  const tokens = (v: bigint) => Number(formatEther(v));
  return scenarioReport(
    "governance-cycle",
    options,
    { stats: world.chain.stats, timings },
    {
      parameters: { voters: options.voters },
      outcome,
      sections: [
        {
          heading: "What happened",
          body:
            `${options.voters} token holders received COVER, delegated (or, if apathetic, did nothing) and some staked half their ` +
            `tokens. The whale (15 % of the distributed supply) proposed "${call.description.split("\n")[0].slice(2)}"; ` +
            `${ballots.length} holders voted. The proposal ended voting **${decision.stateAfterVoting}** and is now **${decision.finalState}**. ` +
            `The whale voted ${whale.vote}. Quorum was ${tokens(quorum).toLocaleString()} votes ` +
            `(for + abstain: ${tokens(forVotes + abstain).toLocaleString()}). The on-chain tally ${outcome.tallyMatchesPopulation ? "equals" : "DIFFERS FROM"} ` +
            `the tally computed from the population (held + staked tokens, counted for each delegate).`,
        },
        {
          heading: "Tally",
          body: table(
            ["support", "on chain", "expected"],
            (["for", "against", "abstain"] as const).map((k) => [
              k,
              tokens(decision.votes[k]).toLocaleString(),
              tokens(expected[k]).toLocaleString(),
            ]),
          ),
        },
        {
          heading: "Population",
          body: table(
            ["behaviour", "agents"],
            BEHAVIOURS.map((b) => [b, counts(b)]),
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
              { label: "for", value: tokens(forVotes) },
              { label: "against", value: tokens(against) },
              { label: "abstain", value: tokens(abstain) },
              { label: "quorum", value: tokens(quorum) },
            ],
            "votes",
          ),
        },
        {
          file: "population.svg",
          title: "Agents by behaviour",
          svg: barChart(
            "Agents by behaviour",
            BEHAVIOURS.map((b) => ({ label: b, value: counts(b) })),
            "agents",
          ),
        },
      ],
    },
  );
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
  const loan = parseEther("3000000");
  const world = await startWorld(connection, options, parseEther("1300000") + loan);
  const { GovernanceToken: token, StakingVault: staking, CoverGovernor: governor } = world.dao;
  const [honestFor, honestAgainst, attacker] = await makeAgents(world, "holder", 3);
  await giveTokens(world, [
    { to: honestFor, amount: parseEther("500000") },
    { to: honestAgainst, amount: parseEther("800000") },
  ]);
  await delegateAndStake(world, [{ agent: honestFor }, { agent: honestAgainst }]);
  const call: ProposalCall = {
    actions: [
      { target: world.address.StakingVault, value: 0n, calldata: encode(staking, "setMaxSlashBps", [5_000]) },
    ],
    description: "# Raise the slash bound to 50 %\n\nThe attacker wants this to pass.",
  };
  // The loan must land inside the voting period, after the snapshot, so this proposal is taken by hand.
  const to = world.address.CoverGovernor;
  await world.chain.sendAll(
    [
      {
        from: honestFor,
        to,
        data: encode(governor, "propose", [...columns(call.actions), call.description]),
      },
    ],
    "propose",
  );
  const proposalId = await proposalIdOf(governor, call);
  const snapshot = await governor.proposalSnapshot(proposalId);
  await world.chain.advanceTo(Number(snapshot) + 1);
  await world.chain.sendAll(
    [
      {
        from: world.treasury,
        to: world.address.GovernanceToken,
        data: encode(token, "transfer", [attacker.address, loan]),
      },
      {
        from: attacker,
        to: world.address.GovernanceToken,
        data: encode(token, "delegate", [attacker.address]),
      },
      {
        from: attacker,
        to: world.address.StakingVault,
        data: encode(staking, "stake", [loan / 2n]),
        gas: 300_000n,
      },
      { from: honestFor, to, data: encode(governor, "castVote", [proposalId, VOTE.For]) },
      { from: honestAgainst, to, data: encode(governor, "castVote", [proposalId, VOTE.Against]) },
      { from: attacker, to, data: encode(governor, "castVote", [proposalId, VOTE.For]) },
    ],
    "loan and votes",
  );
  const attackerPowerNow = await token.getVotes(attacker.address);
  const attackerPowerAtSnapshot = await token.getPastVotes(attacker.address, snapshot);
  await world.chain.advanceTo(Number(await governor.proposalDeadline(proposalId)) + 1);
  const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
  const state = await stateOf(governor, proposalId);
  const tokens = (v: bigint) => Number(formatEther(v));
  return scenarioReport(
    "flash-loan-vote",
    options,
    { stats: world.chain.stats, started: start },
    {
      parameters: { loan: formatEther(loan) },
      outcome: {
        state,
        attackerPowerNow,
        attackerPowerAtSnapshot,
        tally: { for: forVotes, against, abstain },
        attackerCounted: forVotes > parseEther("500000"),
      },
      sections: [
        {
          heading: "What happened",
          body:
            `Two honest holders (500k for, 800k against) face an attacker who borrows ${tokens(loan).toLocaleString()} COVER ` +
            `after the proposal's snapshot, delegates to itself, stakes half and votes for. ` +
            `The attacker held ${tokens(attackerPowerNow).toLocaleString()} votes when voting (half of the loan staked, still counted), ` +
            `but ${tokens(attackerPowerAtSnapshot).toLocaleString()} at the proposal's snapshot, so the vote added nothing: ` +
            `for ${tokens(forVotes).toLocaleString()} against ${tokens(against).toLocaleString()}; the proposal is **${state}**.`,
        },
      ],
      figures: [
        {
          file: "power.svg",
          title: "Attacker power",
          svg: barChart(
            "Attacker's votes: when voting vs at the snapshot",
            [
              { label: "when voting", value: tokens(attackerPowerNow) },
              { label: "at snapshot", value: tokens(attackerPowerAtSnapshot) },
              { label: "honest for", value: tokens(forVotes) },
              { label: "honest against", value: tokens(against) },
            ],
            "votes",
          ),
        },
      ],
    },
  );
}
