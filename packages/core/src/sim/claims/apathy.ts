/**
 * The `apathy` scenario: quorum failures in claims and governance, and where they leave pending claims
 * and proposals.
 */
import { formatEther, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { readClaim, resolveEscalationProposal } from "../../claims/claims.js";
import { Progress } from "../engine.js";
import { type Report, scenarioReport } from "../report.js";
import {
  DAY,
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
  startWorld,
} from "../setup.js";
import { barChart } from "../svg.js";
import { SMART_CONTRACT, assessors } from "./common.js";

// ------------------------------------------------------------------------------------------------ apathy

/**
 * Few show up. A parameter proposal fails quorum; a claim gets too few assessor votes and is denied for
 * lack of quorum (its deposit returned); an approved claim escalated by a skeptic lapses because
 * governance never reaches quorum, so the assessors' approval stands and the claimant is paid.
 */
export async function apathy(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const started = performance.now();
  const progress = new Progress(4, options.progress ?? false);
  const world = await startWorld(connection, options, parseEther("6000000"));
  const n = Math.max(10, options.voters);
  const holders = await assessors(world, n, parseEther("6000000") / BigInt(2 * n), options.seed);
  const totalStake = holders.reduce((a, h) => a + h.stake, 0n);
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
  const claims = world.dao.CoverClaims;
  const params = await claims.parameters();
  const [claimA, claimB] = await fileClaims(world, [
    { agent: alice, coverId: coverA!, amount: parseEther("20"), evidence: "ipfs://evidence/a" },
    { agent: bob, coverId: coverB!, amount: parseEther("30"), evidence: "ipfs://evidence/b" },
  ]);
  // Claim A: one assessor votes (below the 10 % quorum). Claim B: enough assessors vote yes.
  const sorted = [...holders].sort((x, y) => (x.stake < y.stake ? -1 : 1));
  const enough: typeof holders = [];
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
  const aliceBefore = await connection.ethers.provider.getBalance(alice.address);
  await settle(world, world.treasury, [claimA]);
  const aliceRefund = (await connection.ethers.provider.getBalance(alice.address)) - aliceBefore;

  progress.tick("thin claim settled");
  // Governance: the skeptic proposes to deny claim B; and a parameter change. Only a few small holders vote.
  const deny = await resolveEscalationProposal(
    world.dao,
    claimB,
    false,
    "The skeptic believes the exploit was staged.",
  );
  // The few who vote: the smallest holders, together under half the quorum (votes = held + staked).
  const quorumNow = await world.dao.CoverGovernor.quorum(world.chain.clock - 1);
  const voters: typeof holders = [];
  let turnout = 0n;
  for (const h of sorted) {
    if ((turnout + 2n * h.stake) * 2n >= quorumNow) break;
    voters.push(h);
    turnout += 2n * h.stake;
  }
  const denyDecision = await decide(
    world,
    deny,
    skeptic,
    (voters.length > 0 ? voters : [sorted[0]]).map((h) => ({ agent: h.agent, support: "for" as const })),
  );
  progress.tick(`proposal ${denyDecision.finalState}`);
  const escalated = await readClaim(world.dao, claimB);
  await world.chain.advanceTo(escalated.escalationDeadline + 1);
  const bAfterLapse = await readClaim(world.dao, claimB);
  const [bobPaid] = await redeem(world, [{ agent: bob, claimId: claimB }]);
  const bFinal = await readClaim(world.dao, claimB);
  progress.tick("escalation lapsed, claim paid");
  const quorumVotes = denyDecision.quorum;
  const outcome = {
    proposal: {
      state: denyDecision.finalState,
      votesFor: denyDecision.votes.for,
      quorum: quorumVotes,
      voters: voters.length,
    },
    claimA: {
      claimId: claimA,
      state: aFinal.state,
      decision: aFinal.decision,
      votedWeight: aFinal.yesWeight + aFinal.noWeight,
      quorumWeight: aFinal.quorumWeight,
      // Returned less the quorum-miss fee (a claim nobody assessed costs its filer that share).
      depositRefunded:
        aliceRefund === params.claimDeposit - (params.claimDeposit * params.quorumMissFeeBps) / 10_000n,
    },
    claimB: {
      claimId: claimB,
      stateAfterLapse: bAfterLapse.state,
      decision: bFinal.decision,
      state: bFinal.state,
      paid: bobPaid ?? 0n,
    },
  };
  const pct = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 10_000n) / whole) / 100);
  return scenarioReport(
    "apathy",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: { holders: n },
      outcome,
      sections: [
        {
          heading: "What happened",
          body:
            `${n} holders staked half their tokens. Two claims were filed. **Claim ${claimA}**: one assessor voted ` +
            `(${pct(aFinal.yesWeight + aFinal.noWeight, totalStake)} % of the stake; quorum is ${Number(params.quorumBps) / 100} %), ` +
            `so it ended **${aFinal.state}** for lack of quorum and its ${formatEther(params.claimDeposit)} ETH deposit was ` +
            `${outcome.claimA.depositRefunded ? `returned less the ${Number(params.quorumMissFeeBps) / 100} % quorum-miss fee` : "NOT returned"}. **Claim ${claimB}** was approved by enough assessors, ` +
            `then escalated by a skeptic. The skeptic's proposal to deny it got ${voters.length} voter(s) ` +
            `(${Number(formatEther(denyDecision.votes.for)).toLocaleString()} votes, quorum ${Number(formatEther(quorumVotes)).toLocaleString()}) ` +
            `and is **${denyDecision.finalState}**. Governance never decided, so after the escalation deadline the assessors' ` +
            `approval stood (${bFinal.decision}); the holder redeemed ${formatEther(bobPaid ?? 0n)} ETH and the skeptic's bond was forfeited.`,
        },
      ],
      figures: [
        {
          file: "turnout.svg",
          title: "Turnout against quorum",
          svg: barChart(
            "Turnout vs quorum (% of weight)",
            [
              { label: `claim ${claimA} voted`, value: pct(aFinal.yesWeight + aFinal.noWeight, totalStake) },
              { label: "claim quorum", value: Number(params.quorumBps) / 100 },
              { label: "proposal voted", value: pct(denyDecision.votes.for, quorumVotes * 25n) },
              { label: "proposal quorum", value: 4 },
            ],
            "%",
          ),
        },
      ],
    },
  );
}
