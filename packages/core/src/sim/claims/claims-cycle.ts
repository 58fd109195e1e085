/**
 * The `claims-cycle` scenario: covers bought, claims filed (honest, fraudulent, disputed) and assessed,
 * one escalated to the Governor, payouts.
 */
import { parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { readClaim, resolveEscalationProposal } from "../../claims/claims.js";
import {
  COVER,
  ETH,
  type Figure,
  type Report,
  SCRIPTED,
  type StatedAssumption,
  amount,
  scenarioReport,
  table,
} from "../report.js";
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
  poolLosses,
} from "../setup.js";
import { groupedBarChart, barChart } from "../svg.js";
import { type ClaimsOpening, SMART_CONTRACT, ether, openClaimsScenario, weights } from "./common.js";

type Kind = "honest" | "fraudulent" | "disputed";
const KINDS: Kind[] = ["honest", "honest", "honest", "fraudulent", "disputed"];
/** Chance that an assessor votes yes, by kind of claim, and that an assessor votes at all. */
const YES_RATE: Record<Kind, number> = { honest: 0.85, fraudulent: 0.1, disputed: 0.3 };
const TURNOUT = 0.8;

export async function claimsCycle(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const n = Math.max(4, options.voters);
  const opening = await openClaimsScenario(connection, options, {
    steps: 5,
    tokens: parseEther("6000000"),
    assessors: n,
    each: parseEther("6000000") / BigInt(2 * n),
  });
  const filed = await fileAndAssess(opening);
  const escalation = await escalateAndPay(opening, filed);
  return claimsCycleReport(opening, options, n, filed, escalation);
}

/** Underwriters fund the pool, six holders buy cover, five claim after a hack and the assessors vote. */
async function fileAndAssess({ world, random, holders, progress }: ClaimsOpening) {
  const underwriters = await makeAgents(world, "underwriter", 5);
  const deposits = underwriters.map((agent, i) => ({ agent, amount: parseEther(String(100 + 50 * i)) }));
  await deposit(world, "WethPool", deposits);
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
  const claimIds = await fileClaims(
    world,
    KINDS.map((kind, i) => ({
      agent: buyers[i],
      coverId: coverIds[i]!,
      amount: amounts[i],
      evidence: `ipfs://evidence/${kind}-${i}`,
    })),
  );
  // Assessors judge: most approve honest claims, few approve the fraud, a minority backs the disputed one.
  const ballots = KINDS.flatMap((kind, c) =>
    holders
      .filter(() => random() < TURNOUT)
      .map((h) => ({
        agent: h.agent,
        stake: h.stake,
        claimId: claimIds[c],
        support: random() < YES_RATE[kind],
      })),
  );
  await assess(world, ballots);
  progress.tick("claims filed and assessed");
  const capital = deposits.reduce((a, d) => a + d.amount, 0n);
  return { buyers, claimIds, ballots, capital, underwriters: underwriters.length };
}

type Filed = Awaited<ReturnType<typeof fileAndAssess>>;

/**
 * The disputed claim is escalated (by its holder if denied, by its strongest opponent if approved); claims final by
 * the assessors are redeemed or settled; the Governor approves the escalated claim and its holder redeems.
 */
async function escalateAndPay({ world, holders, progress }: ClaimsOpening, { buyers, claimIds }: Filed) {
  const claims = world.dao.CoverClaims;
  const first = await readClaim(world.dao, claimIds[0]);
  await world.chain.advanceTo(first.votingEnd + 1);
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
  const paid = new Map<bigint, bigint>();
  approvedIdx.forEach((i, k) => paid.set(claimIds[i], paidNow[k] ?? 0n));
  if (paidDisputed !== undefined) paid.set(disputed, paidDisputed);
  return { disputed, afterVote, bond, decision, paid, paidDisputed: paidDisputed ?? 0n };
}

/** The report: assumptions, findings and losses first, then the claims table and the charts. */
async function claimsCycleReport(
  { world, started }: ClaimsOpening,
  options: ScenarioOptions,
  n: number,
  f: Filed,
  x: Awaited<ReturnType<typeof escalateAndPay>>,
): Promise<Report> {
  const { final, rows, outcome } = await claimsCycleOutcome(world, f, x);
  const state = (k: Kind) =>
    rows
      .filter((r) => r.kind === k)
      .map((r) => `#${r.claimId} ${r.state}`)
      .join(", ");
  return scenarioReport(
    "claims-cycle",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: { assessors: n, underwriters: f.underwriters, buyers: f.buyers.length },
      assumptions: claimsCycleAssumptions(n, f.capital),
      findings: [
        `Honest claims: ${state("honest")}; the fraudulent claim: ${state("fraudulent")}.`,
        `The disputed claim was ${x.afterVote.approved ? "approved" : "denied"} by the assessors and escalated with a ${amount(ether(x.bond), 4)} ETH bond; the Governor's proposal to approve it is ${x.decision.finalState} and the claim is ${final[4].state} (decided by ${final[4].decision}).`,
        `Each claim's yes and no weights equal the stakes of the assessors who voted: ${rows.every((r) => r.yes === r.expectedYes && r.no === r.expectedNo) ? "yes" : "NO"}.`,
      ],
      losses: await poolLosses(world, "WethPool", {
        capital: f.capital,
        asked: rows.reduce((a, r) => a + r.amount, 0n),
        paid: outcome.totalPaid,
      }),
      outcome,
      units: { amount: ETH, byKey: { yes: COVER, no: COVER, expectedYes: COVER, expectedNo: COVER } },
      sections: [
        {
          heading: "Claims",
          body: table(
            [
              "claim",
              "kind",
              "amount (ETH)",
              "yes weight (COVER)",
              "no weight (COVER)",
              "state",
              "decided by",
              "paid (ETH)",
            ],
            rows.map((r) => [
              String(r.claimId),
              r.kind,
              amount(ether(r.amount), 4),
              amount(ether(r.yes)),
              amount(ether(r.no)),
              r.state,
              r.decision,
              amount(ether(r.paid), 4),
            ]),
          ),
        },
      ],
      figures: claimsCycleFigures(rows),
    },
  );
}

/** What the claims cycle assumes: its script. */
function claimsCycleAssumptions(n: number, capital: bigint): StatedAssumption[] {
  return [
    {
      name: "Book",
      value: `5 underwriters deposit 100-300 ETH (${ether(capital)} ETH); 6 holders buy 10-49 ETH of 90-day cover`,
      source: SCRIPTED,
    },
    {
      name: "Claims",
      value: "ten days later 5 holders claim their whole cover: 3 honest, 1 fraudulent, 1 disputed",
      source: SCRIPTED,
    },
    {
      name: "Assessor turnout",
      value: `each of ${n} assessors votes on a claim with probability ${TURNOUT * 100} %`,
      source: SCRIPTED,
    },
    {
      name: "Assessor judgement",
      value: `yes with probability ${YES_RATE.honest * 100} % (honest), ${YES_RATE.fraudulent * 100} % (fraudulent), ${YES_RATE.disputed * 100} % (disputed)`,
      source: SCRIPTED,
    },
    {
      name: "Escalation",
      value: "the disputed claim is escalated; 4 holders in 5 vote to approve it in the Governor",
      source: SCRIPTED,
    },
  ];
}

/** Asked and paid per claim, and the assessors' yes share. */
function claimsCycleFigures(
  rows: { claimId: bigint; kind: Kind; amount: bigint; paid: bigint; yes: bigint; no: bigint }[],
): Figure[] {
  return [
    {
      file: "payouts.svg",
      title: "Claimed and paid per claim",
      svg: groupedBarChart(
        "Claimed and paid per claim (ETH)",
        rows.map((r) => `#${r.claimId} ${r.kind}`),
        [
          { name: "asked", values: rows.map((r) => ether(r.amount)) },
          { name: "paid", values: rows.map((r) => ether(r.paid)) },
        ],
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
  ];
}

/** Each claim's weights (on chain and expected from the ballots), state and payout; the escalated claim's fate. */
async function claimsCycleOutcome(
  world: ClaimsOpening["world"],
  f: Filed,
  x: Awaited<ReturnType<typeof escalateAndPay>>,
) {
  const final = await Promise.all(f.claimIds.map((id) => readClaim(world.dao, id)));
  const expected = KINDS.map((_, c) => weights(f.ballots.filter((b) => b.claimId === f.claimIds[c])));
  const pool = await world.dao.WethPool.poolState();
  const rows = final.map((c, i) => ({
    claimId: c.id,
    kind: KINDS[i],
    amount: c.amount,
    yes: c.yesWeight,
    no: c.noWeight,
    expectedYes: expected[i].yes,
    expectedNo: expected[i].no,
    state: c.state,
    decision: c.decision,
    paid: x.paid.get(c.id) ?? 0n,
  }));
  const outcome = {
    claims: rows,
    escalatedClaim: {
      claimId: x.disputed,
      assessorsApproved: x.afterVote.approved,
      proposalState: x.decision.finalState,
      state: final[4].state,
      decision: final[4].decision,
      paid: x.paidDisputed,
    },
    totalPaid: [...x.paid.values()].reduce((a, b) => a + b, 0n),
    poolCapital: pool.capital,
  };
  return { final, rows, outcome };
}
