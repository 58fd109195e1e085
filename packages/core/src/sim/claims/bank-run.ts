/**
 * The `bank-run` scenario: underwriters rush to withdraw when a large claim is filed.
 */
import { parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { readClaim } from "../../claims/claims.js";
import { encode } from "../engine.js";
import {
  ETH,
  type Report,
  SCRIPTED,
  type StatedAssumption,
  amount,
  percent,
  scenarioReport,
  table,
} from "../report.js";
import {
  DAY,
  HOUR,
  type ScenarioOptions,
  agents as makeAgents,
  assess,
  buyCovers,
  completeWithdrawals,
  deposit,
  fileClaims,
  redeem,
  poolLosses,
} from "../setup.js";
import { barChart, groupedBarChart } from "../svg.js";
import {
  type ClaimsOpening,
  LOSS_NOTE,
  type Party,
  SMART_CONTRACT,
  ether,
  lossTable,
  openClaimsScenario,
  underwriterHolding,
  whoBoreTheLoss,
} from "./common.js";

/** Share of the underwriters who run, and the covers' sizes as shares of the capital. */
const RUN_CHANCE = 0.8;
const BIG = 40n;
const SMALL = 10n;

/**
 * A large claim is filed and most underwriters ask to withdraw everything at once. The claim is a liability
 * from filing, so the requests are priced net of it; capital backing active cover cannot leave; the loss falls
 * on everyone pro-rata (runners forgo the premium earned after their request, which goes to those who stay).
 */
export async function bankRun(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const n = Math.max(3, options.voters);
  const opening = await openClaimsScenario(connection, options, {
    steps: 4,
    tokens: parseEther("2000000"),
    assessors: 10,
    each: parseEther("100000"),
  });
  const run = await claimAndRush(opening, n);
  const rows = await positions(opening, run);
  return bankRunReport(opening, options, n, run, rows);
}

/** The pool is funded and covers sold; the largest holder claims and most underwriters ask to leave in that block. */
async function claimAndRush({ world, random, holders, progress }: ClaimsOpening, n: number) {
  const pool = world.dao.WethPool;
  const underwriters = await makeAgents(world, "underwriter", n);
  const deposited = underwriters.map(() => parseEther(String(5 + Math.floor(random() * 96))));
  await deposit(
    world,
    "WethPool",
    underwriters.map((agent, i) => ({ agent, amount: deposited[i] })),
  );
  const capital0 = (await pool.poolState()).capital;
  const [victim, other1, other2] = await makeAgents(world, "buyer", 3);
  const big = (capital0 * BIG) / 100n;
  const small = (capital0 * SMALL) / 100n;
  const [bigCover] = await buyCovers(world, SMART_CONTRACT, [
    { agent: victim, amount: big, period: 60 * DAY },
    { agent: other1, amount: small, period: 60 * DAY },
    { agent: other2, amount: small, period: 28 * DAY },
  ]);
  await world.chain.advance(3 * DAY);
  progress.tick("pool funded, covers bought");
  const [claimId] = await fileClaims(world, [
    { agent: victim, coverId: bigCover!, amount: big, evidence: "ipfs://evidence/bridge-exploit" },
  ]);
  const runners = underwriters.filter(() => random() < RUN_CHANCE);
  const runnerShares = await Promise.all(runners.map((u) => pool.balanceOf(u.address)));
  await world.chain.sendAll(
    runners.map((agent, i) => ({
      from: agent,
      to: world.address.WethPool,
      data: encode(pool, "requestWithdrawal", [runnerShares[i]]),
      gas: 200_000n,
    })),
    "withdrawal requests",
  );
  await assess(
    world,
    holders.map((h) => ({ agent: h.agent, claimId, support: true })),
  );
  const claim = await readClaim(world.dao, claimId);
  await world.chain.advanceTo(claim.cooldownEnd + 1);
  const [paid] = await redeem(world, [{ agent: victim, claimId }]);
  progress.tick("claim approved and paid");
  // Cooldown over: the runners complete (as far as free capital allows; the rest stays escrowed).
  const readyAt = runners.length > 0 ? Number((await pool.withdrawalRequest(runners[0].address)).readyAt) : 0;
  await world.chain.advanceTo(readyAt + HOUR);
  const withdrawnList = await completeWithdrawals(world, "WethPool", runners);
  const withdrawn = new Map<string, bigint>();
  runners.forEach((r, i) => withdrawn.set(r.address, withdrawnList[i] ?? 0n));
  progress.tick("withdrawals completed");
  return { underwriters, deposited, capital0, big, paid: paid ?? 0n, runners, withdrawn };
}

type Rush = Awaited<ReturnType<typeof claimAndRush>>;

/** Each underwriter's position now: what they took out plus what their shares (held or escrowed) are worth. */
async function positions({ world }: ClaimsOpening, r: Rush) {
  const isRunner = new Set(r.runners.map((u) => u.address));
  const rows = [];
  for (const [i, u] of r.underwriters.entries()) {
    const value =
      (r.withdrawn.get(u.address) ?? 0n) + (await underwriterHolding(world.dao.WethPool, u.address));
    rows.push({
      underwriter: u.label,
      ran: isRunner.has(u.address),
      deposited: r.deposited[i],
      withdrawn: r.withdrawn.get(u.address) ?? 0n,
      value,
      loss: r.deposited[i] - value,
    });
  }
  const totalDeposited = r.deposited.reduce((a, b) => a + b, 0n);
  const totalLoss = rows.reduce((a, x) => a + x.loss, 0n);
  return rows.map((x) => ({
    ...x,
    depositShare: Number(x.deposited) / Number(totalDeposited),
    lossShare: totalLoss === 0n ? 0 : Number(x.loss) / Number(totalLoss),
  }));
}

type Row = Awaited<ReturnType<typeof positions>>[number];

/** The report: assumptions, findings and losses first; runners and stayers charted in aggregate. */
async function bankRunReport(
  { world, started, progress }: ClaimsOpening,
  options: ScenarioOptions,
  n: number,
  r: Rush,
  rows: Row[],
): Promise<Report> {
  progress.tick("report");
  const totalLoss = rows.reduce((a, x) => a + x.loss, 0n);
  const maxDeviation = Math.max(...rows.map((x) => Math.abs(x.lossShare - x.depositShare)));
  const end = await world.dao.WethPool.poolState();
  const lossByGroup = whoBoreTheLoss([
    ...rows.map((x): Party => ({
      group: x.ran ? "leavers" : "stayers",
      putIn: x.deposited,
      tookOut: x.withdrawn,
      held: x.value - x.withdrawn,
    })),
    { group: "claimants", putIn: r.big, tookOut: r.paid, held: 0n },
  ]);
  const [stayers, leavers, claimants] = lossByGroup;
  const outcome = {
    capitalAtStart: r.capital0,
    claimPaid: r.paid,
    runners: r.runners.length,
    withdrawnTotal: [...r.withdrawn.values()].reduce((a, b) => a + b, 0n),
    totalLoss,
    maxLossShareDeviation: maxDeviation,
    underwriters: rows,
    capitalAtEnd: end.capital,
    activeCoverAtEnd: end.activeCover,
    lossByGroup,
  };
  const totalDeposited = r.deposited.reduce((a, b) => a + b, 0n);
  return scenarioReport(
    "bank-run",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: { underwriters: n },
      assumptions: bankRunAssumptions(n, r),
      findings: [
        `${r.runners.length} of ${n} underwriters ran; they took out ${amount(ether(outcome.withdrawnTotal), 4)} ETH once the 7-day cooldown passed (capital backing the remaining covers stayed).`,
        `Runners lost ${percent(leavers.lossPerUnit)} of what they put in, stayers ${percent(stayers.lossPerUnit)}: the claim was a liability from filing, so every loss share equals the deposit share (largest difference ${maxDeviation.toExponential(2)}); nobody escaped.`,
        `The claimant was paid ${amount(ether(r.paid), 4)} ETH and lost ${amount(ether(claimants.loss), 4)} ETH.`,
      ],
      losses: await poolLosses(world, "WethPool", { capital: totalDeposited, asked: r.big, paid: r.paid }),
      outcome,
      units: { amount: ETH },
      sections: bankRunSections(n, r, rows, lossByGroup, totalLoss),
      figures: bankRunFigures(lossByGroup),
    },
  );
}

/** The story, who bore the loss, and every underwriter's position. */
function bankRunSections(
  n: number,
  r: Rush,
  rows: Row[],
  lossByGroup: ReturnType<typeof whoBoreTheLoss>,
  totalLoss: bigint,
) {
  return [
    {
      heading: "What happened",
      body:
        `${n} underwriters put ${amount(ether(r.capital0), 2)} ETH into the WETH pool; three covers were sold, the largest ` +
        `for ${BIG} % of the capital. Three days later its holder filed a claim for all of it, and in the same block ` +
        `${r.runners.length} underwriters asked to withdraw everything. Requested shares stay in the pool during the 7-day ` +
        `cooldown and still bear losses; the claim was approved after 5 days and paid. Net of premiums, the loss was ` +
        `${amount(ether(totalLoss), 4)} ETH. The small difference between runners and stayers is the premium earned after ` +
        `the requests, which goes to those who stay (a withdrawal never brings more than its value at the request).`,
    },
    {
      heading: "Who bore the loss (ETH)",
      body: `${lossTable(lossByGroup, (v) => amount(ether(v), 4))}\n\n${LOSS_NOTE}`,
    },
    {
      heading: "Underwriters",
      body: table(
        [
          "underwriter",
          "ran",
          "deposited (ETH)",
          "withdrawn (ETH)",
          "worth now (ETH)",
          "loss share",
          "deposit share",
        ],
        rows.map((x) => [
          x.underwriter,
          x.ran ? "yes" : "no",
          amount(ether(x.deposited), 2),
          amount(ether(x.withdrawn), 4),
          amount(ether(x.value), 4),
          `${(x.lossShare * 100).toFixed(4)} %`,
          `${(x.depositShare * 100).toFixed(4)} %`,
        ]),
      ),
    },
  ];
}

/** All underwriters, aggregated as runners and stayers: money in, out and still held, and loss per unit put in. */
function bankRunFigures(lossByGroup: ReturnType<typeof whoBoreTheLoss>) {
  const [stayers, leavers] = lossByGroup;
  const groups = [
    { name: `runners (${leavers.parties})`, row: leavers },
    { name: `stayers (${stayers.parties})`, row: stayers },
  ];
  return [
    {
      file: "runners-stayers.svg",
      title: "Runners and stayers: deposited, withdrawn, still held, lost",
      svg: groupedBarChart(
        "All underwriters: runners vs stayers (ETH)",
        groups.map((g) => g.name),
        [
          { name: "deposited", values: groups.map((g) => ether(g.row.putIn)) },
          { name: "withdrawn", values: groups.map((g) => ether(g.row.tookOut)) },
          { name: "still held", values: groups.map((g) => ether(g.row.held)) },
          { name: "lost", values: groups.map((g) => ether(g.row.loss)) },
        ],
        "ETH",
      ),
    },
    {
      file: "loss-per-unit.svg",
      title: "Loss per unit deposited: runners vs stayers",
      svg: barChart(
        "Loss as % of what each group deposited",
        groups.map((g) => ({ label: g.name, value: g.row.lossPerUnit * 100 })),
        "% of deposits",
      ),
    },
  ];
}

/** What the bank run assumes: its script. */
function bankRunAssumptions(n: number, r: Rush): StatedAssumption[] {
  return [
    { name: "Underwriters", value: `${n} underwriters deposit 5-100 ETH each`, source: SCRIPTED },
    {
      name: "Covers",
      value: `three covers for ${BIG} %, ${SMALL} % and ${SMALL} % of the capital`,
      source: SCRIPTED,
    },
    {
      name: "Claim",
      value: `three days later the largest holder claims all of it (${ether(r.big).toFixed(2)} ETH); every assessor approves`,
      source: SCRIPTED,
    },
    {
      name: "Run",
      value: `in the same block each underwriter asks to withdraw everything with probability ${RUN_CHANCE * 100} %`,
      source: SCRIPTED,
    },
  ];
}
