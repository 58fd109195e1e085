/**
 * The setup every scenario shares: deploy the DAO, take over block production, and the steps agents take
 * again and again (receive tokens, delegate, stake, underwrite a pool, buy cover, file and assess claims,
 * take a proposal through propose, vote, queue and execute), each as one batch of transactions.
 */
import { MaxUint256, type LogDescription, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { DAOContracts } from "../rpc/contracts.js";
import { deployCoverDAO } from "../deployment/deploy.js";
import type { ProposalStateName } from "../domain/states.js";
import type { ContractName, Deployment } from "../deployment/file.js";
import {
  type ProposalCall,
  VOTE,
  columns,
  descriptionHash,
  proposalIdOf,
  stateOf,
} from "../governance/governance.js";
import { readPendingRiskChanges } from "../parameters/risk-changes.js";
import type { Assumptions, YearMarketAssumptions } from "../risk/assumptions.js";
import { type LossSummary, lossSummary } from "./report.js";
import { Agent, Chain, type Mode, type TxRequest, type TxResult, encode } from "./engine.js";

export interface ScenarioOptions {
  /** Number of agents (voters, underwriters, buyers: each scenario says what it scales). */
  voters: number;
  seed: number;
  mode: Mode;
  progress?: boolean;
  /** `depeg-replay`: the feed history (CSV) and, when it does not say, its decimals. */
  feed?: string;
  decimals?: number;
  /** `year`: the incident assumptions (default: the risk model's, risk/assumptions.ts). */
  assumptions?: Assumptions;
  /**
   * Repeated runs on one connection: keep the deployed DAO in a chain snapshot and start the next run from it
   * instead of deploying again (the cross-validation's dozen years). The guardian stays the first run's.
   */
  reuse?: boolean;
  /** `year`: how its agents behave (default: {DEFAULT_YEAR_MARKET}). */
  market?: YearMarketAssumptions;
}

export const HOUR = 3_600;
export const DAY = 86_400;
export const WEEK = 7 * DAY;

/** A deployed DAO driven by the engine. */
export interface World {
  connection: NetworkConnection;
  chain: Chain;
  dao: DAOContracts;
  /** The deployment file's content, for the core's readers. */
  deployment: Deployment;
  address: Record<ContractName, string>;
  /** Holds the governance tokens the scenario hands out (the deployer sends them here once). */
  treasury: Agent;
  /** The guardian: escalates claims without a bond. */
  guardian: Agent;
}

/**
 * Deploys the DAO, moves `tokens` governance tokens from the deployer to a treasury agent, and hands block
 * production to the engine. `parameters` are Ignition parameters (e.g. a shorter withdrawal cooldown).
 */
export async function startWorld(
  connection: NetworkConnection,
  options: ScenarioOptions,
  tokens: bigint,
  parameters: Record<string, Record<string, bigint | string | number>> = {},
): Promise<World> {
  const { deployment, contracts, guardianSeed } = await deployOrRevert(connection, options, parameters);
  if (tokens > 0n)
    await (await contracts.GovernanceToken.transfer(treasuryAddress(options.seed), tokens)).wait();
  const chain = await Chain.take(connection, options.mode, options.seed);
  const treasury = chain.agent("treasury");
  const guardian =
    guardianSeed === options.seed ? chain.agent("guardian") : new Agent("guardian", guardianSeed);
  await chain.fund([treasury, guardian]);
  return {
    connection,
    chain,
    dao: contracts,
    deployment,
    address: deployment.contracts as Record<ContractName, string>,
    treasury,
    guardian,
  };
}

/** Deployed DAOs kept in a chain snapshot, by connection, for runs with {ScenarioOptions.reuse}. */
const kept = new WeakMap<
  NetworkConnection,
  { snapshot: string; key: string; deployment: Deployment; contracts: DAOContracts; guardianSeed: number }
>();

/**
 * Deploys the DAO with an agent as its guardian (appointed at deployment). With `reuse`, the first run on a
 * connection keeps the deployed state in a snapshot and later runs with the same parameters revert to it instead
 * of deploying again (the guardian stays the first run's).
 */
async function deployOrRevert(
  connection: NetworkConnection,
  options: ScenarioOptions,
  parameters: Record<string, Record<string, bigint | string | number>>,
): Promise<{ deployment: Deployment; contracts: DAOContracts; guardianSeed: number }> {
  const rpc = connection.provider;
  const key = JSON.stringify(parameters, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  const previous = options.reuse ? kept.get(connection) : undefined;
  if (previous && previous.key === key) {
    await rpc.request({ method: "evm_revert", params: [previous.snapshot] });
    await rpc.request({ method: "evm_setAutomine", params: [true] });
    previous.snapshot = (await rpc.request({ method: "evm_snapshot", params: [] })) as string;
    return previous;
  }
  const guardianAgent = new Agent("guardian", options.seed);
  const { deployment, contracts } = await deployCoverDAO(connection, {
    parameters: { ...parameters, Governance: { ...parameters.Governance, guardian: guardianAgent.address } },
  });
  if (options.reuse) {
    const snapshot = (await rpc.request({ method: "evm_snapshot", params: [] })) as string;
    kept.set(connection, { snapshot, key, deployment, contracts, guardianSeed: options.seed });
  }
  return { deployment, contracts, guardianSeed: options.seed };
}

function treasuryAddress(seed: number): string {
  return new Agent("treasury", seed).address;
}

/** Creates and funds agents `${prefix}-0` ... `${prefix}-(n-1)`. */
export async function agents(world: World, prefix: string, n: number): Promise<Agent[]> {
  const list = Array.from({ length: n }, (_, i) => world.chain.agent(`${prefix}-${i}`));
  await world.chain.fund(list);
  return list;
}

/** The treasury sends governance tokens; one batch. */
export async function giveTokens(world: World, grants: { to: Agent; amount: bigint }[]): Promise<void> {
  const token = world.dao.GovernanceToken;
  await world.chain.sendAll(
    grants
      .filter((g) => g.amount > 0n)
      .map((g) => ({
        from: world.treasury,
        to: world.address.GovernanceToken,
        data: encode(token, "transfer", [g.to.address, g.amount]),
        gas: 120_000n,
      })),
    "token grants",
  );
}

/** Each holder delegates (to `delegate`, default itself) and stakes `stake` (if any); one batch. */
export async function delegateAndStake(
  world: World,
  holders: { agent: Agent; delegate?: string | null; stake?: bigint }[],
): Promise<TxResult[]> {
  const { GovernanceToken: token, StakingVault: staking } = world.dao;
  const requests: TxRequest[] = [];
  for (const h of holders) {
    if (h.delegate !== null)
      requests.push({
        from: h.agent,
        to: world.address.GovernanceToken,
        data: encode(token, "delegate", [h.delegate ?? h.agent.address]),
        gas: 150_000n,
      });
    if (h.stake && h.stake > 0n)
      requests.push({
        from: h.agent,
        to: world.address.StakingVault,
        data: encode(staking, "stake", [h.stake]),
        gas: 250_000n,
      });
  }
  return world.chain.sendAll(requests, "delegation and staking");
}

export type PoolName = "WethPool" | "StablecoinPool";

/** The requests that give `agent` `amount` of a pool's asset and approve `spender` for all of it. */
function acquire(world: World, pool: PoolName, agent: Agent, amount: bigint, spender: string): TxRequest[] {
  const approve = (asset: "WETH" | "Stablecoin"): TxRequest => ({
    from: agent,
    to: world.address[asset],
    data: encode(world.dao[asset], "approve", [spender, MaxUint256]),
    gas: 80_000n,
  });
  if (pool === "WethPool")
    return [
      {
        from: agent,
        to: world.address.WETH,
        data: encode(world.dao.WETH, "deposit", []),
        value: amount,
        gas: 80_000n,
      },
      approve("WETH"),
    ];
  return [
    {
      from: agent,
      to: world.address.Stablecoin,
      data: encode(world.dao.Stablecoin, "mint", [agent.address, amount]),
      gas: 100_000n,
    },
    approve("Stablecoin"),
  ];
}

/** Underwriters deposit into `pool` (wrapping ETH or using the test stablecoin's faucet); one batch. */
export async function deposit(
  world: World,
  pool: PoolName,
  deposits: { agent: Agent; amount: bigint }[],
): Promise<void> {
  const requests = deposits.flatMap((d) => [
    ...acquire(world, pool, d.agent, d.amount, world.address[pool]),
    {
      from: d.agent,
      to: world.address[pool],
      data: encode(world.dao[pool], "deposit", [d.amount, d.agent.address]),
      gas: 300_000n,
    },
  ]);
  await world.chain.sendAll(requests, `deposits into ${pool}`);
}

/** The default products' ids (see ignition/modules/Pool.ts). */
export const PRODUCTS = { smartContractWeth: 1, depegStablecoin: 2 } as const;

/**
 * Buyers buy cover on `productId`; one batch. Returns the cover id of each purchase, in order (undefined
 * where it reverted, e.g. past capacity).
 */
export async function buyCovers(
  world: World,
  productId: number,
  purchases: { agent: Agent; amount: bigint; period: number }[],
): Promise<(bigint | undefined)[]> {
  const product = await world.dao.CoverBook.product(productId);
  const pool: PoolName = product.pool === world.address.StablecoinPool ? "StablecoinPool" : "WethPool";
  const book = world.dao.CoverBook;
  const requests: TxRequest[] = [];
  const buys: number[] = [];
  for (const p of purchases) {
    // Enough of the asset for any premium (annual rates stay below 100 %), approved to the cover book.
    requests.push(...acquire(world, pool, p.agent, p.amount, world.address.CoverBook));
    buys.push(requests.length);
    requests.push({
      from: p.agent,
      to: world.address.CoverBook,
      data: encode(book, "buyCover", [productId, p.amount, p.period, p.amount]),
      gas: 600_000n,
    });
  }
  const results = await world.chain.send(requests);
  return createdIds(
    world,
    buys.map((i) => results[i]),
    "CoverBook",
    "CoverBought",
    "coverId",
  );
}

/** The decoded events of one transaction, from one contract. */
export async function eventsOf(
  world: World,
  contract: ContractName,
  result: TxResult,
): Promise<LogDescription[]> {
  const receipt = await world.connection.ethers.provider.getTransactionReceipt(result.hash);
  const iface = world.dao[contract].interface;
  const address = world.address[contract].toLowerCase();
  const found: LogDescription[] = [];
  for (const log of receipt?.logs ?? []) {
    if (log.address.toLowerCase() !== address) continue;
    const parsed = iface.parseLog(log);
    if (parsed) found.push(parsed);
  }
  return found;
}

/** The cover (or claim) id each successful result created, read from its event. */
export async function createdIds(
  world: World,
  results: TxResult[],
  contract: ContractName,
  event: string,
  arg: string,
): Promise<(bigint | undefined)[]> {
  const ids: (bigint | undefined)[] = [];
  for (const r of results) {
    if (!r.ok) {
      ids.push(undefined);
      continue;
    }
    const e = (await eventsOf(world, contract, r)).find((x) => x.name === event);
    ids.push(e ? (e.args.getValue(arg) as bigint) : undefined);
  }
  return ids;
}

export interface Decision {
  proposalId: bigint;
  stateAfterVoting: ProposalStateName;
  finalState: ProposalStateName;
  votes: { for: bigint; against: bigint; abstain: bigint };
  quorum: bigint;
}

/**
 * Takes `call` through the Governor: `proposer` proposes, `ballots` are cast in one batch once voting opens,
 * and if it succeeds anyone queues it and, after the Timelock delay, executes it.
 */
export async function decide(
  world: World,
  call: ProposalCall,
  proposer: Agent,
  ballots: { agent: Agent; support: "for" | "against" | "abstain"; reason?: string }[],
): Promise<Decision> {
  const { CoverGovernor: governor, CoverTimelock: timelock } = world.dao;
  const to = world.address.CoverGovernor;
  await world.chain.sendAll(
    [
      {
        from: proposer,
        to,
        data: encode(governor, "propose", [...columns(call.actions), call.description]),
        gas: 1_000_000n,
      },
    ],
    "propose",
  );
  const proposalId = await proposalIdOf(governor, call);
  await world.chain.advanceTo(Number(await governor.proposalSnapshot(proposalId)) + 1);
  const support = { for: VOTE.For, against: VOTE.Against, abstain: VOTE.Abstain };
  await world.chain.sendAll(
    ballots.map((b) => ({
      from: b.agent,
      to,
      data: b.reason
        ? encode(governor, "castVoteWithReason", [proposalId, support[b.support], b.reason])
        : encode(governor, "castVote", [proposalId, support[b.support]]),
      gas: 250_000n,
    })),
    "votes",
  );
  await world.chain.advanceTo(Number(await governor.proposalDeadline(proposalId)) + 1);
  const stateAfterVoting = await stateOf(governor, proposalId);
  const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
  const quorum = await governor.quorum(await governor.proposalSnapshot(proposalId));
  if (stateAfterVoting === "Succeeded") {
    const hash = descriptionHash(call.description);
    const keeper = world.treasury;
    await world.chain.sendAll(
      [
        {
          from: keeper,
          to,
          data: encode(governor, "queue", [...columns(call.actions), hash]),
          gas: 1_000_000n,
        },
      ],
      "queue",
    );
    await world.chain.advance(Number(await timelock.getMinDelay()) + 1);
    await world.chain.sendAll(
      [
        {
          from: keeper,
          to,
          data: encode(governor, "execute", [...columns(call.actions), hash]),
          gas: 2_000_000n,
        },
      ],
      "execute",
    );
  }
  return {
    proposalId,
    stateAfterVoting,
    finalState: await stateOf(governor, proposalId),
    votes: { for: forVotes, against, abstain },
    quorum,
  };
}

/** ETH amounts in the scenarios. */
export const eth = (value: string): bigint => parseEther(value);

/** Cover holders file assessed claims with the claim deposit; one batch. Returns the claim ids. */
export async function fileClaims(
  world: World,
  claims: { agent: Agent; coverId: bigint; amount: bigint; evidence: string }[],
): Promise<bigint[]> {
  const c = world.dao.CoverClaims;
  const { claimDeposit } = await c.parameters();
  const results = await world.chain.sendAll(
    claims.map((x) => ({
      from: x.agent,
      to: world.address.CoverClaims,
      data: encode(c, "submitClaim", [x.coverId, x.amount, x.evidence]),
      value: claimDeposit,
      gas: 600_000n,
    })),
    "claims",
  );
  return (await createdIds(world, results, "CoverClaims", "ClaimSubmitted", "claimId")).map((id) => id!);
}

/** Cover holders file parametric claims naming feed round `roundId`; one batch. Returns the claim ids. */
export async function fileParametricClaims(
  world: World,
  claims: { agent: Agent; coverId: bigint; amount: bigint }[],
  roundId: bigint,
): Promise<bigint[]> {
  const c = world.dao.CoverClaims;
  const results = await world.chain.sendAll(
    claims.map((x) => ({
      from: x.agent,
      to: world.address.CoverClaims,
      data: encode(c, "submitParametricClaim", [x.coverId, x.amount, roundId]),
      gas: 700_000n,
    })),
    "parametric claims",
  );
  return (await createdIds(world, results, "CoverClaims", "ParametricClaimApproved", "claimId")).map(
    (id) => id!,
  );
}

/** Assessors vote on claims; one batch. */
export async function assess(
  world: World,
  votes: { agent: Agent; claimId: bigint; support: boolean }[],
): Promise<void> {
  const c = world.dao.CoverClaims;
  await world.chain.sendAll(
    votes.map((v) => ({
      from: v.agent,
      to: world.address.CoverClaims,
      data: encode(c, "castClaimVote", [v.claimId, v.support]),
      gas: 300_000n,
    })),
    "claim votes",
  );
}

/**
 * Holders redeem approved claims, in the order given; one batch. Returns what each was paid (from the
 * `ClaimPaid` event; undefined where the redemption reverted).
 */
export async function redeem(
  world: World,
  redemptions: { agent: Agent; claimId: bigint }[],
): Promise<(bigint | undefined)[]> {
  const c = world.dao.CoverClaims;
  const results = await world.chain.send(
    redemptions.map((r) => ({
      from: r.agent,
      to: world.address.CoverClaims,
      data: encode(c, "redeemPayout", [r.claimId]),
      gas: 600_000n,
    })),
  );
  return createdIds(world, results, "CoverClaims", "ClaimPaid", "paid");
}

/** Anyone settles final unpaid claims (returning or forfeiting deposits); one batch. */
export async function settle(world: World, by: Agent, claimIds: bigint[]): Promise<void> {
  const c = world.dao.CoverClaims;
  await world.chain.sendAll(
    claimIds.map((id) => ({
      from: by,
      to: world.address.CoverClaims,
      data: encode(c, "settleClaim", [id]),
      gas: 300_000n,
    })),
    "settlements",
  );
}

/**
 * `by` applies every risk-raising change whose exit delay has passed (anyone may; see RiskChangeDelay); one
 * batch. Returns the changes applied, in words.
 */
export async function applyDueRiskChanges(world: World, by: Agent): Promise<string[]> {
  const chain = { deployment: world.deployment, provider: world.connection.ethers.provider };
  const now = BigInt((await world.connection.ethers.provider.getBlock("latest"))?.timestamp ?? 0);
  const due = (await readPendingRiskChanges(chain)).filter((c) => c.effectiveAt <= now);
  if (due.length === 0) return [];
  await world.chain.sendAll(
    due.map((c) => ({
      from: by,
      to: world.address[c.contract],
      data: encode(world.dao[c.contract], "applyRiskChange", [c.key]),
      gas: 300_000n,
    })),
    "risk changes applied",
  );
  return due.map((c) => `${c.label}: ${c.value}`);
}

/** `by` escalates `claimId` to governance during its cooldown, paying the escalation `bond`; one transaction. */
export async function escalate(world: World, by: Agent, claimId: bigint, bond: bigint): Promise<void> {
  await world.chain.sendAll(
    [
      {
        from: by,
        to: world.address.CoverClaims,
        data: encode(world.dao.CoverClaims, "escalate", [claimId]),
        value: bond,
        gas: 300_000n,
      },
    ],
    "escalation",
  );
}

/**
 * Underwriters complete their pool withdrawals; one batch. Returns the assets each received, in `agents`' order
 * (0 where a completion reverted, e.g. while active covers hold the capital). With `required`, any revert
 * throws, naming that step.
 */
export async function completeWithdrawals(
  world: World,
  pool: PoolName,
  agents: Agent[],
  required?: string,
): Promise<bigint[]> {
  const requests = agents.map((agent) => ({
    from: agent,
    to: world.address[pool],
    data: encode(world.dao[pool], "completeWithdrawal", [agent.address]),
    gas: 300_000n,
  }));
  const results = required ? await world.chain.sendAll(requests, required) : await world.chain.send(requests);
  const assets = await createdIds(world, results, pool, "WithdrawalCompleted", "assets");
  return agents.map((_, i) => assets[i] ?? 0n);
}

/** Governance tokens slashed from stakers since deployment (the vault's `Slashed` events), in base units. */
export async function slashedTotal(world: World): Promise<bigint> {
  const vault = world.dao.StakingVault;
  const events = await vault.queryFilter(vault.filters.Slashed(), 0);
  return events.reduce((a, e) => a + e.args.amount, 0n);
}

/** A run's {LossSummary} on `pool`: premiums earned and shortfall read from the pool, slashing from the vault. */
export async function poolLosses(
  world: World,
  pool: PoolName,
  t: { capital: bigint; asked: bigint; paid: bigint },
): Promise<LossSummary> {
  const state = await world.dao[pool].poolState();
  const asset = pool === "WethPool" ? { symbol: "ETH", decimals: 18 } : { symbol: "tUSD", decimals: 6 };
  return lossSummary(asset, {
    ...t,
    premiums: state.premiumsEarned,
    shortfall: state.totalShortfall,
    slashed: await slashedTotal(world),
  });
}
