/**
 * Payments that cannot be griefed and rewards that follow work (issue 14), on the whole DAO: a recipient
 * that answers ETH with a return-data bomb is credited instead of blocking governance or a cover buyer, and
 * junk claims earn no assessor reward and cost their filer.
 */
import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import {
  COVER,
  PRODUCT,
  USD,
  type ClaimsFixture,
  claimsFixture,
  fileClaim,
  timeTo,
  view,
} from "./fixture.js";

const connection = await network.create();
const { networkHelpers, ethers } = connection;
const fixture = () => claimsFixture(connection);
const load = () => networkHelpers.loadFixture(fixture);

async function bombHolding(f: ClaimsFixture) {
  const bomb = await ethers.deployContract("ReturnBombRecipient", [await f.c.CoverClaims.getAddress()]);
  const address = await bomb.getAddress();
  await (await f.c.CoverBook.connect(f.holder).transferFrom(f.holder.address, address, COVER.WETH)).wait();
  return { bomb, address };
}

/** The credit of `address` is withdrawable once it accepts ETH again. */
async function expectCreditWithdrawable(
  f: ClaimsFixture,
  bomb: Awaited<ReturnType<typeof bombHolding>>,
  amount: bigint,
) {
  expect(await f.c.CoverClaims.creditOf(bomb.address)).to.equal(amount);
  await (await bomb.bomb.setHostile(false)).wait();
  await expect(bomb.bomb.withdrawCredit()).to.changeEtherBalance(ethers, bomb.address, amount);
  expect(await f.c.CoverClaims.creditOf(bomb.address)).to.equal(0n);
}

describe("griefing-proof payments", () => {
  it("attack: a return-data bomb escalator cannot block resolveEscalation; its bond is credited", async () => {
    const f = await load();
    const bomb = await bombHolding(f);
    // The fraudster's claim is approved by the assessors; it escalates its own approval first.
    await (await bomb.bomb.file(COVER.WETH, parseEther("20"), { value: f.params.claimDeposit })).wait();
    const id = await f.c.CoverClaims.claimCount();
    await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id, true)).wait();
    await timeTo(connection, (await view(f, id)).votingEnd);
    await (await bomb.bomb.escalate(id, { value: f.params.escalationBond })).wait();
    // Governance denies: overturning the assessors refunds the bond to the bomb, which cannot block it.
    await expect(f.c.CoverClaims.connect(f.timelock).resolveEscalation(id, false, { gasLimit: 1_000_000 }))
      .to.emit(f.c.CoverClaims, "RefundCredited")
      .withArgs(bomb.address, f.params.escalationBond);
    expect((await view(f, id)).state).to.equal(5n); // Denied
    await expectCreditWithdrawable(f, bomb, f.params.escalationBond);
  });

  it("attack: a return-data bomb claimant cannot block the cover buyer's redeemPayout; its deposit is credited", async () => {
    const f = await load();
    const bomb = await bombHolding(f);
    await (await bomb.bomb.file(COVER.WETH, parseEther("20"), { value: f.params.claimDeposit })).wait();
    const id = await f.c.CoverClaims.claimCount();
    await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id, true)).wait();
    await (await bomb.bomb.sellCover(await f.c.CoverBook.getAddress(), COVER.WETH, f.buyer.address)).wait();
    await timeTo(connection, (await view(f, id)).cooldownEnd);
    const tx = f.c.CoverClaims.connect(f.buyer).redeemPayout(id, { gasLimit: 1_000_000 });
    await expect(tx).to.changeTokenBalance(ethers, f.c.WETH, f.buyer, parseEther("20"));
    await expect(tx).to.emit(f.c.CoverClaims, "RefundCredited").withArgs(bomb.address, f.params.claimDeposit);
    await expectCreditWithdrawable(f, bomb, f.params.claimDeposit);
  });

  it("attack: a return-data bomb claimant cannot block settleClaim; its refund is credited", async () => {
    const f = await load();
    const bomb = await bombHolding(f);
    await (await bomb.bomb.file(COVER.WETH, parseEther("20"), { value: f.params.claimDeposit })).wait();
    const id = await f.c.CoverClaims.claimCount();
    await timeTo(connection, (await view(f, id)).cooldownEnd); // no vote: quorum missed
    const kept = (f.params.claimDeposit * BigInt(f.params.quorumMissFeeBps)) / 10_000n;
    await expect(f.c.CoverClaims.settleClaim(id, { gasLimit: 1_000_000 }))
      .to.emit(f.c.CoverClaims, "RefundCredited")
      .withArgs(bomb.address, f.params.claimDeposit - kept);
    await expectCreditWithdrawable(f, bomb, f.params.claimDeposit - kept);
  });
});

describe("rewards that follow work", () => {
  it("attack: junk claims earn no reward and cost their filer", async () => {
    const f = await load();
    // A minimum cover amount: covers of a few wei cannot be bought to carry junk claims.
    await (
      await f.c.CoverBook.connect(f.timelock).setMinCoverAmount(PRODUCT.WETH_SMART_CONTRACT, parseEther("1"))
    ).wait();
    await expect(
      f.c.CoverBook.connect(f.buyer).buyCover(
        PRODUCT.WETH_SMART_CONTRACT,
        1n,
        28n * 86_400n,
        parseEther("1"),
      ),
    )
      .to.be.revertedWithCustomError(f.c.CoverBook, "CoverAmountBelowMinimum")
      .withArgs(PRODUCT.WETH_SMART_CONTRACT, 1n, parseEther("1"));

    // A junk claim that nobody assesses (Dave votes, far below quorum): no reward, and the filer pays a fee.
    const junk = await fileClaim(f, 1n);
    await (await f.c.CoverClaims.connect(f.dave).castClaimVote(junk, true)).wait();
    await timeTo(connection, (await view(f, junk)).cooldownEnd);
    await expect(f.c.CoverClaims.connect(f.dave).claimReward(junk))
      .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsRewardWithoutQuorum")
      .withArgs(junk);
    const kept = (f.params.claimDeposit * BigInt(f.params.quorumMissFeeBps)) / 10_000n;
    expect(kept).to.be.greaterThan(0n);
    await expect(f.c.CoverClaims.settleClaim(junk)).to.changeEtherBalances(
      ethers,
      [f.holder, f.timelock],
      [f.params.claimDeposit - kept, kept],
    );
    expect(await f.c.CoverClaims.reservedRewards(await f.c.WethPool.getAddress())).to.equal(0n);

    // A junk claim of 1 wei that reached quorum earns a reward sized to it: nothing.
    const tiny = await fileClaim(f, 1n);
    await (await f.c.CoverClaims.connect(f.alice).castClaimVote(tiny, false)).wait();
    await timeTo(connection, (await view(f, tiny)).cooldownEnd);
    await expect(f.c.CoverClaims.connect(f.alice).claimReward(tiny)).to.changeTokenBalance(
      ethers,
      f.c.WETH,
      f.alice,
      0n,
    );
    expect(await f.c.CoverClaims.rewardOf(tiny)).to.equal(0n);
  });

  it("an honest claim's reward is sized to the claim, bounded by the pot", async () => {
    const f = await load();
    const pot = await f.c.WethPool.assessorRewardPot();
    const id = await fileClaim(f, parseEther("20"));
    await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id, true)).wait();
    await timeTo(connection, (await view(f, id)).cooldownEnd);
    await (await f.c.CoverClaims.connect(f.alice).claimReward(id)).wait();
    const byAmount = (parseEther("20") * BigInt(f.params.rewardAmountBps)) / 10_000n;
    const byPot = (pot * BigInt(f.params.rewardBps)) / 10_000n;
    expect(await f.c.CoverClaims.rewardOf(id)).to.equal(byAmount < byPot ? byAmount : byPot);
    // The minimum cover setter is bounded and governance-only.
    await expect(
      f.c.CoverBook.connect(f.alice).setMinCoverAmount(PRODUCT.STABLE_DEPEG, USD(10)),
    ).to.be.revertedWithCustomError(f.c.CoverBook, "AccessManagedUnauthorized");
    await expect(
      f.c.CoverBook.connect(f.timelock).setMinCoverAmount(PRODUCT.STABLE_DEPEG, USD(1_000_001)),
    ).to.be.revertedWithCustomError(f.c.CoverBook, "CoverParameterOutOfBounds");
  });
});
