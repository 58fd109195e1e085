/**
 * Shared setup of the pool and cover tests: the whole DAO deployed by its Ignition module (local tokens,
 * default products, roles), the Timelock impersonated for governance calls, a claims-module stand-in holding
 * CLAIMS_ROLE and set as the cover book's claims module (so it can call `payout`), and funded underwriters
 * and buyers.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { parseEther, parseUnits } from "ethers";

import { deployCoverDAO } from "@coverdao/core/deploy";

export const DAY = 24n * 60n * 60n;
export const ROLE = { ADMIN: 0n, GUARDIAN: 1n, CLAIMS: 2n } as const;
/** Default products added by the Pool module. */
export const PRODUCT = { WETH_SMART_CONTRACT: 1n, STABLE_DEPEG: 2n } as const;
export const USD = (value: string | number) => parseUnits(String(value), 6);

export async function poolFixture(connection: NetworkConnection) {
  const { ethers, networkHelpers } = connection;
  const dao = await deployCoverDAO(connection);
  const [deployer, guardian, alice, bob, carol, claims, attacker] = await ethers.getSigners();
  const c = dao.contracts;

  const timelockAddress = await c.CoverTimelock.getAddress();
  await networkHelpers.impersonateAccount(timelockAddress);
  await networkHelpers.setBalance(timelockAddress, parseEther("100"));
  const timelock = await ethers.getSigner(timelockAddress);
  await c.DAOAccessManager.connect(timelock).grantRole(ROLE.CLAIMS, claims.address, 0);
  await c.CoverBook.connect(timelock).setClaimsModule(claims.address);

  const wethPool = await c.WethPool.getAddress();
  const stablePool = await c.StablecoinPool.getAddress();
  const coverBook = await c.CoverBook.getAddress();
  for (const user of [alice, bob, carol, attacker]) {
    await c.WETH.connect(user).deposit({ value: parseEther("1000") });
    await c.WETH.connect(user).approve(wethPool, ethers.MaxUint256);
    await c.WETH.connect(user).approve(coverBook, ethers.MaxUint256);
    await c.Stablecoin.connect(user).mint(user.address, USD(1_000_000));
    await c.Stablecoin.connect(user).approve(stablePool, ethers.MaxUint256);
    await c.Stablecoin.connect(user).approve(coverBook, ethers.MaxUint256);
  }
  return { ...dao, c, deployer, guardian, alice, bob, carol, claims, attacker, timelock };
}

/** Latest block time. */
export async function now(connection: NetworkConnection): Promise<bigint> {
  return BigInt(await connection.networkHelpers.time.latest());
}
