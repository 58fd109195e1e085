/**
 * Builds the risk model's inputs from chain state with the core's readers: both pools' books ({readPools}),
 * every product and its active cover (from the covers still running), the parametric rules, the claim vote's
 * rules with the turnout observed on finished claim votes ({readClaims}), and the Governor's quorum, delays and
 * the turnout observed on finished proposals ({readProposalsPage}). Browser-safe.
 */
import { type Result } from "ethers";

import { type PoolView, readClaims, readPools, readProposalsPage } from "../reads/index.js";
import { type Chain, readBigInt, readContract } from "../rpc/chain.js";
import { reader } from "../rpc/batch.js";
import { PAYOUT_RULES, RISK_TYPES } from "../domain/products.js";
import { annualRateBps } from "../pool/pricing.js";
import { type Assumptions, DEFAULT_ASSUMPTIONS, DEFAULT_PRICES, type Prices } from "./assumptions.js";
import type { RiskModelInput, RiskProductInput } from "./capital.js";
import type { ClaimVoteInput, CorruptionProductInput, GovernanceInput } from "./corruption.js";

/** Everything the risk report needs, read from one deployment. */
export interface ChainRiskInputs {
  block: { number: number; timestamp: number };
  model: RiskModelInput;
  claimVote: ClaimVoteInput;
  corruptionProducts: CorruptionProductInput[];
  governance: GovernanceInput;
  prices: Prices;
  /** Where the turnouts come from: observed on this chain (with the number of votes), or the assumption. */
  observed: {
    claimTurnout: { value: number; from: "chain" | "assumption"; votes: number };
    governanceTurnout: { value: number; from: "chain" | "assumption"; votes: number };
  };
  /** Claim vote parameters as read (for the report): claim deposit in ETH, reward share, quorum share. */
  claimDepositEth: number;
}

const num = (value: bigint, decimals: number): number => Number(value) / 10 ** decimals;
const obj = (result: Result): Record<string, unknown> => result.toObject(true) as Record<string, unknown>;
const big = (value: unknown): bigint => BigInt((value as bigint | number | undefined) ?? 0);

/** Options of {readRiskInputs}. */
export interface RiskReadOptions {
  assumptions?: Assumptions;
  prices?: Partial<Prices>;
  /**
   * Counts the covers running at this time (seconds) instead of the latest block's: a proposal simulation reads
   * the same book before and after, however far it moved the clock of its copy of the chain.
   */
  at?: number;
  /** Turnouts to use instead of observing them (a simulation keeps the ones read before its own votes). */
  observed?: ChainRiskInputs["observed"];
}

type ProductRead = RiskProductInput & { baseRateBps: bigint; surchargeBps: bigint };

/** Reads the model's, the corruption analysis's and the governance analysis's inputs from `chain`. */
export async function readRiskInputs(chain: Chain, options: RiskReadOptions = {}): Promise<ChainRiskInputs> {
  const a = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  const prices: Prices = {
    ...DEFAULT_PRICES,
    ...options.prices,
    assetsUsd: { ...DEFAULT_PRICES.assetsUsd, ...options.prices?.assetsUsd },
  };
  const latest = await chain.provider.getBlock("latest");
  if (!latest) throw new Error("The chain has no latest block");
  const pools = await readPools(reader(chain.provider, chain.deployment));
  const products = await readProducts(chain, pools);
  await addActiveCover(chain, pools, products, options.at ?? latest.timestamp);
  const model: RiskModelInput = {
    pools: pools.map((p) => ({
      name: p.name,
      symbol: p.symbol,
      capital: num(p.capital, p.assetDecimals),
      openLiabilities: num(p.openLiabilities, p.assetDecimals),
      capacityRatio: Number(p.capacityRatioBps) / 10_000,
    })),
    products: products.map(({ baseRateBps: _b, surchargeBps: _s, ...p }) => p),
  };
  const claims = await readClaimVote(chain, a, options.observed?.claimTurnout);
  const corruptionProducts: CorruptionProductInput[] = products.map((p) => {
    const pool = pools[p.pool];
    return {
      id: p.id,
      name: p.name,
      symbol: pool.symbol,
      assetPriceUsd: prices.assetsUsd[pool.symbol] ?? 1,
      poolCapital: num(pool.capital, pool.assetDecimals),
      capacityRatio: p.capacityRatio,
      assessorPot: num(pool.assessorRewardPot, pool.assetDecimals),
      parametric: p.parametric !== undefined,
    };
  });
  const governance = await readGovernance(
    chain,
    a,
    pools.map((p) => Number(p.withdrawalCooldown)),
    options.observed?.governanceTurnout,
  );
  return {
    block: { number: latest.number, timestamp: latest.timestamp },
    model,
    claimVote: claims.input,
    corruptionProducts,
    governance: governance.input,
    prices,
    observed: { claimTurnout: claims.turnout, governanceTurnout: governance.turnout },
    claimDepositEth: claims.depositEth,
  };
}

/** Every product of a known pool: its terms, its parametric rule, whether it is on sale (no cover yet). */
async function readProducts(chain: Chain, pools: PoolView[]): Promise<ProductRead[]> {
  const poolIndex = new Map(pools.map((p, i) => [p.address.toLowerCase(), i]));
  const productCount = Number(await readBigInt(chain, "CoverBook", "productCount"));
  const products: ProductRead[] = [];
  for (let id = 1; id <= productCount; id++) {
    const [raw] = await readContract(chain, "CoverBook", "product", [id]);
    const p = obj(raw as Result);
    const [name] = await readContract(chain, "CoverBook", "productName", [id]);
    const pool = poolIndex.get(String(p.pool).toLowerCase());
    if (pool === undefined) continue;
    const product: ProductRead = {
      id,
      name: String(name),
      pool,
      riskType: RISK_TYPES[Number(p.riskType)] ?? "Operational",
      activeCover: 0,
      annualPremium: 0,
      capacityRatio: Number(big(p.capacityRatioBps)) / 10_000,
      onSale: Boolean(p.active),
      baseRateBps: big(p.baseRateBps),
      surchargeBps: big(p.surchargeBps),
    };
    const isParametric = (await readContract(chain, "CoverBook", "isParametric", [id]))[0] as boolean;
    if (isParametric) {
      const [settings] = await readContract(chain, "CoverBook", "parametricSettings", [id]);
      const s = obj(settings as Result);
      const terms = s.terms as Record<string, unknown>;
      const reference = Number(big(terms.referencePrice));
      const trigger = Number(big(s.triggerPrice));
      product.parametric = {
        triggerDepth: reference > 0 ? Math.max(0, 1 - trigger / reference) : 0,
        payoutRule: PAYOUT_RULES[Number(terms.payoutRule)] ?? "Full",
      };
    }
    products.push(product);
  }
  return products;
}

/**
 * Active cover per product (the covers running at `at`, amount not yet paid out) and the premiums it brings the
 * underwriters in a year at today's rate (after the assessor and treasury shares).
 */
async function addActiveCover(chain: Chain, pools: PoolView[], products: ProductRead[], at: number) {
  const [assessorShareBps, treasuryShareBps] = (await readContract(chain, "CoverBook", "premiumShares")).map(
    big,
  );
  const underwriterShare = 1 - Number(assessorShareBps + treasuryShareBps) / 10_000;
  const coverCount = Number(await readBigInt(chain, "CoverBook", "coverCount"));
  const byId = new Map(products.map((p) => [p.id, p]));
  for (let id = 1; id <= coverCount; id++) {
    const [raw] = await readContract(chain, "CoverBook", "cover", [id]);
    const c = obj(raw as Result);
    if (Number(big(c.end)) <= at || Number(big(c.start)) > at) continue;
    const product = byId.get(Number(big(c.productId)));
    if (!product) continue;
    product.activeCover += num(big(c.amount) - big(c.paidOut), pools[product.pool].assetDecimals);
  }
  for (const product of products) {
    const pool = pools[product.pool];
    const rate = annualRateBps(
      product.baseRateBps,
      product.surchargeBps,
      pool.utilizationBps,
      pool.utilizationBps,
    );
    product.premiumRate = (Number(rate) * underwriterShare) / 10_000;
    product.annualPremium = product.activeCover * product.premiumRate;
  }
}

/** The claim vote's rules, the stake, and the turnout of finished claim votes (or `observed`). */
async function readClaimVote(
  chain: Chain,
  a: Assumptions,
  observed: ChainRiskInputs["observed"]["claimTurnout"] | undefined,
) {
  const claimParams = obj(await readContract(chain, "CoverClaims", "parameters").then((x) => x[0] as Result));
  const staking = obj(await readContract(chain, "StakingVault", "parameters"));
  const totalStake = num(await readBigInt(chain, "StakingVault", "totalStake"), 18);
  const maxQuorumBps = await readBigInt(chain, "CoverClaims", "MAX_QUORUM_BPS");
  let turnout = observed;
  if (!turnout) {
    const claims = await readClaims(chain.provider, chain.deployment, { limit: 200 });
    const finished = claims.claims.filter(
      (c) => !c.parametric && c.state !== "Voting" && c.stakedWeight > 0n,
    );
    turnout = {
      value: finished.length
        ? finished.reduce((s, c) => s + Number(c.yesWeight + c.noWeight) / Number(c.stakedWeight), 0) /
          finished.length
        : a.honestClaimTurnout,
      from: finished.length ? "chain" : "assumption",
      votes: finished.length,
    };
  }
  const input: ClaimVoteInput = {
    totalStake,
    quorumShare: Number(big(claimParams.quorumBps)) / 10_000,
    honestTurnout: turnout.value,
    maxSlashShare: Number(big(staking.maxSlashBps)) / 10_000,
    fraudDetection: a.fraudDetection,
    rewardShare: Number(big(claimParams.rewardBps)) / 10_000,
    maxQuorumShare: Number(maxQuorumBps) / 10_000,
  };
  return { input, turnout, depositEth: num(big(claimParams.claimDeposit), 18) };
}

/** The Governor's quorum and delays, the exit delays, and the turnout of finished proposals (or `observed`). */
async function readGovernance(
  chain: Chain,
  a: Assumptions,
  cooldowns: number[],
  observed: ChainRiskInputs["observed"]["governanceTurnout"] | undefined,
) {
  const supply = num(await readBigInt(chain, "GovernanceToken", "totalSupply"), 18);
  const numerator = await readBigInt(chain, "CoverGovernor", "quorumNumerator()");
  const denominator = await readBigInt(chain, "CoverGovernor", "quorumDenominator");
  const votingDelay = Number(await readBigInt(chain, "CoverGovernor", "votingDelay"));
  const votingPeriod = Number(await readBigInt(chain, "CoverGovernor", "votingPeriod"));
  const timelockDelay = Number(await readBigInt(chain, "CoverTimelock", "getMinDelay"));
  const riskDelays = await Promise.all(
    (["CoverBook", "CoverClaims", "WethPool", "StablecoinPool"] as const).map((name) =>
      readBigInt(chain, name, "riskChangeDelay"),
    ),
  );
  const turnout = observed ?? (await observeGovernanceTurnout(chain, a, supply));
  const input: GovernanceInput = {
    supply,
    quorumShare: Number(numerator) / Number(denominator),
    turnout: turnout.value,
    votingDelay,
    votingPeriod,
    timelockDelay,
    riskChangeDelay: Math.max(...riskDelays.map(Number)),
    withdrawalCooldown: Math.max(0, ...cooldowns),
  };
  return { input, turnout };
}

async function observeGovernanceTurnout(chain: Chain, a: Assumptions, supply: number) {
  const page = await readProposalsPage(chain.provider, chain.deployment, {
    pageSize: 100,
    states: ["Defeated", "Succeeded", "Queued", "Expired", "Executed"],
  });
  const turnouts = page.proposals.map(
    (p) => num(p.votes.for + p.votes.against + p.votes.abstain, 18) / Math.max(supply, 1e-18),
  );
  return {
    value: turnouts.length ? turnouts.reduce((s, x) => s + x, 0) / turnouts.length : a.governanceTurnout,
    from: turnouts.length ? ("chain" as const) : ("assumption" as const),
    votes: turnouts.length,
  };
}
