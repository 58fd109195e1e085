/**
 * Claim scenarios: `claims-cycle` (covers bought, claims filed, assessed, one escalated to the Governor,
 * payouts), `correlated-claims` (a depeg: every cover claims; who is paid and the shortfall), `bank-run`
 * (underwriters rush to withdraw when a large claim is filed) and `apathy` (quorum failures in claims and
 * governance, and where they leave pending claims and proposals).
 */
import { formatEther, formatUnits, parseEther, parseUnits } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { readClaim, resolveEscalationProposal } from "../../claims/claims.js";
import { type Agent, Progress, encode, rng } from "../engine.js";
import { type Report, table } from "../report.js";
import {
  DAY,
  HOUR,
  PRODUCTS,
  type ScenarioOptions,
  type World,
  agents as makeAgents,
  assess,
  buyCovers,
  createdIds,
  decide,
  delegateAndStake,
  completeWithdrawals,
  deposit,
  escalate,
  fileClaims,
  fileParametricClaims,
  giveTokens,
  redeem,
  settle,
  startWorld,
} from "../setup.js";
import { barChart } from "../svg.js";

const ether = (v: bigint) => Number(formatEther(v));
const usd = (v: bigint) => Number(formatUnits(v, 6));
const SMART_CONTRACT = PRODUCTS.smartContractWeth;
const DEPEG = PRODUCTS.depegStablecoin;

/**
 * `n` holders who delegate to themselves and stake half their tokens: the claim assessors and the
 * Governor's voters. Holder i gets between 1 and 2 times `each` (so `2n × each` is enough tokens).
 */
async function assessors(
  world: World,
  n: number,
  each: bigint,
  seed: number,
): Promise<{ agent: Agent; stake: bigint }[]> {
  const random = rng(seed + 7);
  const list = await makeAgents(world, "assessor", n);
  const holders = list.map((agent) => {
    const amount = (each * BigInt(100 + Math.floor(random() * 100))) / 100n;
    return { agent, amount, stake: amount / 2n };
  });
  await giveTokens(
    world,
    holders.map((h) => ({ to: h.agent, amount: h.amount })),
  );
  await delegateAndStake(
    world,
    holders.map((h) => ({ agent: h.agent, stake: h.stake })),
  );
  // Claim weights are stakes at the second before filing: let a block pass.
  await world.chain.advance(HOUR);
  return holders.map((h) => ({ agent: h.agent, stake: h.stake }));
}

/** Yes and no weight a set of ballots would give, from the stakes. */
function weights(ballots: { stake: bigint; support: boolean }[]): { yes: bigint; no: bigint } {
  let yes = 0n;
  let no = 0n;
  for (const b of ballots)
    if (b.support) yes += b.stake;
    else no += b.stake;
  return { yes, no };
}

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
  return {
    scenario: "claims-cycle",
    seed: options.seed,
    mode: options.mode,
    parameters: { assessors: n, underwriters: underwriters.length, buyers: buyers.length },
    outcome,
    timings: { total: (performance.now() - started) / 1000 },
    transactions: world.chain.stats,
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
  };
}

// ------------------------------------------------------------------------------------ who bore the loss

/** A party to a loss: an underwriter who stayed or left, or a claimant. Amounts in the pool's asset. */
interface Party {
  group: "stayers" | "leavers" | "claimants";
  /** Deposited (underwriters) or asked (claimants). */
  putIn: bigint;
  /** Withdrawn (underwriters) or paid (claimants). */
  tookOut: bigint;
  /** What the underwriter's shares bring now, held or escrowed (escrowed shares at most their value at the request). */
  held: bigint;
}

interface LossRow {
  group: Party["group"];
  parties: number;
  putIn: bigint;
  tookOut: bigint;
  held: bigint;
  /** `putIn - tookOut - held`: for underwriters, the claims they paid net of the premiums they earned; for
   * claimants, what was not paid. */
  loss: bigint;
  /** Loss per unit put in (underwriters: per unit deposited), for comparing stayers and leavers. */
  lossPerUnit: number;
}

/** What an underwriter's shares bring now: escrowed shares capped by their value at the request, plus held ones. */
async function underwriterHolding(pool: World["dao"]["WethPool"], owner: string): Promise<bigint> {
  const [quote, held] = await Promise.all([pool.withdrawalQuote(owner), pool.balanceOf(owner)]);
  return (quote.requested ? quote.valueNow : 0n) + (held === 0n ? 0n : await pool.convertToAssets(held));
}

/** Sums the parties per group (stayers, leavers, claimants), the same way in every scenario's report. */
function whoBoreTheLoss(parties: Party[]): LossRow[] {
  return (["stayers", "leavers", "claimants"] as const).map((group) => {
    const of = parties.filter((p) => p.group === group);
    const sum = (f: (p: Party) => bigint) => of.reduce((a, p) => a + f(p), 0n);
    const putIn = sum((p) => p.putIn);
    const tookOut = sum((p) => p.tookOut);
    const held = sum((p) => p.held);
    const loss = putIn - tookOut - held;
    return {
      group,
      parties: of.length,
      putIn,
      tookOut,
      held,
      loss,
      lossPerUnit: putIn === 0n ? 0 : Number(loss) / Number(putIn),
    };
  });
}

/** The "Who bore the loss" table, in the pool's asset. */
function lossTable(rows: LossRow[], amount: (v: bigint) => string): string {
  return table(
    ["who", "parties", "put in", "took out", "still held", "loss", "loss per unit put in"],
    rows.map((r) => [
      r.group,
      String(r.parties),
      amount(r.putIn),
      amount(r.tookOut),
      amount(r.held),
      amount(r.loss),
      `${(r.lossPerUnit * 100).toFixed(4)} %`,
    ]),
  );
}

const LOSS_NOTE =
  "Underwriters put in their deposits and took out their withdrawals; what they still hold is their shares' value " +
  "now (escrowed shares at most their value at the request). Their loss is the claims they paid net of the premiums " +
  "they earned. Claimants put in what they asked; their loss is what the pool did not pay. A filed claim is a " +
  "liability of the pool from filing: withdrawals are priced net of it, and a withdrawal never brings more than its " +
  "value at the request (docs/liabilities.md).";

// ------------------------------------------------------------------------------------- correlated-claims

/**
 * A stablecoin depegs: every depeg cover may claim. Fast claimants claim and redeem at once; meanwhile
 * underwriters who had asked to withdraw try to leave when the covers end; late claimants claim in the grace
 * period. Covers stay backed until their end plus the grace period, so the leavers take only the capital no
 * cover needs, and every claim is paid in full. The report says who bore the loss: stayers, leavers, claimants.
 */
export async function correlatedClaims(
  connection: NetworkConnection,
  options: ScenarioOptions,
): Promise<Report> {
  const started = performance.now();
  const progress = new Progress(4, options.progress ?? false);
  const world = await startWorld(connection, options, 0n);
  const random = rng(options.seed);
  const pool = world.dao.StablecoinPool;
  const n = Math.max(4, options.voters);
  // Underwriters: 1M tUSD; the first three (70 %) will leave.
  const underwriters = await makeAgents(world, "underwriter", 5);
  const deposits = [300_000, 250_000, 150_000, 200_000, 100_000].map((v) => parseUnits(String(v), 6));
  await deposit(
    world,
    "StablecoinPool",
    underwriters.map((agent, i) => ({ agent, amount: deposits[i] })),
  );
  const capital0 = (await pool.poolState()).capital;
  // Buyers share about 65 % of the capital (the product's capacity is 70 %).
  const buyers = await makeAgents(world, "buyer", n);
  const shares = buyers.map(() => 0.5 + random());
  const total = shares.reduce((a, b) => a + b, 0);
  const amounts = shares.map((s) => (capital0 * BigInt(Math.floor((s / total) * 650_000))) / 1_000_000n);
  const coverIds = await buyCovers(
    world,
    DEPEG,
    buyers.map((agent, i) => ({ agent, amount: amounts[i], period: 14 * DAY })),
  );
  const sold = amounts.filter((_, i) => coverIds[i] !== undefined).reduce((a, b) => a + b, 0n);

  progress.tick("covers bought");
  // Day 7: the larger underwriters ask to withdraw (a 7-day cooldown, then a 2-day window).
  await world.chain.advance(7 * DAY);
  const leaving = underwriters.slice(0, 3);
  const leavingShares = await Promise.all(leaving.map((u) => pool.balanceOf(u.address)));
  await world.chain.sendAll(
    leaving.map((agent, i) => ({
      from: agent,
      to: world.address.StablecoinPool,
      data: encode(pool, "requestWithdrawal", [leavingShares[i]]),
      gas: 200_000n,
    })),
    "withdrawal requests",
  );

  // Day 12: the depeg, a collapse: the feed reports 0.10 and stays there, a round every 6 hours, through the
  // product's 24-hour confirmation window; claims can be filed once it has passed (day 13).
  await world.chain.advance(5 * DAY);
  const oracle = world.chain.agent("oracle");
  await world.chain.fund([oracle]);
  const feed = world.dao.DepegFeed;
  const post = async (answer: bigint, label: string) =>
    createdIds(
      world,
      await world.chain.sendAll(
        [
          {
            from: oracle,
            to: world.address.DepegFeed,
            data: encode(feed, "setAnswer", [answer]),
            gas: 200_000n,
          },
        ],
        label,
      ),
      "DepegFeed",
      "AnswerUpdated",
      "roundId",
    );
  const [round] = await post(10_000_000n, "depeg round");
  const depegRound = round ?? (await feed.latestRoundData()).roundId;
  for (let i = 0; i < 3; i++) {
    await world.chain.advance(6 * HOUR);
    await post(10_000_000n, "depeg round");
  }
  await world.chain.advance(6 * HOUR);
  const capitalAtDepeg = (await pool.poolState()).capital;
  const held = buyers
    .map((b, i) => ({ agent: b, coverId: coverIds[i], amount: amounts[i] }))
    .filter((h) => h.coverId !== undefined);
  const half = Math.ceil(held.length / 2);
  const fast = held.slice(0, half);
  const late = held.slice(half);
  const fastIds = await fileParametricClaims(
    world,
    fast.map((h) => ({ agent: h.agent, coverId: h.coverId!, amount: h.amount })),
    depegRound,
  );
  const fastPaid = await redeem(
    world,
    fast.map((h, i) => ({ agent: h.agent, claimId: fastIds[i] })),
  );
  await world.chain.advance(12 * HOUR);
  await post(100_000_000n, "recovery round");

  progress.tick("depeg: fast claims paid");
  // Covers end on day 14, but the pool backs them through their 30-day grace period; the leaving underwriters
  // complete their withdrawals an hour after the day ends, inside their window, and take what no cover needs
  // (a completion with nothing free reverts and gives 0; what is not taken stays escrowed until the window
  // closes, then goes back to its owner).
  const lastEnd = Math.max(
    ...(await Promise.all(held.map(async (h) => Number((await world.dao.CoverBook.cover(h.coverId!)).end)))),
  );
  await world.chain.advanceTo(Math.ceil(lastEnd / DAY) * DAY + HOUR);
  const withdrawn = await completeWithdrawals(world, "StablecoinPool", leaving);
  const capitalBeforeLate = (await pool.poolState()).capital;

  progress.tick("underwriters left");
  // Day 20: the late claimants claim in the grace period and redeem in the order they claimed.
  await world.chain.advance(5 * DAY);
  const lateIds = await fileParametricClaims(
    world,
    late.map((h) => ({ agent: h.agent, coverId: h.coverId!, amount: h.amount })),
    depegRound,
  );
  const latePaid = await redeem(
    world,
    late.map((h, i) => ({ agent: h.agent, claimId: lateIds[i] })),
  );
  progress.tick("late claims redeemed");
  const end = await pool.poolState();
  const holdings = await Promise.all(underwriters.map((u) => underwriterHolding(pool, u.address)));
  // What each approved claim pays: the loss at the end of the window (90 % of the cover at 0.10).
  const due = async (id: bigint) => (await world.dao.CoverClaims.claim(id)).amount;
  const claimsRows = [
    ...(await Promise.all(
      fastIds.map(async (id, i) => ({
        wave: "at the depeg",
        claimId: id,
        amount: await due(id),
        paid: fastPaid[i] ?? 0n,
      })),
    )),
    ...(await Promise.all(
      lateIds.map(async (id, i) => ({
        wave: "grace period",
        claimId: id,
        amount: await due(id),
        paid: latePaid[i] ?? 0n,
      })),
    )),
  ];
  const requested = claimsRows.reduce((a, r) => a + r.amount, 0n);
  const paidTotal = claimsRows.reduce((a, r) => a + r.paid, 0n);
  const lossByGroup = whoBoreTheLoss([
    ...underwriters.map((_, i): Party => ({
      group: i < leaving.length ? "leavers" : "stayers",
      putIn: deposits[i],
      tookOut: i < leaving.length ? (withdrawn[i] ?? 0n) : 0n,
      held: holdings[i],
    })),
    ...claimsRows.map((r): Party => ({ group: "claimants", putIn: r.amount, tookOut: r.paid, held: 0n })),
  ]);
  const outcome = {
    capitalAtStart: capital0,
    coverSold: sold,
    capitalAtDepeg,
    withdrawnByLeavers: withdrawn.reduce((a: bigint, b) => a + (b ?? 0n), 0n),
    capitalBeforeLateClaims: capitalBeforeLate,
    claims: claimsRows,
    requested,
    paid: paidTotal,
    shortfall: requested - paidTotal,
    poolTotalShortfall: end.totalShortfall,
    capitalAtEnd: end.capital,
    lossByGroup,
  };
  const [stayers, leavers, claimants] = lossByGroup;
  return {
    scenario: "correlated-claims",
    seed: options.seed,
    mode: options.mode,
    parameters: { buyers: n, underwriters: underwriters.length },
    outcome,
    timings: { total: (performance.now() - started) / 1000 },
    transactions: world.chain.stats,
    sections: [
      {
        heading: "What happened",
        body:
          `Five underwriters put ${usd(capital0).toLocaleString()} tUSD into the stablecoin pool; ${n} holders bought 14-day ` +
          `depeg cover for ${usd(sold).toLocaleString()} tUSD (the product sells at most 70 % of capital). On day 7 the three ` +
          `largest underwriters (70 % of the capital) asked to withdraw. On day 12 the stablecoin collapsed to 0.10, below the ` +
          `0.995 trigger, and stayed below the 0.999 recovery price through the 24-hour confirmation window: on day 13 ` +
          `${fast.length} holders claimed the loss (90 % of their cover) and were paid. The covers ended on day 14, but the pool ` +
          `backs each cover until its end plus the 30-day grace period: on day 15 the leaving underwriters could take only ` +
          `the capital no cover needs, ${usd(outcome.withdrawnByLeavers).toLocaleString()} tUSD, priced net of the claims ` +
          `already paid, leaving ${usd(capitalBeforeLate).toLocaleString()} tUSD. On day 20 the other ${late.length} holders ` +
          `claimed in the grace period: ${usd(paidTotal).toLocaleString()} of ${usd(requested).toLocaleString()} tUSD was paid ` +
          `in all, a shortfall of **${usd(outcome.shortfall).toLocaleString()} tUSD** (the pool records ` +
          `${usd(end.totalShortfall).toLocaleString()}). The claims were borne by the underwriters: the stayers lost ` +
          `${(stayers.lossPerUnit * 100).toFixed(2)} % of what they put in, the leavers ${(leavers.lossPerUnit * 100).toFixed(2)} % ` +
          `(they bore the claims paid before they left, not those filed after their capital had gone), and the claimants ` +
          `${usd(claimants.loss).toLocaleString()} tUSD.`,
      },
      {
        heading: "Who bore the loss (tUSD)",
        body: `${lossTable(lossByGroup, (v) => usd(v).toLocaleString())}\n\n${LOSS_NOTE}`,
      },
      {
        heading: "Claims, in the order they were redeemed",
        body: table(
          ["claim", "filed", "asked (tUSD)", "paid (tUSD)"],
          claimsRows.map((r) => [
            String(r.claimId),
            r.wave,
            usd(r.amount).toLocaleString(),
            usd(r.paid).toLocaleString(),
          ]),
        ),
      },
    ],
    figures: [
      {
        file: "payouts.svg",
        title: "Asked and paid by wave",
        svg: barChart(
          "Depeg claims (tUSD)",
          [
            { label: "capital at depeg", value: usd(capitalAtDepeg) },
            {
              label: "asked at depeg",
              value: usd(
                claimsRows.filter((r) => r.wave === "at the depeg").reduce((a, r) => a + r.amount, 0n),
              ),
            },
            {
              label: "paid at depeg",
              value: usd(
                claimsRows.filter((r) => r.wave === "at the depeg").reduce((a, r) => a + r.paid, 0n),
              ),
            },
            { label: "capital left", value: usd(capitalBeforeLate) },
            {
              label: "asked late",
              value: usd(
                claimsRows.filter((r) => r.wave !== "at the depeg").reduce((a, r) => a + r.amount, 0n),
              ),
            },
            {
              label: "paid late",
              value: usd(
                claimsRows.filter((r) => r.wave !== "at the depeg").reduce((a, r) => a + r.paid, 0n),
              ),
            },
            { label: "shortfall", value: usd(outcome.shortfall) },
          ],
          "tUSD",
        ),
      },
    ],
  };
}

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
  return {
    scenario: "bank-run",
    seed: options.seed,
    mode: options.mode,
    parameters: { underwriters: n },
    outcome,
    timings: { total: (performance.now() - started) / 1000 },
    transactions: world.chain.stats,
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
  };
}

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
  return {
    scenario: "apathy",
    seed: options.seed,
    mode: options.mode,
    parameters: { holders: n },
    outcome,
    timings: { total: (performance.now() - started) / 1000 },
    transactions: world.chain.stats,
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
  };
}
