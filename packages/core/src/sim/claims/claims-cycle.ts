/**
 * The `claims-cycle` scenario: covers bought, claims filed (honest, fraudulent, disputed) and assessed,
 * one escalated to the Governor, payouts.
 */
import { formatEther, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { readClaim, resolveEscalationProposal } from "../../claims/claims.js";
import { Progress, rng } from "../engine.js";
import { type Report, scenarioReport, table } from "../report.js";
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
import { SMART_CONTRACT, assessors, ether, weights } from "./common.js";

// ------------------------------------------------------------------------------------------ claims-cycle

type Kind = "honest" | "fraudulent" | "disputed";

export async function claimsCycle(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const started = performance.now();
  const progress = new Progress(5, options.progress ?? false);
  const world = await startWorld(connection, options, parseEther("6000000"));
  const n = Math.max(4, options.voters);
  const random = rng(options.seed);
  const holders = await assessors(world, n, parseEther("6000000") / BigInt(2 * n), options.seed);
  const underwriters = await makeAgents(world, "underwriter", 5);
  await deposit(
    world,
    "WethPool",
    underwriters.map((agent, i) => ({ agent, amount: parseEther(String(100 + 50 * i)) })),
  );
  const buyers = await makeAgents(world, "buyer", 6);
  const amounts = buyers.map(() => parseEther(String(10 + Math.floor(random() * 40))));
  const coverIds = await buyCovers(
    world,
    SMART_CONTRACT,
    buyers.map((agent, i) => ({ agent, amount: amounts[i], period: 90 * DAY })),
  );
  progress.tick("covers bought");
  await world.chain.advance(10 * DAY);

  // Five of six holders claim after the hack: three honest, one fraudulent, one disputed.
  const kinds: Kind[] = ["honest", "honest", "honest", "fraudulent", "disputed"];
  const claimIds = await fileClaims(
    world,
    kinds.map((kind, i) => ({
      agent: buyers[i],
      coverId: coverIds[i]!,
      amount: amounts[i],
      evidence: `ipfs://evidence/${kind}-${i}`,
    })),
  );
  // Assessors judge: most approve honest claims, few approve the fraud, a minority backs the disputed one.
  const yesRate: Record<Kind, number> = { honest: 0.85, fraudulent: 0.1, disputed: 0.3 };
  const ballots = kinds.flatMap((kind, c) =>
    holders
      .filter(() => random() < 0.8)
      .map((h) => ({
        agent: h.agent,
        stake: h.stake,
        claimId: claimIds[c],
        support: random() < yesRate[kind],
      })),
  );
  await assess(world, ballots);
  progress.tick("claims filed and assessed");
  const claims = world.dao.CoverClaims;
  const first = await readClaim(world.dao, claimIds[0]);
  await world.chain.advanceTo(first.votingEnd + 1);

  // The disputed claim's holder escalates to governance with the bond (if the assessors denied it; an
  // approved disputed claim is escalated by its strongest opponent).
  const disputed = claimIds[4];
  const afterVote = await readClaim(world.dao, disputed);
  const escalator = afterVote.approved ? holders[0].agent : buyers[4];
  const bond = await claims.escalationBondOf(disputed);
  await escalate(world, escalator, disputed, bond);
  await world.chain.advanceTo(afterVote.cooldownEnd + 1);

  // Final by the assessors: approved claims are redeemed, denied ones settled.
  const assessed = await Promise.all(claimIds.slice(0, 4).map((id) => readClaim(world.dao, id)));
  const approvedIdx = assessed.flatMap((c, i) => (c.state === "Approved" ? [i] : []));
  const deniedIds = assessed.filter((c) => c.state === "Denied").map((c) => c.id);
  const paidNow = await redeem(
    world,
    approvedIdx.map((i) => ({ agent: buyers[i], claimId: claimIds[i] })),
  );
  if (deniedIds.length > 0) await settle(world, world.treasury, deniedIds);
  progress.tick("assessed claims paid or settled");

  // The Governor decides the escalation: the holders vote to approve it.
  const call = await resolveEscalationProposal(
    world.dao,
    disputed,
    true,
    "The exploit transaction drained the holder's position; the assessors' no votes cite the wrong block.",
  );
  const decision = await decide(
    world,
    call,
    holders[0].agent,
    holders.map((h, i) => ({ agent: h.agent, support: i % 5 === 4 ? "against" : "for" })),
  );
  progress.tick(`escalation: proposal ${decision.finalState}`);
  const [paidDisputed] = await redeem(world, [{ agent: buyers[4], claimId: disputed }]);
  progress.tick("report");

  const final = await Promise.all(claimIds.map((id) => readClaim(world.dao, id)));
  const paid = new Map<bigint, bigint>();
  approvedIdx.forEach((i, k) => paid.set(claimIds[i], paidNow[k] ?? 0n));
  if (paidDisputed !== undefined) paid.set(disputed, paidDisputed);
  const expected = kinds.map((_, c) => weights(ballots.filter((b) => b.claimId === claimIds[c])));
  const pool = await world.dao.WethPool.poolState();
  const rows = final.map((c, i) => ({
    claimId: c.id,
    kind: kinds[i],
    amount: c.amount,
    yes: c.yesWeight,
    no: c.noWeight,
    expectedYes: expected[i].yes,
    expectedNo: expected[i].no,
    state: c.state,
    decision: c.decision,
    paid: paid.get(c.id) ?? 0n,
  }));
  const outcome = {
    claims: rows,
    escalatedClaim: {
      claimId: disputed,
      assessorsApproved: afterVote.approved,
      proposalState: decision.finalState,
      state: final[4].state,
      decision: final[4].decision,
      paid: paidDisputed ?? 0n,
    },
    totalPaid: [...paid.values()].reduce((a, b) => a + b, 0n),
    poolCapital: pool.capital,
  };
  return scenarioReport(
    "claims-cycle",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: { assessors: n, underwriters: underwriters.length, buyers: buyers.length },
      outcome,
      sections: [
        {
          heading: "What happened",
          body:
            `Five underwriters put ${ether(parseEther("1000")).toLocaleString()} ETH into the WETH pool and six holders bought 90-day ` +
            `smart-contract cover. Ten days later a hack: five holders claim (three honest, one fraudulent, one disputed). ` +
            `${n} staked assessors vote on each claim (each votes on a claim with probability 0.8). The disputed claim was ` +
            `${afterVote.approved ? "approved" : "denied"} by the assessors and escalated to governance with a ` +
            `${formatEther(bond)} ETH bond; the Governor's proposal to approve it is **${decision.finalState}**, ` +
            `and the claim is now **${final[4].state}** (decided by ${final[4].decision}). ` +
            `In all, ${ether(outcome.totalPaid).toLocaleString()} ETH was paid out; the pool's capital is ${ether(pool.capital).toLocaleString()} ETH.`,
        },
        {
          heading: "Claims",
          body: table(
            ["claim", "kind", "amount (ETH)", "yes weight", "no weight", "state", "decided by", "paid (ETH)"],
            rows.map((r) => [
              String(r.claimId),
              r.kind,
              ether(r.amount),
              ether(r.yes).toLocaleString(),
              ether(r.no).toLocaleString(),
              r.state,
              r.decision,
              ether(r.paid),
            ]),
          ),
        },
      ],
      figures: [
        {
          file: "payouts.svg",
          title: "Claimed and paid per claim",
          svg: barChart(
            "Claimed vs paid (ETH), claims 1-5",
            rows.flatMap((r) => [
              { label: `#${r.claimId} asked`, value: ether(r.amount) },
              { label: `#${r.claimId} paid`, value: ether(r.paid) },
            ]),
            "ETH",
          ),
        },
        {
          file: "votes.svg",
          title: "Assessors' yes share per claim",
          svg: barChart(
            "Yes weight as % of votes, per claim",
            rows.map((r) => ({
              label: `#${r.claimId} ${r.kind}`,
              value: r.yes + r.no === 0n ? 0 : Number((r.yes * 10_000n) / (r.yes + r.no)) / 100,
            })),
            "% yes",
          ),
        },
      ],
    },
  );
}
