/**
 * The `apathy` scenario: quorum failures in claims and governance, and where they leave pending claims
 * and proposals.
 */
import { formatEther, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { readClaim, resolveEscalationProposal } from "../../claims/claims.js";
import {
  COVER,
  ETH,
  type Report,
  SCRIPTED,
  type StatedAssumption,
  amount,
  scenarioReport,
} from "../report.js";
import {
  DAY,
  type Decision,
  type ScenarioOptions,
  agents as makeAgents,
  assess,
  buyCovers,
  decide,
  deposit,
  escalate,
  fileClaims,
  redeem,
  settle,
  poolLosses,
} from "../setup.js";
import { barChart } from "../svg.js";
import { type ClaimsOpening, SMART_CONTRACT, openClaimsScenario } from "./common.js";

type Holder = ClaimsOpening["holders"][number];

/**
 * Few show up. A parameter proposal fails quorum; a claim gets too few assessor votes and is denied for
 * lack of quorum (its deposit returned); an approved claim escalated by a skeptic lapses because
 * governance never reaches quorum, so the assessors' approval stands and the claimant is paid.
 */
export async function apathy(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const n = Math.max(10, options.voters);
  const opening = await openClaimsScenario(connection, options, {
    steps: 4,
    tokens: parseEther("6000000"),
    assessors: n,
    each: parseEther("6000000") / BigInt(2 * n),
  });
  const claims = await thinAndEscalatedClaims(opening);
  opening.progress.tick("thin claim settled");
  const governance = await lapsedEscalation(opening, claims);
  return apathyReport(opening, options, n, claims, governance);
}

/** Two claims: A gets one assessor's vote (below quorum) and is settled; B is approved and escalated by a skeptic. */
async function thinAndEscalatedClaims({ world, holders, progress }: ClaimsOpening) {
  const underwriters = await makeAgents(world, "underwriter", 3);
  await deposit(
    world,
    "WethPool",
    underwriters.map((agent) => ({ agent, amount: parseEther("200") })),
  );
  const [alice, bob] = await makeAgents(world, "buyer", 2);
  const [coverA, coverB] = await buyCovers(world, SMART_CONTRACT, [
    { agent: alice, amount: parseEther("20"), period: 90 * DAY },
    { agent: bob, amount: parseEther("30"), period: 90 * DAY },
  ]);
  await world.chain.advance(5 * DAY);
  const params = await world.dao.CoverClaims.parameters();
  const [claimA, claimB] = await fileClaims(world, [
    { agent: alice, coverId: coverA!, amount: parseEther("20"), evidence: "ipfs://evidence/a" },
    { agent: bob, coverId: coverB!, amount: parseEther("30"), evidence: "ipfs://evidence/b" },
  ]);
  // Claim A: one assessor votes (below the 10 % quorum). Claim B: enough assessors vote yes.
  const totalStake = holders.reduce((a, h) => a + h.stake, 0n);
  const sorted = [...holders].sort((x, y) => (x.stake < y.stake ? -1 : 1));
  const enough: Holder[] = [];
  let weight = 0n;
  for (const h of [...sorted].reverse()) {
    if (weight * 10_000n >= totalStake * BigInt(params.quorumBps) * 2n) break;
    enough.push(h);
    weight += h.stake;
  }
  await assess(world, [
    { agent: sorted[0].agent, claimId: claimA, support: true },
    ...enough.map((h) => ({ agent: h.agent, claimId: claimB, support: true })),
  ]);
  progress.tick("claims filed and assessed");
  const b = await readClaim(world.dao, claimB);
  await world.chain.advanceTo(b.votingEnd + 1);
  // A skeptic escalates claim B with the bond.
  const skeptic = sorted[1].agent;
  await escalate(world, skeptic, claimB, await world.dao.CoverClaims.escalationBondOf(claimB));
  await world.chain.advanceTo(b.cooldownEnd + 1);
  const aFinal = await readClaim(world.dao, claimA);
  const aliceBefore = await world.connection.ethers.provider.getBalance(alice.address);
  await settle(world, world.treasury, [claimA]);
  const aliceRefund = (await world.connection.ethers.provider.getBalance(alice.address)) - aliceBefore;
  return { params, claimA, claimB, aFinal, aliceRefund, sorted, skeptic, bob, totalStake };
}

type Claims = Awaited<ReturnType<typeof thinAndEscalatedClaims>>;

/** The skeptic proposes to deny claim B; only the smallest holders vote (under half the quorum); B lapses and is paid. */
async function lapsedEscalation({ world, progress }: ClaimsOpening, c: Claims) {
  const deny = await resolveEscalationProposal(
    world.dao,
    c.claimB,
    false,
    "The skeptic believes the exploit was staged.",
  );
  // The few who vote: the smallest holders, together under half the quorum (votes = held + staked).
  const quorumNow = await world.dao.CoverGovernor.quorum(world.chain.clock - 1);
  const voters: Holder[] = [];
  let turnout = 0n;
  for (const h of c.sorted) {
    if ((turnout + 2n * h.stake) * 2n >= quorumNow) break;
    voters.push(h);
    turnout += 2n * h.stake;
  }
  const decision: Decision = await decide(
    world,
    deny,
    c.skeptic,
    (voters.length > 0 ? voters : [c.sorted[0]]).map((h) => ({ agent: h.agent, support: "for" as const })),
  );
  progress.tick(`proposal ${decision.finalState}`);
  const escalated = await readClaim(world.dao, c.claimB);
  await world.chain.advanceTo(escalated.escalationDeadline + 1);
  const bAfterLapse = await readClaim(world.dao, c.claimB);
  const [bobPaid] = await redeem(world, [{ agent: c.bob, claimId: c.claimB }]);
  const bFinal = await readClaim(world.dao, c.claimB);
  progress.tick("escalation lapsed, claim paid");
  return { decision, voters, bAfterLapse, bobPaid: bobPaid ?? 0n, bFinal };
}

/** The report: assumptions, findings and losses first, then the story and the turnout chart. */
async function apathyReport(
  { world, started }: ClaimsOpening,
  options: ScenarioOptions,
  n: number,
  c: Claims,
  g: Awaited<ReturnType<typeof lapsedEscalation>>,
): Promise<Report> {
  const { params, aFinal, totalStake } = c;
  const outcome = apathyOutcome(c, g);
  const pct = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 10_000n) / whole) / 100);
  const votes = (v: bigint) => amount(Number(formatEther(v)));
  const voted = pct(aFinal.yesWeight + aFinal.noWeight, totalStake);
  return scenarioReport(
    "apathy",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: { holders: n },
      assumptions: apathyAssumptions(n),
      findings: [
        `Claim ${c.claimA} drew ${voted} % of the stake against a ${Number(params.quorumBps) / 100} % quorum and ended ${aFinal.state}; its ${amount(Number(formatEther(params.claimDeposit)), 4)} ETH deposit was ${outcome.claimA.depositRefunded ? `returned less the ${Number(params.quorumMissFeeBps) / 100} % quorum-miss fee` : "NOT returned"}.`,
        `The skeptic's proposal to deny claim ${c.claimB} got ${votes(g.decision.votes.for)} votes against a quorum of ${votes(g.decision.quorum)} and is ${g.decision.finalState}; the escalation lapsed, the assessors' approval stood and the holder was paid ${amount(Number(formatEther(g.bobPaid)), 4)} ETH.`,
      ],
      losses: await poolLosses(world, "WethPool", {
        capital: parseEther("600"),
        asked: aFinal.amount + g.bFinal.amount,
        paid: g.bobPaid,
      }),
      outcome,
      units: {
        amount: ETH,
        byKey: { votesFor: COVER, quorum: COVER, votedWeight: COVER, quorumWeight: COVER },
      },
      sections: [
        {
          heading: "What happened",
          body:
            `${n} holders staked half their tokens. Two claims were filed. **Claim ${c.claimA}**: one assessor voted ` +
            `(${voted} % of the stake), so it ended **${aFinal.state}** for lack of quorum. **Claim ${c.claimB}** was approved by enough assessors, ` +
            `then escalated by a skeptic. The skeptic's proposal to deny it got ${g.voters.length} voter(s) and is **${g.decision.finalState}**. ` +
            `Governance never decided, so after the escalation deadline the assessors' approval stood (${g.bFinal.decision}) and the skeptic's bond was forfeited.`,
        },
      ],
      figures: [
        {
          file: "turnout.svg",
          title: "Turnout against quorum",
          svg: barChart(
            "Turnout vs quorum (% of weight)",
            [
              { label: `claim ${c.claimA} voted`, value: voted, series: "turnout" },
              { label: "claim quorum", value: Number(params.quorumBps) / 100, series: "quorum" },
              {
                label: "proposal voted",
                value: pct(g.decision.votes.for, g.decision.quorum * 25n),
                series: "turnout",
              },
              { label: "proposal quorum", value: 4, series: "quorum" },
            ],
            "% of weight",
          ),
        },
      ],
    },
  );
}

/** What the apathy scenario assumes: its script. */
function apathyAssumptions(n: number): StatedAssumption[] {
  return [
    { name: "Holders", value: `${n} holders, each staking half their tokens`, source: SCRIPTED },
    {
      name: "Claims",
      value: "two holders claim their whole cover: 20 ETH (claim A) and 30 ETH (claim B)",
      source: SCRIPTED,
    },
    {
      name: "Turnout",
      value:
        "one assessor votes on claim A; the largest holders vote yes on claim B up to twice the quorum; only the smallest holders, together under half the Governor's quorum, vote on the skeptic's proposal",
      source: SCRIPTED,
    },
  ];
}

/** What a test asserts on: the proposal's tally and each claim's fate. */
function apathyOutcome(c: Claims, g: Awaited<ReturnType<typeof lapsedEscalation>>) {
  const { params, aFinal } = c;
  return {
    proposal: {
      state: g.decision.finalState,
      votesFor: g.decision.votes.for,
      quorum: g.decision.quorum,
      voters: g.voters.length,
    },
    claimA: {
      claimId: c.claimA,
      state: aFinal.state,
      decision: aFinal.decision,
      votedWeight: aFinal.yesWeight + aFinal.noWeight,
      quorumWeight: aFinal.quorumWeight,
      // Returned less the quorum-miss fee (a claim nobody assessed costs its filer that share).
      depositRefunded:
        c.aliceRefund === params.claimDeposit - (params.claimDeposit * params.quorumMissFeeBps) / 10_000n,
    },
    claimB: {
      claimId: c.claimB,
      stateAfterLapse: g.bAfterLapse.state,
      decision: g.bFinal.decision,
      state: g.bFinal.state,
      paid: g.bobPaid,
    },
  };
}
