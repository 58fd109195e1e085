/**
 * The pools and, for an account, its position in each: asset balance and allowance, shares and their value,
 * the withdrawal request and its quote. Two Multicall round trips for the positions, whatever the pools.
 */
import type { Provider } from "ethers";

import {
  type Deployment,
  type PoolView,
  type Reader,
  readCall,
  readMany,
  readPools,
  reader,
} from "@coverdao/core";
import { CapitalPool__factory } from "../../../../types/ethers-contracts/index.js";
import { erc20Interface } from "../../lib/erc20";

const poolInterface = CapitalPool__factory.createInterface();

export interface Position {
  assetBalance: bigint;
  allowance: bigint;
  shares: bigint;
  value: bigint;
  request: { shares: bigint; readyAt: bigint; expiresAt: bigint };
  /** What the request brings now and at its earliest completion; without a request, a request of every share. */
  quote: { valueAtRequest: bigint; payableNow: bigint; payableAtReady: bigint; readyAt: bigint };
}

export async function readPoolsAndPositions(
  provider: Provider,
  deployment: Deployment,
  account: string | undefined,
): Promise<{ pools: PoolView[]; positions: Position[]; timestamp: bigint }> {
  const r = reader(provider, deployment);
  const pools = await readPools(r);
  const block = await provider.getBlock("latest");
  const positions = account ? await readPositions(r, pools, account) : [];
  return { pools, positions, timestamp: BigInt(block?.timestamp ?? 0) };
}

async function readPositions(r: Reader, pools: PoolView[], a: string): Promise<Position[]> {
  const calls = pools.flatMap((p) => [
    readCall(erc20Interface, p.asset, "balanceOf", [a]),
    readCall(erc20Interface, p.asset, "allowance", [a, p.address]),
    readCall(poolInterface, p.address, "balanceOf", [a]),
    readCall(poolInterface, p.address, "withdrawalRequest", [a]),
    readCall(poolInterface, p.address, "withdrawalQuote", [a]),
  ]);
  const res = await readMany(r, calls);
  const per = 5;
  const shares = pools.map((_, i) => BigInt(res[i * per + 2]?.[0] ?? 0n));
  const values = await readMany(
    r,
    pools.map((p, i) => readCall(poolInterface, p.address, "convertToAssets", [shares[i]])),
  );
  return pools.map((_, i) => {
    const request = res[i * per + 3]?.[0] as
      { shares: bigint; readyAt: bigint; expiresAt: bigint } | undefined;
    const quote = res[i * per + 4]?.[0] as
      { valueAtRequest: bigint; payableNow: bigint; payableAtReady: bigint; readyAt: bigint } | undefined;
    return {
      assetBalance: BigInt(res[i * per]?.[0] ?? 0n),
      allowance: BigInt(res[i * per + 1]?.[0] ?? 0n),
      shares: shares[i],
      value: BigInt(values[i]?.[0] ?? 0n),
      request: {
        shares: BigInt(request?.shares ?? 0n),
        readyAt: BigInt(request?.readyAt ?? 0n),
        expiresAt: BigInt(request?.expiresAt ?? 0n),
      },
      quote: {
        valueAtRequest: BigInt(quote?.valueAtRequest ?? 0n),
        payableNow: BigInt(quote?.payableNow ?? 0n),
        payableAtReady: BigInt(quote?.payableAtReady ?? 0n),
        readyAt: BigInt(quote?.readyAt ?? 0n),
      },
    };
  });
}
