/**
 * What the claim scenarios share: amounts as numbers for charts, the products they cover, staked
 * assessors, vote weights, and who bore a loss (underwriters who stayed or left, claimants).
 */
import { formatEther, formatUnits } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { type Agent, Progress, rng } from "../engine.js";
import { table } from "../report.js";
import {
  HOUR,
  PRODUCTS,
  type ScenarioOptions,
  type World,
  agents as makeAgents,
  delegateAndStake,
  giveTokens,
  startWorld,
} from "../setup.js";

export const ether = (v: bigint) => Number(formatEther(v));
export const usd = (v: bigint) => Number(formatUnits(v, 6));
export const SMART_CONTRACT = PRODUCTS.smartContractWeth;
export const DEPEG = PRODUCTS.depegStablecoin;

/**
 * `n` holders who delegate to themselves and stake half their tokens: the claim assessors and the
 * Governor's voters. Holder i gets between 1 and 2 times `each` (so `2n × each` is enough tokens).
 */
export async function assessors(
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

/** What a claim scenario starts from: its start time, progress bar, random stream, world and staked assessors. */
export interface ClaimsOpening {
  started: number;
  progress: Progress;
  random: () => number;
  world: World;
  holders: { agent: Agent; stake: bigint }[];
}

/**
 * The opening the claim scenarios share: a world whose treasury holds `tokens`, and `assessors` holders who each
 * receive 1 to 2 times `each` and stake half (see {assessors}).
 */
export async function openClaimsScenario(
  connection: NetworkConnection,
  options: ScenarioOptions,
  o: { steps: number; tokens: bigint; assessors: number; each: bigint },
): Promise<ClaimsOpening> {
  const started = performance.now();
  const progress = new Progress(o.steps, options.progress ?? false);
  const world = await startWorld(connection, options, o.tokens);
  const random = rng(options.seed);
  const holders = await assessors(world, o.assessors, o.each, options.seed);
  return { started, progress, random, world, holders };
}

/** Yes and no weight a set of ballots would give, from the stakes. */
export function weights(ballots: { stake: bigint; support: boolean }[]): { yes: bigint; no: bigint } {
  let yes = 0n;
  let no = 0n;
  for (const b of ballots)
    if (b.support) yes += b.stake;
    else no += b.stake;
  return { yes, no };
}

// ------------------------------------------------------------------------------------ who bore the loss

/** A party to a loss: an underwriter who stayed or left, or a claimant. Amounts in the pool's asset. */
export interface Party {
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
export async function underwriterHolding(pool: World["dao"]["WethPool"], owner: string): Promise<bigint> {
  const [quote, held] = await Promise.all([pool.withdrawalQuote(owner), pool.balanceOf(owner)]);
  return (quote.requested ? quote.valueNow : 0n) + (held === 0n ? 0n : await pool.convertToAssets(held));
}

/** Sums the parties per group (stayers, leavers, claimants), the same way in every scenario's report. */
export function whoBoreTheLoss(parties: Party[]): LossRow[] {
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
export function lossTable(rows: LossRow[], amount: (v: bigint) => string): string {
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

export const LOSS_NOTE =
  "Underwriters put in their deposits and took out their withdrawals; what they still hold is their shares' value " +
  "now (escrowed shares at most their value at the request). Their loss is the claims they paid net of the premiums " +
  "they earned. Claimants put in what they asked; their loss is what the pool did not pay. A filed claim is a " +
  "liability of the pool from filing: withdrawals are priced net of it, and a withdrawal never brings more than its " +
  "value at the request (docs/liabilities.md).";
