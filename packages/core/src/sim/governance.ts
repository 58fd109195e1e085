/**
 * Governance scenarios: `governance-cycle` (N voters with behaviours take a parameter change through
 * propose, vote, queue, execute) and `flash-loan-vote` (power borrowed after the snapshot changes nothing).
 */
import { formatEther, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { type ProposalCall, VOTE, columns, proposalIdOf, stateOf } from "../governance/governance.js";
import { Agent, Progress, encode, rng } from "./engine.js";
import {
  COVER,
  type Figure,
  type Report,
  SCRIPTED,
  type StatedAssumption,
  amount,
  percent,
  scenarioReport,
  table,
} from "./report.js";
import {
  DAY,
  type Decision,
  type ScenarioOptions,
  type World,
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
        calldata: encode(world.dao.StakingVault, "setUnstakeCooldown", [10 * DAY]),
      },
    ],
    description: `# Lengthen the unstake cooldown to 10 days\n\nSimulated with seed ${options.seed}.`,
  };
  const ballots = voters
    .filter((v) => v.vote)
    .map((v, i) => ({
      agent: agent(v),
      support: v.vote!,
      // Every fifth voter gives a reason (a longer transaction, as real voters write).
      reason: i % 5 === 0 ? `${v.behaviour} voter #${i}` : undefined,
    }));
  progress.tick("proposing");
  const decision = await decide(world, call, agent(voters[0]), ballots);
  lap("propose, vote, queue and execute");
  progress.tick(`${ballots.length} votes cast`);
  progress.tick(`proposal ${decision.finalState}`);
  progress.tick("report");
  return governanceCycleReport(world, options, timings, { voters, call, ballots: ballots.length, decision });
}

/** The report: assumptions and findings first, then the tally against the population's and the charts. */
async function governanceCycleReport(
  world: World,
  options: ScenarioOptions,
  timings: Record<string, number>,
  o: { voters: Voter[]; call: ProposalCall; ballots: number; decision: Decision },
): Promise<Report> {
  const { voters, decision } = o;
  const { for: forVotes, against, abstain } = decision.votes;
  const quorum = decision.quorum;
  const expected = expectedTally(voters);
  const [cooldown] = await world.dao.StakingVault.parameters();
  const counts = (b: Behaviour) => voters.filter((v) => v.behaviour === b).length;
  const whale = voters[0];
  const outcome = {
    proposalId: decision.proposalId,
    stateAfterVoting: decision.stateAfterVoting,
    finalState: decision.finalState,
    votesCast: o.ballots,
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
  const supply = voters.reduce((a, v) => a + v.balance, 0n);
  return scenarioReport(
    "governance-cycle",
    options,
    { stats: world.chain.stats, timings },
    {
      parameters: { voters: options.voters },
      assumptions: governanceAssumptions(o.call),
      findings: [
        `${o.ballots} of ${voters.length} holders voted: turnout ${percent(supply === 0n ? 0 : tokens(forVotes + against + abstain) / tokens(supply))} of the distributed supply; quorum ${amount(tokens(quorum))} COVER, for + abstain ${amount(tokens(forVotes + abstain))} COVER.`,
        `The proposal ended voting ${decision.stateAfterVoting} and is ${decision.finalState}; the whale voted ${whale.vote}; the unstake cooldown is now ${outcome.unstakeCooldownDays} days.`,
        `The on-chain tally ${outcome.tallyMatchesPopulation ? "equals" : "DIFFERS FROM"} the tally computed from the population (held + staked tokens, counted for each delegate).`,
        "No cover or claim is involved: nothing was lost.",
      ],
      outcome,
      units: { amount: COVER },
      sections: [
        {
          heading: "Tally (COVER)",
          body: table(
            ["support", "on chain", "expected"],
            (["for", "against", "abstain"] as const).map((k) => [
              k,
              amount(tokens(decision.votes[k])),
              amount(tokens(expected[k])),
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
      figures: governanceFigures(decision.votes, quorum, counts),
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
  const attack = await borrowAndVote(world, loan);
  const { GovernanceToken: token, CoverGovernor: governor } = world.dao;
  const attackerPowerNow = await token.getVotes(attack.attacker.address);
  const attackerPowerAtSnapshot = await token.getPastVotes(attack.attacker.address, attack.snapshot);
  await world.chain.advanceTo(Number(await governor.proposalDeadline(attack.proposalId)) + 1);
  const [against, forVotes, abstain] = await governor.proposalVotes(attack.proposalId);
  const state = await stateOf(governor, attack.proposalId);
  const tokens = (v: bigint) => amount(Number(formatEther(v)));
  return scenarioReport(
    "flash-loan-vote",
    options,
    { stats: world.chain.stats, started: start },
    {
      parameters: { loan: `${tokens(loan)} COVER` },
      assumptions: [
        {
          name: "Honest holders",
          value: "one holds 500,000 COVER and votes for, one 800,000 and votes against",
          source: SCRIPTED,
        },
        {
          name: "Attacker",
          value: `borrows ${tokens(loan)} COVER after the proposal's snapshot, delegates to itself, stakes half and votes for`,
          source: SCRIPTED,
        },
      ],
      findings: [
        `The attacker held ${tokens(attackerPowerNow)} votes when voting but ${tokens(attackerPowerAtSnapshot)} at the proposal's snapshot, so the vote added nothing: for ${tokens(forVotes)}, against ${tokens(against)}; the proposal is ${state}.`,
        "No cover or claim is involved: nothing was lost.",
      ],
      outcome: {
        state,
        attackerPowerNow,
        attackerPowerAtSnapshot,
        tally: { for: forVotes, against, abstain },
        attackerCounted: forVotes > parseEther("500000"),
      },
      units: { amount: COVER },
      sections: [],
      figures: [
        {
          file: "power.svg",
          title: "Attacker power",
          svg: barChart(
            "Attacker's votes: when voting vs at the snapshot (COVER)",
            [
              { label: "when voting", value: Number(formatEther(attackerPowerNow)), series: "attacker" },
              {
                label: "at snapshot",
                value: Number(formatEther(attackerPowerAtSnapshot)),
                series: "attacker",
              },
              { label: "honest for", value: Number(formatEther(forVotes)), series: "honest holders" },
              { label: "honest against", value: Number(formatEther(against)), series: "honest holders" },
            ],
            "votes (COVER)",
          ),
        },
      ],
    },
  );
}

/** Two honest holders vote; once the snapshot has passed, the attacker takes the loan, delegates, stakes and votes. */
async function borrowAndVote(world: World, loan: bigint) {
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
  return { attacker, proposalId, snapshot };
}

/** What the governance cycle assumes: its population and proposal. */
function governanceAssumptions(call: ProposalCall): StatedAssumption[] {
  return [
    {
      name: "Behaviours",
      value:
        "voter 0 is a whale with 15 % of the distributed supply; the others are 40 % for, 20 % against, 10 % abstain, 15 % apathetic (never delegate), 15 % delegators",
      source: SCRIPTED,
    },
    {
      name: "Balances",
      value: "the rest of the supply split by a squared uniform weight (a few large holders, many small)",
      source: SCRIPTED,
    },
    {
      name: "Staking",
      value: "30 % of the holders who vote stake half their tokens (votes count held + staked)",
      source: SCRIPTED,
    },
    {
      name: "Proposal",
      value: `"${call.description.split("\n")[0].slice(2)}", proposed by the whale`,
      source: SCRIPTED,
    },
  ];
}

/** The tally against the quorum, and the population by behaviour. */
function governanceFigures(
  votes: { for: bigint; against: bigint; abstain: bigint },
  quorum: bigint,
  counts: (b: Behaviour) => number,
): Figure[] {
  const tokens = (v: bigint) => Number(formatEther(v));
  const { for: forVotes, against, abstain } = votes;
  return [
    {
      file: "tally.svg",
      title: "Votes by support",
      svg: barChart(
        "Votes by support (COVER)",
        [
          { label: "for", value: tokens(forVotes), series: "votes" },
          { label: "against", value: tokens(against), series: "votes" },
          { label: "abstain", value: tokens(abstain), series: "votes" },
          { label: "quorum", value: tokens(quorum), series: "quorum" },
        ],
        "votes (COVER)",
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
  ];
}
