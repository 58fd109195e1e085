/**
 * Pool state readers for the CLI, the scripts and the UI: capital, active cover, open liabilities,
 * utilization, earned and unearned premium, the assessor-reward pot, shortfalls and pending withdrawals, in one
 * typed snapshot; and what a withdrawal brings (see docs/liabilities.md).
 */
import type { CapitalPool } from "../../../../types/ethers-contracts/index.js";
import { BPS } from "./pricing.js";

export interface PoolSnapshot {
  address: string;
  asset: string;
  /** Decimals of the asset and of the shares (asset decimals + the virtual-share offset). */
  assetDecimals: number;
  shareDecimals: number;
  /** Capital: what all shares are worth (ERC-4626 `totalAssets`), net of open liabilities. */
  capital: bigint;
  activeCover: bigint;
  /** Capital that withdrawals may take now (net of open liabilities and of what active cover requires). */
  freeCapital: bigint;
  /** Claims filed and not yet paid, denied or expired: already deducted from `capital` (docs/liabilities.md). */
  openLiabilities: bigint;
  /** Active cover over capital, in basis points. */
  utilizationBps: bigint;
  /** The largest utilization the pool accepts, in basis points. */
  capacityRatioBps: bigint;
  /** Cover the pool could still back at its own capacity ratio (products may allow less). */
  remainingCapacity: bigint;
  unearnedPremium: bigint;
  premiumsReceived: bigint;
  premiumsEarned: bigint;
  assessorRewardPot: bigint;
  totalShortfall: bigint;
  totalShares: bigint;
  /** Shares escrowed by pending withdrawal requests, and what they are worth now. */
  pendingWithdrawalShares: bigint;
  pendingWithdrawalAssets: bigint;
  /** Withdrawal cooldown and window, in seconds. */
  withdrawalCooldown: bigint;
  withdrawalWindow: bigint;
}

/** Reads a pool's books as of the latest block. */
export async function readPoolState(pool: CapitalPool): Promise<PoolSnapshot> {
  const [address, asset, shareDecimals, state, totalShares, parameters] = await Promise.all([
    pool.getAddress(),
    pool.asset(),
    pool.decimals(),
    pool.poolState(),
    pool.totalSupply(),
    pool.parameters(),
  ]);
  const offset = await pool.DECIMALS_OFFSET();
  const pendingWithdrawalAssets = await pool.convertToAssets(state.pendingWithdrawalShares);
  const capacity = (state.capital * state.capacityRatioBps) / BPS;
  return {
    address,
    asset,
    assetDecimals: Number(shareDecimals) - Number(offset),
    shareDecimals: Number(shareDecimals),
    capital: state.capital,
    activeCover: state.activeCover,
    freeCapital: state.freeCapital,
    openLiabilities: state.openLiabilities,
    utilizationBps: state.utilizationBps,
    capacityRatioBps: state.capacityRatioBps,
    remainingCapacity: capacity > state.activeCover ? capacity - state.activeCover : 0n,
    unearnedPremium: state.unearnedPremium,
    premiumsReceived: state.premiumsReceived,
    premiumsEarned: state.premiumsEarned,
    assessorRewardPot: state.assessorRewardPot,
    totalShortfall: state.totalShortfall,
    totalShares,
    pendingWithdrawalShares: state.pendingWithdrawalShares,
    pendingWithdrawalAssets,
    withdrawalCooldown: parameters.cooldown,
    withdrawalWindow: parameters.window,
  };
}

export type WithdrawalStatus = "none" | "cooling-down" | "ready" | "lapsed";

export interface WithdrawalView {
  status: WithdrawalStatus;
  shares: bigint;
  /** What the escrowed shares are worth now, net of open liabilities. */
  assets: bigint;
  readyAt: bigint;
  expiresAt: bigint;
  /** What the shares were worth at the request: the most the withdrawal can bring. */
  valueAtRequest: bigint;
  /** What completing now pays (zero outside the window), and at `readyAt` if nothing but time passes. */
  payableNow: bigint;
  payableAtReady: bigint;
}

/** The withdrawal request of `owner`, with its status at `now` (seconds; default: the latest block's time). */
export async function readWithdrawal(
  pool: CapitalPool,
  owner: string,
  now?: bigint,
): Promise<WithdrawalView> {
  const [request, quote] = await Promise.all([pool.withdrawalRequest(owner), pool.withdrawalQuote(owner)]);
  let time = now;
  if (time === undefined) {
    const block = await pool.runner?.provider?.getBlock("latest");
    time = BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
  }
  const assets = request.shares === 0n ? 0n : await pool.convertToAssets(request.shares);
  let status: WithdrawalStatus = "none";
  if (request.shares !== 0n) {
    if (time < request.readyAt) status = "cooling-down";
    else if (time < request.expiresAt) status = "ready";
    else status = "lapsed";
  }
  return {
    status,
    shares: request.shares,
    assets,
    readyAt: request.readyAt,
    expiresAt: request.expiresAt,
    valueAtRequest: request.assets,
    payableNow: request.shares === 0n ? 0n : quote.payableNow,
    payableAtReady: request.shares === 0n ? 0n : quote.payableAtReady,
  };
}
