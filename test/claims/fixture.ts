/**
 * Shared setup of the claims tests: the whole DAO deployed by its Ignition modules (governance, pools,
 * covers, claims; local tokens and the local depeg feed), assessors with stake, capital in both pools and
 * two covers held by `holder`: a smart-contract cover on WETH (assessed) and a depeg cover on the
 * stablecoin (parametric). The Timelock is impersonated for direct governance calls in unit tests; the
 * integration test goes through the Governor instead.
 */
import { type Signer, parseEther, parseUnits } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { DAY, daoWithVoters } from "../helpers/dao.js";

export { DAY, HOUR } from "../helpers/dao.js";

/** Default products added by the Pool module. */
export const PRODUCT = { WETH_SMART_CONTRACT: 1n, STABLE_DEPEG: 2n } as const;
export const USD = (value: string | number) => parseUnits(String(value), 6);
/** Feed answers have 8 decimals; the depeg product triggers at 0.995 and recovers at 0.999 (Etherisc-like). */
export const PRICE = (value: string | number) => parseUnits(String(value), 8);

/** Ids of the covers the fixture buys. */
export const COVER = { WETH: 1n, DEPEG: 2n } as const;
export const WETH_COVER_AMOUNT = parseEther("50");
export const DEPEG_COVER_AMOUNT = USD(100_000);
export const COVER_PERIOD = 90n * 24n * 3600n;
export const DEPEG_PERIOD = 30n * 24n * 3600n;

type Account = Signer & { address: string };

export async function claimsFixture(connection: NetworkConnection) {
  const { ethers, networkHelpers } = connection;
  const dao = await daoWithVoters(connection);
  const c = dao.contracts;
  const signers = await ethers.getSigners();
  const [underwriter, holder, buyer] = signers.slice(7, 10) as Account[];

  // Assessors: Alice 500k staked by the DAO fixture; Bob 200k, Carol 100k, Dave 5k.
  const stakingAddress = await c.StakingVault.getAddress();
  for (const [voter, amount] of [
    [dao.bob, "200000"],
    [dao.carol, "100000"],
    [dao.dave, "5000"],
  ] as const) {
    await (await c.GovernanceToken.connect(voter).approve(stakingAddress, parseEther(amount))).wait();
    await (await c.StakingVault.connect(voter).stake(parseEther(amount))).wait();
  }

  // Capital, then covers bought by `holder`.
  const coverBook = await c.CoverBook.getAddress();
  await (await c.WETH.connect(underwriter).deposit({ value: parseEther("2000") })).wait();
  await (await c.WETH.connect(underwriter).approve(await c.WethPool.getAddress(), ethers.MaxUint256)).wait();
  await (await c.WethPool.connect(underwriter).deposit(parseEther("1000"), underwriter.address)).wait();
  await (await c.Stablecoin.connect(underwriter).mint(underwriter.address, USD(1_000_000))).wait();
  await (
    await c.Stablecoin.connect(underwriter).approve(await c.StablecoinPool.getAddress(), ethers.MaxUint256)
  ).wait();
  await (await c.StablecoinPool.connect(underwriter).deposit(USD(1_000_000), underwriter.address)).wait();
  for (const account of [holder, buyer]) {
    await (await c.WETH.connect(account).deposit({ value: parseEther("100") })).wait();
    await (await c.WETH.connect(account).approve(coverBook, ethers.MaxUint256)).wait();
    await (await c.Stablecoin.connect(account).mint(account.address, USD(100_000))).wait();
    await (await c.Stablecoin.connect(account).approve(coverBook, ethers.MaxUint256)).wait();
  }
  await (
    await c.CoverBook.connect(holder).buyCover(
      PRODUCT.WETH_SMART_CONTRACT,
      WETH_COVER_AMOUNT,
      COVER_PERIOD,
      parseEther("10"),
    )
  ).wait();
  await (
    await c.CoverBook.connect(holder).buyCover(
      PRODUCT.STABLE_DEPEG,
      DEPEG_COVER_AMOUNT,
      DEPEG_PERIOD,
      USD(10_000),
    )
  ).wait();

  const timelockAddress = await c.CoverTimelock.getAddress();
  await networkHelpers.impersonateAccount(timelockAddress);
  await networkHelpers.setBalance(timelockAddress, parseEther("100"));
  const timelock = (await ethers.getSigner(timelockAddress)) as Account;
  await networkHelpers.mine();

  const params = await c.CoverClaims.parameters();
  const { terms } = await c.CoverBook.parametricSettings(PRODUCT.STABLE_DEPEG);
  return { ...dao, c, underwriter, holder, buyer, timelock, params, terms };
}

export type ClaimsFixture = Awaited<ReturnType<typeof claimsFixture>>;

/** Files an assessed claim of `amount` on the WETH cover as `holder`; returns its id. */
export async function fileClaim(
  f: ClaimsFixture,
  amount = parseEther("20"),
  evidence = "ipfs://bafy-incident-report",
): Promise<bigint> {
  await (
    await f.c.CoverClaims.connect(f.holder).submitClaim(COVER.WETH, amount, evidence, {
      value: f.params.claimDeposit,
    })
  ).wait();
  return f.c.CoverClaims.claimCount();
}

/** Moves time to `timestamp` (a bigint or number of seconds). */
export async function timeTo(connection: NetworkConnection, timestamp: bigint | number): Promise<void> {
  await connection.networkHelpers.time.increaseTo(BigInt(timestamp));
}

/** The claim's view struct. */
export async function view(f: ClaimsFixture, claimId: bigint) {
  return f.c.CoverClaims.claim(claimId);
}

export const ONE_DAY = BigInt(DAY);

/** Posts `price` (a decimal string) on the depeg feed at `at` (a timestamp, later than the last block); its round id. */
export async function postAt(
  f: ClaimsFixture,
  connection: NetworkConnection,
  price: string,
  at: bigint,
): Promise<bigint> {
  await connection.networkHelpers.time.setNextBlockTimestamp(at);
  await (await f.c.DepegFeed.setAnswer(PRICE(price))).wait();
  return (await f.c.DepegFeed.latestRoundData()).roundId;
}

/**
 * A fall on the depeg feed after the depeg cover's waiting period: a round at the peg, then `prices` one every
 * `spacing` seconds (the first is the trigger round when at or below 0.995). Returns the round ids of `prices`.
 */
export async function fall(
  f: ClaimsFixture,
  connection: NetworkConnection,
  prices: string[],
  spacing = 6n * 3600n,
): Promise<bigint[]> {
  const { start } = await f.c.CoverBook.cover(COVER.DEPEG);
  let at = start + f.terms.waitingPeriod + 60n;
  const latest = BigInt(await connection.networkHelpers.time.latest());
  if (at <= latest) at = latest + 1n;
  await postAt(f, connection, "1", at);
  const ids: bigint[] = [];
  for (const price of prices) {
    at += spacing;
    ids.push(await postAt(f, connection, price, at));
  }
  return ids;
}
