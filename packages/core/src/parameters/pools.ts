/**
 * The pool family: the parameters of each capital pool deployment (`WethPool`, `StablecoinPool`).
 */
import type { PoolName } from "../domain/pools.js";
import { DURATION, type ParameterSpec, constant } from "./types.js";

export const POOL_LABELS: Record<PoolName, string> = {
  WethPool: "WETH pool",
  StablecoinPool: "Stablecoin pool",
};

export const poolParameters = (pool: PoolName): ParameterSpec[] => [
  {
    key: `pool.${pool}.capacityRatio`,
    family: "pool",
    label: `${POOL_LABELS[pool]}: capacity ratio (largest active cover / capital)`,
    contract: pool,
    getter: { function: "parameters", output: "capacityRatioBps" },
    setters: [{ function: "setCapacityRatio", arg: "newRatioBps" }],
    unit: { kind: "bps" },
    bounds: { min: constant("MIN_CAPACITY_RATIO_BPS"), max: constant("MAX_CAPACITY_RATIO_BPS") },
  },
  {
    key: `pool.${pool}.withdrawalCooldown`,
    family: "pool",
    label: `${POOL_LABELS[pool]}: withdrawal cooldown`,
    contract: pool,
    getter: { function: "parameters", output: "cooldown" },
    setters: [{ function: "setWithdrawalCooldown", arg: "newCooldown" }],
    unit: DURATION,
    bounds: { min: constant("MIN_COOLDOWN"), max: constant("MAX_COOLDOWN") },
  },
  {
    key: `pool.${pool}.withdrawalWindow`,
    family: "pool",
    label: `${POOL_LABELS[pool]}: withdrawal window`,
    contract: pool,
    getter: { function: "parameters", output: "window" },
    setters: [{ function: "setWithdrawalWindow", arg: "newWindow" }],
    unit: DURATION,
    bounds: { min: constant("MIN_WINDOW"), max: constant("MAX_WINDOW") },
  },
];
