/**
 * Gas of the claims user actions on a fresh DAO: file an assessed claim, vote (an assessor's first vote ever,
 * and a returning assessor's vote), redeem an approved claim, file a parametric claim and redeem it.
 *
 * `redeemPayout` includes `CoverBook.payout` and `CapitalPool.payClaim` (each checks its caller against the
 * address governance set, one storage read each; the pool's books; the WETH transfer) plus the ETH deposit
 * refund; most of its gas is spent in the pool path.
 */
import { parseEther, parseUnits } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { deployCoverDAO } from "@coverdao/core/deploy";
import { type GasEntries, type GasScenario, type LocalDAOContracts, gasOf } from "@coverdao/core/node";

const DAY = 86_400n;
const USD = (value: string) => parseUnits(value, 6);

async function measure(connection: NetworkConnection): Promise<GasEntries> {
  const deployed = await deployCoverDAO(connection);
  const [, , alice, bob, underwriter, holder] = await connection.ethers.getSigners();
  await setUp(connection, deployed.contracts, { alice, bob, underwriter, holder });
  const gas: GasEntries = {};
  await measureAssessed(connection, deployed.contracts, { alice, bob, holder }, gas);
  await measureParametric(connection, deployed.contracts, holder, gas);
  return gas;
}

type Contracts = LocalDAOContracts;
type Account = Awaited<ReturnType<NetworkConnection["ethers"]["getSigners"]>>[number];

/** Assessors with stake; capital in both pools; two WETH covers (ids 1, 2) and two depeg covers (3, 4) for `holder`. */
async function setUp(
  { ethers, networkHelpers }: NetworkConnection,
  c: Contracts,
  { alice, bob, underwriter, holder }: Record<"alice" | "bob" | "underwriter" | "holder", Account>,
): Promise<void> {
  const stakingAddress = await c.StakingVault.getAddress();
  for (const [voter, amount] of [
    [alice, "600000"],
    [bob, "300000"],
  ] as const) {
    await (await c.GovernanceToken.transfer(voter.address, parseEther(amount))).wait();
    await (await c.GovernanceToken.connect(voter).approve(stakingAddress, parseEther(amount))).wait();
    await (await c.StakingVault.connect(voter).stake(parseEther(amount))).wait();
  }
  await (await c.WETH.connect(underwriter).deposit({ value: parseEther("1000") })).wait();
  await (await c.WETH.connect(underwriter).approve(await c.WethPool.getAddress(), ethers.MaxUint256)).wait();
  await (await c.WethPool.connect(underwriter).deposit(parseEther("1000"), underwriter.address)).wait();
  await (await c.Stablecoin.connect(underwriter).mint(underwriter.address, USD("1000000"))).wait();
  await (
    await c.Stablecoin.connect(underwriter).approve(await c.StablecoinPool.getAddress(), ethers.MaxUint256)
  ).wait();
  await (await c.StablecoinPool.connect(underwriter).deposit(USD("1000000"), underwriter.address)).wait();
  const coverBook = await c.CoverBook.getAddress();
  await (await c.WETH.connect(holder).deposit({ value: parseEther("100") })).wait();
  await (await c.WETH.connect(holder).approve(coverBook, ethers.MaxUint256)).wait();
  await (await c.Stablecoin.connect(holder).mint(holder.address, USD("100000"))).wait();
  await (await c.Stablecoin.connect(holder).approve(coverBook, ethers.MaxUint256)).wait();
  for (let i = 0; i < 2; i++) {
    await (await c.CoverBook.connect(holder).buyCover(1n, parseEther("50"), 90n * DAY, parseEther("10"))).wait();
  }
  for (let i = 0; i < 2; i++) {
    await (await c.CoverBook.connect(holder).buyCover(2n, USD("50000"), 30n * DAY, USD("10000"))).wait();
  }
  await networkHelpers.mine();
}

/** Filing an assessed claim, a first and a returning assessor's vote, and redeeming the approved claim. */
async function measureAssessed(
  { networkHelpers }: NetworkConnection,
  c: Contracts,
  { alice, bob, holder }: Record<"alice" | "bob" | "holder", Account>,
  gas: GasEntries,
): Promise<void> {
  const claims = c.CoverClaims.connect(holder);
  const { claimDeposit } = await c.CoverClaims.parameters();
  gas["CoverClaims.submitClaim"] = await gasOf(
    claims.submitClaim(1n, parseEther("20"), "ipfs://bafy-incident-report", { value: claimDeposit }),
  );
  await (await claims.submitClaim(2n, parseEther("10"), "ipfs://bafy-second-report", { value: claimDeposit })).wait();

  // Alice's first vote ever (new lock, new ballot word); then her vote on the next claim, as a returning
  // assessor (the usual case: her lock and ballot word already exist).
  gas["CoverClaims.castClaimVote(firstVote)"] = await gasOf(c.CoverClaims.connect(alice).castClaimVote(1n, true));
  gas["CoverClaims.castClaimVote"] = await gasOf(c.CoverClaims.connect(alice).castClaimVote(2n, true));
  await (await c.CoverClaims.connect(bob).castClaimVote(1n, true)).wait();

  const detail = await c.CoverClaims.claim(1n);
  await networkHelpers.time.increaseTo(detail.cooldownEnd);
  gas["CoverClaims.redeemPayout"] = await gasOf(claims.redeemPayout(1n));
}

/**
 * Parametric: after the waiting period the feed falls below the trigger and stays below the recovery price
 * through the 24 h window (a round every 6 hours: 3 rounds walked after the trigger round); the holder files
 * naming the trigger round, then redeems. A second fall, with a round every 2 hours (11 rounds walked), on a
 * second depeg cover gives the cost of one round walked.
 */
async function measureParametric(
  { networkHelpers }: NetworkConnection,
  c: Contracts,
  holder: Account,
  gas: GasEntries,
): Promise<void> {
  const claims = c.CoverClaims.connect(holder);
  const feed = c.DepegFeed;
  let at = BigInt(await networkHelpers.time.latest());
  const post = async (price: string) => {
    at += 6n * 3_600n;
    await networkHelpers.time.setNextBlockTimestamp(at);
    await (await feed.setAnswer(parseUnits(price, 8))).wait();
    return (await feed.latestRoundData()).roundId;
  };
  const trigger = await post("0.9");
  for (let i = 0; i < 3; i++) await post("0.92");
  await networkHelpers.time.increaseTo(at + DAY);
  at += DAY;
  const short = await gasOf(claims.submitParametricClaim(3n, USD("50000"), trigger));
  gas["CoverClaims.submitParametricClaim"] = short;
  gas["CoverClaims.redeemPayout(parametric)"] = await gasOf(claims.redeemPayout(await c.CoverClaims.claimCount()));
  await post("1");
  const second = await post("0.9");
  for (let i = 0; i < 11; i++) {
    at += 2n * 3_600n;
    await networkHelpers.time.setNextBlockTimestamp(at);
    await (await feed.setAnswer(parseUnits("0.92", 8))).wait();
  }
  await networkHelpers.time.increaseTo(at + DAY);
  const long = await gasOf(claims.submitParametricClaim(4n, USD("50000"), second));
  gas["CoverClaims.submitParametricClaim(perWindowRound)"] = Math.round((long - short) / 8);
}

const scenario: GasScenario = {
  name: "claims",
  measure,
  targets: { "CoverClaims.castClaimVote": 75_000, "CoverClaims.redeemPayout": 120_000 },
};
export default scenario;
