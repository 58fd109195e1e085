/** The capital pools: one CapitalPool per asset, each its own deployment. */
export const POOL_NAMES = ["WethPool", "StablecoinPool"] as const;
export type PoolName = (typeof POOL_NAMES)[number];
