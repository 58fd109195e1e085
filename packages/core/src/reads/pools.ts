/**
 * The capital pools' state, in one batch.
 */
import type { Result } from "ethers";
import { CapitalPool__factory, IERC20Metadata__factory } from "../../../../types/ethers-contracts/index.js";
import { type Reader, readCall, readMany } from "../rpc/batch.js";
import { POOL_NAMES, type PoolName } from "../domain/pools.js";
import type { PoolSnapshot } from "../pool/pool.js";

export interface PoolView extends Omit<PoolSnapshot, "pendingWithdrawalAssets"> {
  name: PoolName;
  /** The asset's ERC-20 symbol. */
  symbol: string;
}

const poolInterface = CapitalPool__factory.createInterface();
const erc20Interface = IERC20Metadata__factory.createInterface();

export const toObject = (result: Result | undefined): Record<string, unknown> =>
  result ? (result.toObject(true) as Record<string, unknown>) : {};

/** Both pools' books in two round trips (the second reads the assets' symbols). */
export async function readPools(r: Reader): Promise<PoolView[]> {
  const fns = ["asset", "decimals", "DECIMALS_OFFSET", "poolState", "totalSupply", "parameters"] as const;
  const calls = POOL_NAMES.flatMap((name) =>
    fns.map((fn) => readCall(poolInterface, r.deployment.contracts[name], fn)),
  );
  const results = await readMany(r, calls);
  const assets = POOL_NAMES.map((_, i) => String(results[i * fns.length]?.[0] ?? ""));
  const symbols = await readMany(
    r,
    assets.map((asset) => readCall(erc20Interface, asset, "symbol")),
  );
  return POOL_NAMES.map((name, i) => {
    const at = (k: number) => results[i * fns.length + k];
    const state = toObject(at(3)?.[0] as Result | undefined);
    const params = toObject(at(5));
    const big = (value: unknown): bigint => BigInt((value as bigint | undefined) ?? 0n);
    const capital = big(state.capital);
    const activeCover = big(state.activeCover);
    const capacityRatioBps = big(state.capacityRatioBps);
    const capacity = (capital * capacityRatioBps) / 10_000n;
    const shareDecimals = Number(at(1)?.[0] ?? 0n);
    return {
      name,
      symbol: String(symbols[i]?.[0] ?? name),
      address: r.deployment.contracts[name],
      asset: assets[i],
      assetDecimals: shareDecimals - Number(at(2)?.[0] ?? 0n),
      shareDecimals,
      capital,
      activeCover,
      freeCapital: big(state.freeCapital),
      openLiabilities: big(state.openLiabilities),
      utilizationBps: big(state.utilizationBps),
      capacityRatioBps,
      remainingCapacity: capacity > activeCover ? capacity - activeCover : 0n,
      unearnedPremium: big(state.unearnedPremium),
      premiumsReceived: big(state.premiumsReceived),
      premiumsEarned: big(state.premiumsEarned),
      assessorRewardPot: big(state.assessorRewardPot),
      totalShortfall: big(state.totalShortfall),
      totalShares: BigInt(at(4)?.[0] ?? 0n),
      pendingWithdrawalShares: big(state.pendingWithdrawalShares),
      withdrawalCooldown: big(params.cooldown),
      withdrawalWindow: big(params.window),
    };
  });
}
