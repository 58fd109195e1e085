/**
 * The cover page's reads: the pools, the cover book's products (one Multicall round trip for all of them) and
 * the covers an account bought (its `CoverBought` events).
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
  riskTypeLabel,
} from "@coverdao/core";
import { CoverBook__factory } from "../../../../types/ethers-contracts/index.js";

const bookInterface = CoverBook__factory.createInterface();

export interface ProductRow {
  id: bigint;
  name: string;
  riskType: string;
  pool?: PoolView;
  baseRateBps: bigint;
  surchargeBps: bigint;
  active: boolean;
  minPeriod: bigint;
  maxPeriod: bigint;
  available: bigint;
  parametric: boolean;
}

export interface BoughtCover {
  id: bigint;
  productId: bigint;
  amount: bigint;
  end: bigint;
  premium: bigint;
}

export async function readCatalogue(
  provider: Provider,
  deployment: Deployment,
  account: string | undefined,
): Promise<{ pools: PoolView[]; products: ProductRow[]; covers: BoughtCover[] }> {
  const r = reader(provider, deployment);
  const book = deployment.contracts.CoverBook;
  const [pools, count] = await Promise.all([
    readPools(r),
    readMany(r, [readCall(bookInterface, book, "productCount")]),
  ]);
  const products = await readProducts(r, book, pools, Number(count[0]?.[0] ?? 0n));
  const covers = account ? await readCovers(provider, deployment, account) : [];
  return { pools, products, covers };
}

async function readProducts(r: Reader, book: string, pools: PoolView[], n: number): Promise<ProductRow[]> {
  const ids = Array.from({ length: n }, (_, i) => BigInt(i + 1));
  const res = await readMany(
    r,
    ids.flatMap((id) => [
      readCall(bookInterface, book, "product", [id]),
      readCall(bookInterface, book, "productName", [id]),
      readCall(bookInterface, book, "availableCapacity", [id]),
      readCall(bookInterface, book, "isParametric", [id]),
    ]),
  );
  return ids.map((id, i) => {
    const p = res[i * 4]?.[0] as
      | {
          pool: string;
          riskType: bigint;
          baseRateBps: bigint;
          surchargeBps: bigint;
          active: boolean;
          minPeriod: bigint;
          maxPeriod: bigint;
        }
      | undefined;
    return {
      id,
      name: String(res[i * 4 + 1]?.[0] ?? `Product ${id}`),
      riskType: riskTypeLabel(p?.riskType ?? 0n),
      pool: pools.find((pool) => pool.address.toLowerCase() === String(p?.pool).toLowerCase()),
      baseRateBps: BigInt(p?.baseRateBps ?? 0n),
      surchargeBps: BigInt(p?.surchargeBps ?? 0n),
      active: Boolean(p?.active),
      minPeriod: BigInt(p?.minPeriod ?? 0n),
      maxPeriod: BigInt(p?.maxPeriod ?? 0n),
      available: BigInt(res[i * 4 + 2]?.[0] ?? 0n),
      parametric: Boolean(res[i * 4 + 3]?.[0]),
    };
  });
}

async function readCovers(
  provider: Provider,
  deployment: Deployment,
  account: string,
): Promise<BoughtCover[]> {
  const bookContract = CoverBook__factory.connect(deployment.contracts.CoverBook, provider);
  const logs = await bookContract.queryFilter(
    bookContract.filters.CoverBought(undefined, undefined, account),
    deployment.startBlock,
  );
  return logs.map((l) => ({
    id: l.args.coverId,
    productId: l.args.productId,
    amount: l.args.amount,
    end: BigInt(l.args.end),
    premium: l.args.premium,
  }));
}
