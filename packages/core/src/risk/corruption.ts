/**
 * Cost of corruption: what it takes to approve a fraudulent claim by vote, or to pass a malicious proposal,
 * against honest turnout, and whether underwriters can leave before a malicious change applies. Plain data in,
 * plain numbers out (token amounts in tokens, money in US dollars at the prices given), so it is testable
 * without a chain; {readRiskInputs} builds the input from chain state.
 *
 * Claim votes (CoverClaims): a claim is approved when yes + no reaches the quorum (a share of the total stake
 * at filing) and yes > no; weight is the stake at filing, so an attacker must hold the stake before filing,
 * and it stays locked until the claim is final, exposed to slashing (StakingVault, at most `maxSlashShare`
 * of a stake per slash window).
 */

/** The claim vote's rules and the observed turnout. */
export interface ClaimVoteInput {
  /** Total stake (claim-voting weight) at filing, in tokens. */
  totalStake: number;
  /** Quorum: share of the total stake that must vote (yes + no). */
  quorumShare: number;
  /** Share of the total stake that votes honestly (no) on a fraudulent claim. */
  honestTurnout: number;
  /** Largest share of a stake governance may slash per window. */
  maxSlashShare: number;
  /** Probability that a fraudulent approval is caught and its voters slashed. */
  fraudDetection: number;
  /** Most of the pool's assessor pot one claim pays its voters, as a share. */
  rewardShare: number;
  /** The highest quorum governance may set (the contract's bound), as a share; unknown: not checked. */
  maxQuorumShare?: number;
}

/** A product that can be claimed against. */
export interface CorruptionProductInput {
  id: number;
  name: string;
  /** Pool asset symbol and price (US dollars a unit). */
  symbol: string;
  assetPriceUsd: number;
  /** Pool capital and the product's capacity ratio (share): the most cover the product can have. */
  poolCapital: number;
  capacityRatio: number;
  /** The pool's assessor-reward pot, in the asset. */
  assessorPot: number;
  /** Parametric products are approved by their price feed, not by vote. */
  parametric: boolean;
}

/** One product's corruption figures. */
export interface ClaimCorruption {
  id: number;
  name: string;
  /** Approved by the price feed, not by vote: the vote figures do not apply (oracle risk instead). */
  byFeed: boolean;
  /** The largest claim the product could approve: its capacity (capped at the pool's capital), in the asset and in dollars. */
  largestClaim: number;
  largestClaimUsd: number;
  /** Fresh stake an attacker must add before filing (tokens), and its share of the stake at filing. */
  stakeNeeded: number;
  stakeShare: number;
  /** What that stake costs at the token price (US dollars). */
  stakeCostUsd: number;
  /** What the attacker expects to lose to slashing (detection × slash bound × stake cost). */
  expectedSlashUsd: number;
  /** Stake cost over the largest claim: below 1, buying the vote costs less than the claim pays. */
  corruptionMargin: number;
  /** Expected slash over the largest claim: below 1, an attacker who resells the stake expects a profit. */
  slashMargin: number;
}

/**
 * Fresh stake an attacker must add before filing to win a claim vote, on top of the `totalStake` already
 * staked (of which `honestTurnout` votes no): more than the honest no-votes (A > hS), and yes + no at the
 * quorum of the stake at filing, which includes the attacker's (A + hS ≥ q(S + A), so A ≥ (q − h)S / (1 − q)).
 */
export function stakeToApprove(vote: ClaimVoteInput): number {
  const h = vote.honestTurnout;
  const q = vote.quorumShare;
  return Math.max(h, Math.max(0, q - h) / (1 - q)) * vote.totalStake;
}

/** Per product: the stake, its cost and the corruption margins. */
export function claimCorruption(
  vote: ClaimVoteInput,
  products: readonly CorruptionProductInput[],
  tokenPriceUsd: number,
): ClaimCorruption[] {
  const stakeNeeded = stakeToApprove(vote);
  const stakeCostUsd = stakeNeeded * tokenPriceUsd;
  const expectedSlashUsd = vote.fraudDetection * vote.maxSlashShare * stakeCostUsd;
  return products.map((p) => {
    const largestClaim = Math.min(p.poolCapital, p.poolCapital * p.capacityRatio);
    const largestClaimUsd = largestClaim * p.assetPriceUsd;
    const ratio = (x: number) => (largestClaimUsd > 0 ? x / largestClaimUsd : Number.POSITIVE_INFINITY);
    return {
      id: p.id,
      name: p.name,
      byFeed: p.parametric,
      largestClaim,
      largestClaimUsd,
      stakeNeeded,
      stakeShare: stakeNeeded > 0 ? stakeNeeded / (vote.totalStake + stakeNeeded) : 0,
      stakeCostUsd,
      expectedSlashUsd,
      corruptionMargin: ratio(stakeCostUsd),
      slashMargin: ratio(expectedSlashUsd),
    };
  });
}

/** Governance rules and delays, in seconds. */
export interface GovernanceInput {
  /** Voting supply (tokens) and the quorum as a share of it. */
  supply: number;
  quorumShare: number;
  /** Share of the supply that votes against a malicious proposal. */
  turnout: number;
  votingDelay: number;
  votingPeriod: number;
  timelockDelay: number;
  /** Extra delay of a risk-raising change (exit before risk). */
  riskChangeDelay: number;
  /** Longest withdrawal cooldown of the pools: how long an underwriter who asks to leave waits. */
  withdrawalCooldown: number;
}

export interface GovernanceCorruption {
  votesNeeded: number;
  votesShare: number;
  costUsd: number;
  /** From a proposal's creation to the earliest time its change applies, for a change that does not raise risk. */
  secondsToApply: number;
  /** The same for a risk-raising change (capacity, products, periods, triggers, claim quorum, exits). */
  secondsToApplyRiskChange: number;
  /** Whether an underwriter who asks to leave when the proposal appears is out before the change applies. */
  canExitBeforeChange: boolean;
  canExitBeforeRiskChange: boolean;
}

/** Votes needed to pass a malicious proposal (for > against, for at the quorum), and the exit race. */
export function governanceCorruption(g: GovernanceInput, tokenPriceUsd: number): GovernanceCorruption {
  const share = Math.max(g.turnout, g.quorumShare);
  const votesNeeded = share * g.supply;
  const secondsToApply = g.votingDelay + g.votingPeriod + g.timelockDelay;
  const secondsToApplyRiskChange = secondsToApply + g.riskChangeDelay;
  return {
    votesNeeded,
    votesShare: share,
    costUsd: votesNeeded * tokenPriceUsd,
    secondsToApply,
    secondsToApplyRiskChange,
    canExitBeforeChange: secondsToApply >= g.withdrawalCooldown,
    canExitBeforeRiskChange: secondsToApplyRiskChange >= g.withdrawalCooldown,
  };
}

/** One row of the assessor payoff table. */
export interface PayoffRow {
  strategy: string;
  probability: number;
  /** Payoff of the assessor in US dollars (rewards and share of the stolen claim minus slashing). */
  payoffUsd: number;
}

/**
 * An assessor holding `stakeShare` of the total stake: payoff of voting honestly against colluding on a
 * fraudulent claim of `claimUsd` (the colluders split it in proportion to the stake the attack needs).
 */
export function assessorPayoffs(
  vote: ClaimVoteInput,
  o: { stakeShare: number; tokenPriceUsd: number; claimUsd: number; assessorPotUsd: number },
): PayoffRow[] {
  const stakeUsd = o.stakeShare * vote.totalStake * o.tokenPriceUsd;
  const voters = Math.max(vote.honestTurnout, o.stakeShare);
  const reward = vote.rewardShare * o.assessorPotUsd * (o.stakeShare / voters);
  const attackShare = vote.totalStake > 0 ? stakeToApprove(vote) / vote.totalStake : 0;
  const loot = attackShare > 0 ? o.claimUsd * Math.min(1, o.stakeShare / attackShare) : 0;
  const slash = vote.maxSlashShare * stakeUsd;
  const d = vote.fraudDetection;
  return [
    { strategy: "honest: vote no, earn the reward", probability: 1, payoffUsd: reward },
    {
      strategy: "collude, not caught: share of the claim + reward",
      probability: 1 - d,
      payoffUsd: loot + reward,
    },
    { strategy: "collude, caught: stake slashed, claim reversed", probability: d, payoffUsd: -slash },
    { strategy: "collude, expected", probability: 1, payoffUsd: (1 - d) * (loot + reward) - d * slash },
  ];
}

/** What brings one product's corruption margin to 1: each lever alone, the others as they are. */
export interface MarginRemedies {
  /** Claim quorum (share of the stake) that makes the stake cost reach the largest claim; undefined if none can. */
  quorumShare?: number;
  /** Whether that quorum is within the contract's bound (undefined when the bound is unknown). */
  quorumAllowed?: boolean;
  /** Existing stake (tokens) needed at the same honest turnout share. */
  totalStake: number;
  /** Token price (US dollars) at which the stake cost reaches the largest claim. */
  tokenPriceUsd: number;
  /** Capacity ratio of the product (share of the pool's capital) that brings the largest claim down to the stake cost. */
  capacityRatio: number;
}

/**
 * The levers a risk committee holds on a product whose corruption margin is below 1, each computed alone: the
 * claim quorum (the attacker's stake A ≥ (q − h)S / (1 − q) solved for q with A the largest claim in tokens),
 * the existing stake (A grows in proportion to S), the token price, and the product's capacity ratio.
 */
export function marginRemedies(
  vote: ClaimVoteInput,
  product: ClaimCorruption,
  capacityRatio: number,
  tokenPriceUsd: number,
): MarginRemedies {
  const margin = product.corruptionMargin;
  const tokensNeeded = tokenPriceUsd > 0 ? product.largestClaimUsd / tokenPriceUsd : Number.POSITIVE_INFINITY;
  const x = vote.totalStake > 0 ? tokensNeeded / vote.totalStake : Number.POSITIVE_INFINITY;
  const q = Number.isFinite(x) ? (x + vote.honestTurnout) / (1 + x) : undefined;
  const quorumShare = q !== undefined && q < 1 ? q : undefined;
  return {
    quorumShare,
    quorumAllowed:
      quorumShare === undefined || vote.maxQuorumShare === undefined
        ? undefined
        : quorumShare <= vote.maxQuorumShare,
    totalStake: margin > 0 ? vote.totalStake / margin : Number.POSITIVE_INFINITY,
    tokenPriceUsd: margin > 0 ? tokenPriceUsd / margin : Number.POSITIVE_INFINITY,
    capacityRatio: capacityRatio * margin,
  };
}
