/**
 * The `bank-run` scenario: underwriters rush to withdraw when a large claim is filed.
 */
import { parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { readClaim } from "../../claims/claims.js";
import { Progress, encode, rng } from "../engine.js";
import { type Report, scenarioReport, table } from "../report.js";
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
  startWorld,
} from "../setup.js";
import { barChart } from "../svg.js";
import {
  LOSS_NOTE,
  type Party,
  SMART_CONTRACT,
  assessors,
  ether,
  lossTable,
  underwriterHolding,
  whoBoreTheLoss,
} from "./common.js";

// ---------------------------------------------------------------------------------------------- bank-run

/**
 * A large claim is filed and most underwriters ask to withdraw everything at once. The claim is a liability
 * from filing, so the requests are priced net of it; capital backing active cover cannot leave; the loss falls
 * on everyone pro-rata (runners forgo the premium earned after their request, which goes to those who stay).
 */
export async function bankRun(connection: NetworkConnection, options: ScenarioOptions): Promise<Report> {
  const started = performance.now();
  const progress = new Progress(4, options.progress ?? false);
  const world = await startWorld(connection, options, parseEther("2000000"));
  const random = rng(options.seed);
  const pool = world.dao.WethPool;
  const n = Math.max(3, options.voters);
  const holders = await assessors(world, 10, parseEther("100000"), options.seed);
  const underwriters = await makeAgents(world, "underwriter", n);
  const deposited = underwriters.map(() => parseEther(String(5 + Math.floor(random() * 96))));
  await deposit(
    world,
    "WethPool",
    underwriters.map((agent, i) => ({ agent, amount: deposited[i] })),
  );
  const capital0 = (await pool.poolState()).capital;
  const [victim, other1, other2] = await makeAgents(world, "buyer", 3);
  const big = (capital0 * 40n) / 100n;
  const small = (capital0 * 10n) / 100n;
  const [bigCover] = await buyCovers(world, SMART_CONTRACT, [
    { agent: victim, amount: big, period: 60 * DAY },
    { agent: other1, amount: small, period: 60 * DAY },
    { agent: other2, amount: small, period: 28 * DAY },
  ]);
  await world.chain.advance(3 * DAY);

  progress.tick("pool funded, covers bought");
  // The claim and the rush: 80 % of underwriters ask to withdraw all their shares in the same block.
  const [claimId] = await fileClaims(world, [
    { agent: victim, coverId: bigCover!, amount: big, evidence: "ipfs://evidence/bridge-exploit" },
  ]);
  const runners = underwriters.filter(() => random() < 0.8);
  const isRunner = new Set(runners.map((r) => r.address));
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
  // Each underwriter's position now: what they took out plus what their shares (held or escrowed) are worth.
  const totalDeposited = deposited.reduce((a, b) => a + b, 0n);
  const rows = [];
  for (const [i, u] of underwriters.entries()) {
    const value = (withdrawn.get(u.address) ?? 0n) + (await underwriterHolding(pool, u.address));
    rows.push({
      underwriter: u.label,
      ran: isRunner.has(u.address),
      deposited: deposited[i],
      withdrawn: withdrawn.get(u.address) ?? 0n,
      value,
      loss: deposited[i] - value,
    });
  }
  const totalLoss = rows.reduce((a, r) => a + r.loss, 0n);
  const shareRows = rows.map((r) => ({
    ...r,
    depositShare: Number(r.deposited) / Number(totalDeposited),
    lossShare: totalLoss === 0n ? 0 : Number(r.loss) / Number(totalLoss),
  }));
  progress.tick("report");
  const maxDeviation = Math.max(...shareRows.map((r) => Math.abs(r.lossShare - r.depositShare)));
  const end = await pool.poolState();
  const lossByGroup = whoBoreTheLoss([
    ...rows.map((r): Party => ({
      group: r.ran ? "leavers" : "stayers",
      putIn: r.deposited,
      tookOut: r.withdrawn,
      held: r.value - r.withdrawn,
    })),
    { group: "claimants", putIn: big, tookOut: paid ?? 0n, held: 0n },
  ]);
  const [stayers, leavers, claimants] = lossByGroup;
  const outcome = {
    capitalAtStart: capital0,
    claimPaid: paid ?? 0n,
    runners: runners.length,
    withdrawnTotal: [...withdrawn.values()].reduce((a, b) => a + b, 0n),
    totalLoss,
    maxLossShareDeviation: maxDeviation,
    underwriters: shareRows,
    capitalAtEnd: end.capital,
    activeCoverAtEnd: end.activeCover,
    lossByGroup,
  };
  return scenarioReport(
    "bank-run",
    options,
    { stats: world.chain.stats, started },
    {
      parameters: { underwriters: n },
      outcome,
      sections: [
        {
          heading: "What happened",
          body:
            `${n} underwriters put ${ether(capital0).toLocaleString()} ETH into the WETH pool; three covers were sold, the largest ` +
            `for 40 % of the capital. Three days later its holder filed a claim for all of it, and in the same block ` +
            `${runners.length} underwriters asked to withdraw everything. Requested shares stay in the pool during the 7-day ` +
            `cooldown and still bear losses; the claim was approved after 5 days and paid ${ether(paid ?? 0n).toLocaleString()} ETH. ` +
            `When the runners could complete, they took ${ether(outcome.withdrawnTotal).toLocaleString()} ETH (capital backing the ` +
            `remaining covers stays). Net of premiums, the loss was ${ether(totalLoss).toLocaleString()} ETH, and each underwriter's ` +
            `share of it is their share of the deposits (largest difference ${maxDeviation.toExponential(2)}): the claim was a ` +
            `liability from filing, so the requests were priced net of it. Runners lost ${(leavers.lossPerUnit * 100).toFixed(4)} % ` +
            `of what they put in, stayers ${(stayers.lossPerUnit * 100).toFixed(4)} %: the small difference is the premium earned ` +
            `after the requests, which goes to those who stay (a withdrawal never brings more than its value at the request). ` +
            `The claimant lost ${ether(claimants.loss).toLocaleString()} ETH. Nobody escaped.`,
        },
        {
          heading: "Who bore the loss (ETH)",
          body: `${lossTable(lossByGroup, (v) => ether(v).toFixed(4))}\n\n${LOSS_NOTE}`,
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
            shareRows.map((r) => [
              r.underwriter,
              r.ran ? "yes" : "no",
              ether(r.deposited).toFixed(2),
              ether(r.withdrawn).toFixed(4),
              ether(r.value).toFixed(4),
              (r.lossShare * 100).toFixed(4) + " %",
              (r.depositShare * 100).toFixed(4) + " %",
            ]),
          ),
        },
      ],
      figures: [
        {
          file: "loss-shares.svg",
          title: "Loss share and deposit share per underwriter",
          svg: barChart(
            "Loss share vs deposit share (%), first underwriters",
            shareRows.slice(0, 8).flatMap((r) => [
              { label: `${r.underwriter.replace("underwriter-", "u")} loss`, value: r.lossShare * 100 },
              { label: "deposit", value: r.depositShare * 100 },
            ]),
            "%",
          ),
        },
      ],
    },
  );
}
