import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import { decodeError, explainClaim, readClaim } from "@coverdao/core/node";
import { CoverClaims__factory } from "../../types/ethers-contracts/index.js";
import {
  COVER,
  HOUR,
  ONE_DAY,
  WETH_COVER_AMOUNT,
  type ClaimsFixture,
  claimsFixture,
  fileClaim,
  timeTo,
  view,
} from "./fixture.js";

const connection = await network.create();
const { networkHelpers, ethers } = connection;
const { time } = networkHelpers;
const fixture = () => claimsFixture(connection);
const load = () => networkHelpers.loadFixture(fixture);

const STATE = { None: 0, Voting: 1, Cooldown: 2, Escalated: 3, Approved: 4, Denied: 5, Paid: 6, Expired: 7 };

/** Files a claim and has Alice (500k) and Bob (200k) vote; returns the claim id. */
async function voted(f: ClaimsFixture, aliceYes: boolean, bobYes: boolean, amount = parseEther("20")) {
  const id = await fileClaim(f, amount);
  await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id, aliceYes)).wait();
  await (await f.c.CoverClaims.connect(f.bob).castClaimVote(id, bobYes)).wait();
  return id;
}

async function toCooldown(f: ClaimsFixture, id: bigint) {
  await timeTo(connection, (await view(f, id)).votingEnd);
}

async function toFinal(f: ClaimsFixture, id: bigint) {
  await timeTo(connection, (await view(f, id)).cooldownEnd);
}

describe("CoverClaims", () => {
  describe("submitClaim", () => {
    it("files a claim: deposit held, quorum fixed from the stake before filing, state Voting", async () => {
      const f = await load();
      const claims = f.c.CoverClaims;
      const tx = claims
        .connect(f.holder)
        .submitClaim(COVER.WETH, parseEther("20"), "ipfs://report", { value: f.params.claimDeposit });
      await expect(tx).to.emit(claims, "ClaimSubmitted");
      await expect(tx).to.changeEtherBalance(ethers, claims, f.params.claimDeposit);
      const c = await view(f, 1n);
      expect(c.state).to.equal(STATE.Voting);
      expect(c.claimant).to.equal(f.holder.address);
      expect(c.amount).to.equal(parseEther("20"));
      // 805k staked, quorum 10 %.
      expect(c.quorumWeight).to.equal(parseEther("80500"));
      expect(c.votingEnd - c.filedAt).to.equal(3n * ONE_DAY);
      expect(c.lockUntil).to.equal(c.votingEnd + 2n * 12n * 3600n + 2n * ONE_DAY + 21n * ONE_DAY);
      expect(await claims.latestClaimOf(COVER.WETH)).to.equal(1n);
    });

    it("attack: claiming as a non-holder reverts with ClaimsNotCoverHolder", async () => {
      const f = await load();
      await expect(
        f.c.CoverClaims.connect(f.buyer).submitClaim(COVER.WETH, 1n, "x", { value: f.params.claimDeposit }),
      )
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsNotCoverHolder")
        .withArgs(COVER.WETH, f.buyer.address, f.holder.address);
    });

    it("attack: claiming on an expired cover (after end + grace) reverts with ClaimsOutsideFilingWindow", async () => {
      const f = await load();
      const cover = await f.c.CoverBook.cover(COVER.WETH);
      const deadline = cover.end + BigInt(f.params.gracePeriod);
      // Within the grace period a claim is still possible.
      await timeTo(connection, deadline - 10n);
      await expect(fileClaim(f)).not.to.revert(ethers);
      const f2 = await load();
      await timeTo(connection, deadline);
      await expect(
        f2.c.CoverClaims.connect(f2.holder).submitClaim(COVER.WETH, 1n, "x", {
          value: f2.params.claimDeposit,
        }),
      ).to.be.revertedWithCustomError(f2.c.CoverClaims, "ClaimsOutsideFilingWindow");
    });

    it("reverts on zero, above the cover, a wrong deposit, a parametric product and a second open claim", async () => {
      const f = await load();
      const claims = f.c.CoverClaims.connect(f.holder);
      const value = f.params.claimDeposit;
      await expect(claims.submitClaim(COVER.WETH, 0n, "x", { value })).to.be.revertedWithCustomError(
        claims,
        "ClaimsZeroAmount",
      );
      await expect(claims.submitClaim(COVER.WETH, WETH_COVER_AMOUNT + 1n, "x", { value }))
        .to.be.revertedWithCustomError(claims, "ClaimsAmountAboveCover")
        .withArgs(COVER.WETH, WETH_COVER_AMOUNT + 1n, WETH_COVER_AMOUNT);
      await expect(claims.submitClaim(COVER.WETH, 1n, "x", { value: value - 1n }))
        .to.be.revertedWithCustomError(claims, "ClaimsWrongDeposit")
        .withArgs(value - 1n, value);
      await expect(claims.submitClaim(COVER.DEPEG, 1n, "x", { value }))
        .to.be.revertedWithCustomError(claims, "ClaimsProductIsParametric")
        .withArgs(2n);
      await fileClaim(f);
      await expect(claims.submitClaim(COVER.WETH, 1n, "x", { value }))
        .to.be.revertedWithCustomError(claims, "ClaimsCoverHasOpenClaim")
        .withArgs(COVER.WETH, 1n);
    });

    it("allows a new claim once the previous one is denied", async () => {
      const f = await load();
      const id = await voted(f, false, false);
      await toFinal(f, id);
      expect((await view(f, id)).state).to.equal(STATE.Denied);
      await expect(fileClaim(f)).not.to.revert(ethers);
    });

    it("records the claim on the cover; a replacement claims module ignores claims recorded by the old one", async () => {
      const f = await load();
      const id = await fileClaim(f);
      expect((await f.c.CoverBook.cover(COVER.WETH)).latestClaim).to.equal(id);

      // Governance replaces the claims module while claim 1 is still open in the old one.
      const p = f.params;
      const deployed = await ethers.deployContract("CoverClaims", [
        await f.c.DAOAccessManager.getAddress(),
        await f.c.CoverBook.getAddress(),
        await f.c.StakingVault.getAddress(),
        f.timelock.address,
        {
          votingPeriod: p.votingPeriod,
          lateVoteExtension: p.lateVoteExtension,
          maxExtensions: p.maxExtensions,
          cooldown: p.cooldown,
          escalationTimeout: p.escalationTimeout,
          redemptionWindow: p.redemptionWindow,
          gracePeriod: p.gracePeriod,
          quorumBps: p.quorumBps,
          rewardBps: p.rewardBps,
          claimDeposit: p.claimDeposit,
          escalationBond: p.escalationBond,
          rewardAmountBps: p.rewardAmountBps,
          quorumMissFeeBps: p.quorumMissFeeBps,
        },
        await f.c.CoverClaims.pauseDuration(),
      ]);
      const replacement = CoverClaims__factory.connect(await deployed.getAddress(), f.holder);
      await (await f.c.CoverBook.connect(f.timelock).setClaimsModule(await replacement.getAddress())).wait();
      expect(await replacement.latestClaimOf(COVER.WETH)).to.equal(0n);

      // The old module can no longer record claims: filing there on a fresh cover reverts in the cover book.
      await (
        await f.c.CoverBook.connect(f.buyer).buyCover(1n, parseEther("1"), 30n * ONE_DAY, parseEther("1"))
      ).wait();
      await expect(f.c.CoverClaims.connect(f.buyer).submitClaim(3n, 1n, "x", { value: p.claimDeposit }))
        .to.be.revertedWithCustomError(f.c.CoverBook, "AccessManagedUnauthorized")
        .withArgs(await f.c.CoverClaims.getAddress());

      // Its claim 1 means nothing to the replacement, which files its own claim 1 on the same cover.
      await (
        await replacement.submitClaim(COVER.WETH, parseEther("5"), "x", { value: p.claimDeposit })
      ).wait();
      expect(await replacement.latestClaimOf(COVER.WETH)).to.equal(1n);
      expect((await replacement.claim(1n)).amount).to.equal(parseEther("5"));
      expect((await f.c.CoverBook.cover(COVER.WETH)).latestClaim).to.equal(1n);
    });
  });

  describe("castClaimVote", () => {
    it("counts each voter's stake before filing and locks it until the claim's latest final second", async () => {
      const f = await load();
      const id = await fileClaim(f);
      const claims = f.c.CoverClaims;
      await expect(claims.connect(f.alice).castClaimVote(id, true))
        .to.emit(claims, "ClaimVoteCast")
        .withArgs(id, f.alice.address, true, parseEther("500000"));
      await (await claims.connect(f.carol).castClaimVote(id, false)).wait();
      const c = await view(f, id);
      expect(c.yesWeight).to.equal(parseEther("500000"));
      expect(c.noWeight).to.equal(parseEther("100000"));
      expect(await f.c.StakingVault.lockedUntil(f.alice.address)).to.equal(c.lockUntil);
      expect(await claims.ballotOf(id, f.carol.address)).to.deep.equal([true, false, false]);
    });

    it("reverts on a second vote (ClaimsAlreadyVoted), without stake (ClaimsNoWeight) and after the end", async () => {
      const f = await load();
      const id = await fileClaim(f);
      const claims = f.c.CoverClaims;
      await (await claims.connect(f.alice).castClaimVote(id, true)).wait();
      await expect(claims.connect(f.alice).castClaimVote(id, false))
        .to.be.revertedWithCustomError(claims, "ClaimsAlreadyVoted")
        .withArgs(id, f.alice.address);
      await expect(claims.connect(f.outsider).castClaimVote(id, true))
        .to.be.revertedWithCustomError(claims, "ClaimsNoWeight")
        .withArgs(id, f.outsider.address);
      await toCooldown(f, id);
      await expect(claims.connect(f.bob).castClaimVote(id, true))
        .to.be.revertedWithCustomError(claims, "ClaimsUnexpectedState")
        .withArgs(id, STATE.Cooldown, STATE.Voting);
      await expect(claims.castClaimVote(99n, true))
        .to.be.revertedWithCustomError(claims, "ClaimsUnexpectedState")
        .withArgs(99n, STATE.None, STATE.Voting);
    });

    it("extends the vote on late votes, at most maxExtensions times", async () => {
      const f = await load();
      const id = await fileClaim(f);
      const claims = f.c.CoverClaims;
      const end = (await view(f, id)).votingEnd;
      await timeTo(connection, end - 60n);
      await expect(claims.connect(f.alice).castClaimVote(id, true)).to.emit(claims, "ClaimVotingExtended");
      let c = await view(f, id);
      expect(c.extensions).to.equal(1n);
      expect(c.votingEnd).to.equal(BigInt(await time.latest()) + 12n * 3600n);
      await timeTo(connection, c.votingEnd - 60n);
      await (await claims.connect(f.bob).castClaimVote(id, false)).wait();
      c = await view(f, id);
      expect(c.extensions).to.equal(2n);
      await timeTo(connection, c.votingEnd - 60n);
      await expect(claims.connect(f.carol).castClaimVote(id, true)).not.to.emit(
        claims,
        "ClaimVotingExtended",
      );
      expect((await view(f, id)).votingEnd).to.equal(c.votingEnd);
      // The lock fixed at filing covers the extended vote, cooldown and escalation.
      expect(c.votingEnd + BigInt(f.params.cooldown + f.params.escalationTimeout)).to.be.at.most(c.lockUntil);
    });

    it("attack: flash-staking to swing a claim counts nothing (stake added in or after the filing second)", async () => {
      const f = await load();
      const id = await fileClaim(f);
      // The outsider gets 2M tokens (a flash loan stand-in) and stakes after filing.
      const staking = await f.c.StakingVault.getAddress();
      await (await f.c.GovernanceToken.transfer(f.outsider.address, parseEther("2000000"))).wait();
      await (await f.c.GovernanceToken.connect(f.outsider).approve(staking, parseEther("2000000"))).wait();
      await (await f.c.StakingVault.connect(f.outsider).stake(parseEther("2000000"))).wait();
      await expect(
        f.c.CoverClaims.connect(f.outsider).castClaimVote(id, false),
      ).to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsNoWeight");
      // A staker who adds more after filing still votes with the stake before filing only.
      await (await f.c.GovernanceToken.connect(f.carol).approve(staking, parseEther("100000"))).wait();
      await (await f.c.StakingVault.connect(f.carol).stake(parseEther("100000"))).wait();
      await expect(f.c.CoverClaims.connect(f.carol).castClaimVote(id, false))
        .to.emit(f.c.CoverClaims, "ClaimVoteCast")
        .withArgs(id, f.carol.address, false, parseEther("100000"));
    });

    it("attack: unstaking while a voted claim is open fails with StakingStakeLocked", async () => {
      const f = await load();
      const id = await fileClaim(f);
      await (await f.c.StakingVault.connect(f.bob).requestUnstake(parseEther("200000"))).wait();
      await (await f.c.CoverClaims.connect(f.bob).castClaimVote(id, false)).wait();
      const lockUntil = (await view(f, id)).lockUntil;
      await time.increase(7 * 86_400 + 1);
      await expect(f.c.StakingVault.connect(f.bob).withdraw())
        .to.be.revertedWithCustomError(f.c.StakingVault, "StakingStakeLocked")
        .withArgs(lockUntil);
    });

    it("attack: voting with stake already withdrawn since filing reverts (weight must still be staked)", async () => {
      const f = await load();
      await (await f.c.StakingVault.connect(f.carol).requestUnstake(parseEther("100000"))).wait();
      await time.increase(7 * 86_400 - 3_600);
      const id = await fileClaim(f);
      await time.increase(2 * 3_600);
      await (await f.c.StakingVault.connect(f.carol).withdraw()).wait();
      await expect(f.c.CoverClaims.connect(f.carol).castClaimVote(id, false))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "StakingInsufficientStake")
        .withArgs(parseEther("100000"), 0n);
    });
  });

  describe("outcome", () => {
    it("approves with quorum and yes > no; denies with no >= yes; denies without quorum", async () => {
      const f = await load();
      const approved = await voted(f, true, false);
      await toCooldown(f, approved);
      expect((await view(f, approved)).state).to.equal(STATE.Cooldown);
      await toFinal(f, approved);
      const c = await view(f, approved);
      expect([c.state, c.decision, c.approved]).to.deep.equal([BigInt(STATE.Approved), 1n, true]);
      expect(c.redeemableUntil).to.equal(c.cooldownEnd + BigInt(f.params.redemptionWindow));

      const g = await load();
      const id = await fileClaim(g);
      // Dave alone (5k of 805k) stays below the 10 % quorum.
      await (await g.c.CoverClaims.connect(g.dave).castClaimVote(id, true)).wait();
      await toFinal(g, id);
      expect((await view(g, id)).state).to.equal(STATE.Denied);
    });
  });

  describe("escalate, escalateAsGuardian, resolveEscalation", () => {
    it("escalates during the cooldown only, with the exact bond", async () => {
      const f = await load();
      const id = await voted(f, true, false);
      const claims = f.c.CoverClaims.connect(f.carol);
      const bond = f.params.escalationBond;
      await expect(claims.escalate(id, { value: bond }))
        .to.be.revertedWithCustomError(claims, "ClaimsUnexpectedState")
        .withArgs(id, STATE.Voting, STATE.Cooldown);
      await toCooldown(f, id);
      await expect(claims.escalate(id, { value: bond - 1n }))
        .to.be.revertedWithCustomError(claims, "ClaimsWrongBond")
        .withArgs(bond - 1n, bond);
      await expect(claims.escalate(id, { value: bond })).to.emit(claims, "ClaimEscalated");
      expect((await view(f, id)).state).to.equal(STATE.Escalated);
      await expect(claims.escalate(id, { value: bond })).to.be.revertedWithCustomError(
        claims,
        "ClaimsUnexpectedState",
      );
    });

    it("the guardian escalates without a bond; nobody else may call escalateAsGuardian", async () => {
      const f = await load();
      const id = await voted(f, true, false);
      await toCooldown(f, id);
      await expect(f.c.CoverClaims.connect(f.carol).escalateAsGuardian(id)).to.be.revertedWithCustomError(
        f.c.CoverClaims,
        "AccessManagedUnauthorized",
      );
      await expect(f.c.CoverClaims.connect(f.guardian).escalateAsGuardian(id)).to.emit(
        f.c.CoverClaims,
        "ClaimEscalated",
      );
      const c = await view(f, id);
      expect([c.state, c.escalator, c.escalationBond]).to.deep.equal([
        BigInt(STATE.Escalated),
        f.guardian.address,
        0n,
      ]);
      expect(c.escalationDeadline).to.equal(BigInt(await time.latest()) + BigInt(f.params.escalationTimeout));
    });

    it("governance overturning the assessors refunds the bond; confirming forfeits it", async () => {
      const f = await load();
      const id = await voted(f, true, false);
      await toCooldown(f, id);
      await (await f.c.CoverClaims.connect(f.carol).escalate(id, { value: f.params.escalationBond })).wait();
      await expect(
        f.c.CoverClaims.connect(f.alice).resolveEscalation(id, false),
      ).to.be.revertedWithCustomError(f.c.CoverClaims, "AccessManagedUnauthorized");
      await expect(f.c.CoverClaims.connect(f.timelock).resolveEscalation(id, false)).to.changeEtherBalance(
        ethers,
        f.carol,
        f.params.escalationBond,
      );
      const c = await view(f, id);
      expect([c.state, c.decision]).to.deep.equal([BigInt(STATE.Denied), 3n]);

      const g = await load();
      const id2 = await voted(g, true, false);
      await toCooldown(g, id2);
      await (await g.c.CoverClaims.connect(g.carol).escalate(id2, { value: g.params.escalationBond })).wait();
      await expect(g.c.CoverClaims.connect(g.timelock).resolveEscalation(id2, true)).to.changeEtherBalance(
        ethers,
        g.timelock,
        g.params.escalationBond,
      );
      expect((await view(g, id2)).state).to.equal(STATE.Approved);
    });

    it("an undecided escalation lapses: the assessors' outcome stands, the bond is forfeited, no late decision", async () => {
      const f = await load();
      const id = await voted(f, true, false);
      await toCooldown(f, id);
      await (await f.c.CoverClaims.connect(f.carol).escalate(id, { value: f.params.escalationBond })).wait();
      const deadline = (await view(f, id)).escalationDeadline;
      await timeTo(connection, deadline);
      const c = await view(f, id);
      expect([c.state, c.decision, c.finalAt]).to.deep.equal([BigInt(STATE.Approved), 2n, deadline]);
      await expect(f.c.CoverClaims.connect(f.timelock).resolveEscalation(id, false))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsEscalationLapsed")
        .withArgs(id, deadline);
      // Redemption pays the holder and forfeits the bond to the treasury.
      await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(id)).to.changeEtherBalances(
        ethers,
        [f.timelock, f.holder],
        [f.params.escalationBond, f.params.claimDeposit],
      );
    });
  });

  describe("redeemPayout", () => {
    it("pays the holder once from the pool and returns the deposit", async () => {
      const f = await load();
      const id = await voted(f, true, true);
      await toFinal(f, id);
      const tx = f.c.CoverClaims.connect(f.holder).redeemPayout(id);
      await expect(tx).to.changeTokenBalance(ethers, f.c.WETH, f.holder, parseEther("20"));
      expect((await view(f, id)).state).to.equal(STATE.Paid);
      expect((await f.c.CoverBook.cover(COVER.WETH)).paidOut).to.equal(parseEther("20"));
    });

    it("attack: double payout reverts with ClaimsUnexpectedState", async () => {
      const f = await load();
      const id = await voted(f, true, true);
      await toFinal(f, id);
      await (await f.c.CoverClaims.connect(f.holder).redeemPayout(id)).wait();
      await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(id))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsUnexpectedState")
        .withArgs(id, STATE.Paid, STATE.Approved);
    });

    it("attack: payout above the cover is impossible: claims are capped by what remains", async () => {
      const f = await load();
      const id = await voted(f, true, true, WETH_COVER_AMOUNT);
      await toFinal(f, id);
      await (await f.c.CoverClaims.connect(f.holder).redeemPayout(id)).wait();
      expect(await f.c.CoverBook.remainingAmount(COVER.WETH)).to.equal(0n);
      await expect(
        f.c.CoverClaims.connect(f.holder).submitClaim(COVER.WETH, 1n, "x", { value: f.params.claimDeposit }),
      )
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsAmountAboveCover")
        .withArgs(COVER.WETH, 1n, 0n);
    });

    it("pays whoever holds the cover NFT at redemption; the deposit goes back to the claimant", async () => {
      const f = await load();
      const id = await voted(f, true, true);
      await (
        await f.c.CoverBook.connect(f.holder).transferFrom(f.holder.address, f.buyer.address, COVER.WETH)
      ).wait();
      await toFinal(f, id);
      await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(id))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsNotCoverHolder")
        .withArgs(COVER.WETH, f.holder.address, f.buyer.address);
      const tx = f.c.CoverClaims.connect(f.buyer).redeemPayout(id);
      await expect(tx).to.changeTokenBalance(ethers, f.c.WETH, f.buyer, parseEther("20"));
      await expect(tx).to.changeEtherBalance(ethers, f.holder, f.params.claimDeposit);
    });

    it("attack: a contract holder re-entering redeemPayout from receive is stopped by the guard", async () => {
      const f = await load();
      const attacker = await ethers.deployContract("ReentrantHolder", [await f.c.CoverClaims.getAddress()]);
      await (
        await f.c.CoverBook.connect(f.holder).transferFrom(
          f.holder.address,
          await attacker.getAddress(),
          COVER.WETH,
        )
      ).wait();
      await (await attacker.file(COVER.WETH, parseEther("20"), { value: f.params.claimDeposit })).wait();
      const id = await attacker.claimId();
      await (await f.c.CoverClaims.connect(f.alice).castClaimVote(id, true)).wait();
      await toFinal(f, id);
      // The deposit refund forwards too little gas to re-enter: it is credited (issue 14); the attacker then
      // withdraws the credit with all its gas and re-enters from there.
      await expect(attacker.redeem()).to.emit(f.c.CoverClaims, "RefundCredited");
      expect(await attacker.reentries()).to.equal(0n);
      await (await attacker.withdraw()).wait();
      expect(await attacker.reentries()).to.equal(1n);
      expect(await attacker.reentrySucceeded()).to.equal(false);
      expect(decodeError(await attacker.reentryError())?.name).to.equal("ReentrancyGuardReentrantCall");
      expect(await f.c.WETH.balanceOf(await attacker.getAddress())).to.equal(parseEther("20"));
      expect((await f.c.CoverBook.cover(COVER.WETH)).paidOut).to.equal(parseEther("20"));
    });

    it("reverts while paused and after the redemption window (Expired)", async () => {
      const f = await load();
      const id = await voted(f, true, true);
      await toFinal(f, id);
      await (await f.c.CoverClaims.connect(f.guardian).pause()).wait();
      await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(id)).to.be.revertedWithCustomError(
        f.c.CoverClaims,
        "GuardianPausedUntil",
      );
      await timeTo(connection, (await view(f, id)).redeemableUntil);
      await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(id))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsUnexpectedState")
        .withArgs(id, STATE.Expired, STATE.Approved);
    });
  });

  describe("settleClaim and withdrawCredit", () => {
    it("forfeits the deposit of a claim denied by vote; refunds it less the quorum-miss fee without quorum; settles once", async () => {
      const f = await load();
      const id = await voted(f, false, false);
      await expect(f.c.CoverClaims.settleClaim(id))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsUnexpectedState")
        .withArgs(id, STATE.Voting, STATE.Denied);
      await toFinal(f, id);
      await expect(f.c.CoverClaims.settleClaim(id)).to.changeEtherBalance(
        ethers,
        f.timelock,
        f.params.claimDeposit,
      );
      await expect(f.c.CoverClaims.settleClaim(id))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsAlreadySettled")
        .withArgs(id);

      // Behaviour change (issue 14): a claim without quorum keeps quorumMissFeeBps of its deposit.
      const g = await load();
      const id2 = await fileClaim(g);
      await toFinal(g, id2);
      const kept = (g.params.claimDeposit * BigInt(g.params.quorumMissFeeBps)) / 10_000n;
      await expect(g.c.CoverClaims.settleClaim(id2)).to.changeEtherBalances(
        ethers,
        [g.holder, g.timelock],
        [g.params.claimDeposit - kept, kept],
      );
    });

    it("credits a transfer the recipient refuses instead of blocking; withdrawCredit needs a credit", async () => {
      const f = await load();
      await expect(f.c.CoverClaims.withdrawCredit())
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsNoCredit")
        .withArgs(f.deployer.address);
      // A treasury without a receive function (the staking vault here) refuses the forfeited deposit.
      const refusing = await f.c.StakingVault.getAddress();
      await (await f.c.CoverClaims.connect(f.timelock).setTreasury(refusing)).wait();
      const id = await voted(f, false, false);
      await toFinal(f, id);
      await expect(f.c.CoverClaims.settleClaim(id))
        .to.emit(f.c.CoverClaims, "RefundCredited")
        .withArgs(refusing, f.params.claimDeposit);
      expect(await f.c.CoverClaims.creditOf(refusing)).to.equal(f.params.claimDeposit);
    });
  });

  describe("withdrawCredit, views and the local feed", () => {
    it("a credited refund is withdrawn once the account accepts ETH; a refusing account gets ClaimsTransferFailed", async () => {
      const f = await load();
      // The cover book has no receive function: as treasury it refuses the forfeited deposit, which is credited.
      const refusing = await f.c.CoverBook.getAddress();
      await (await f.c.CoverClaims.connect(f.timelock).setTreasury(refusing)).wait();
      const id = await voted(f, false, false);
      await toFinal(f, id);
      await (await f.c.CoverClaims.settleClaim(id)).wait();
      await networkHelpers.impersonateAccount(refusing);
      await networkHelpers.setBalance(refusing, parseEther("1"));
      const asRefusing = f.c.CoverClaims.connect(await ethers.getSigner(refusing));
      await expect(asRefusing.withdrawCredit())
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsTransferFailed")
        .withArgs(refusing, f.params.claimDeposit);
      // Once the account accepts ETH (its code gone here), the credit is paid and cleared.
      await networkHelpers.setCode(refusing, "0x");
      await expect(asRefusing.withdrawCredit())
        .to.emit(f.c.CoverClaims, "CreditWithdrawn")
        .withArgs(refusing, f.params.claimDeposit);
      expect(await f.c.CoverClaims.creditOf(refusing)).to.equal(0n);
    });

    it("claim() reverts for an unknown id with ClaimsNotFound; claimState reads None", async () => {
      const f = await load();
      await expect(f.c.CoverClaims.claim(7n))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsNotFound")
        .withArgs(7n);
      expect(await f.c.CoverClaims.claimState(7n)).to.equal(STATE.None);
    });

    it("LocalPriceFeed refuses unknown rounds and inconsistent posted rounds", async () => {
      const f = await load();
      const feed = f.c.DepegFeed;
      await expect(feed.getRoundData(0n))
        .to.be.revertedWithCustomError(feed, "LocalPriceFeedNoRound")
        .withArgs(0n);
      const t = BigInt(await time.latest());
      await expect(feed.postRound(1n, t, t + 100n, 0n)).to.be.revertedWithCustomError(
        feed,
        "LocalPriceFeedInvalidRound",
      );
      await expect(feed.postRound(1n, t, t - 1n, 0n)).to.be.revertedWithCustomError(
        feed,
        "LocalPriceFeedInvalidRound",
      );
      await expect(feed.postRound(1n, t, t, 99n)).to.be.revertedWithCustomError(
        feed,
        "LocalPriceFeedInvalidRound",
      );
    });
  });

  describe("claimReward", () => {
    it("shares a fixed reward pro-rata to weight, once per voter, after the claim is final", async () => {
      const f = await load();
      const id = await voted(f, true, false);
      const claims = f.c.CoverClaims;
      await expect(claims.connect(f.alice).claimReward(id))
        .to.be.revertedWithCustomError(claims, "ClaimsUnexpectedState")
        .withArgs(id, STATE.Voting, STATE.Approved);
      await toFinal(f, id);
      // Sized to the claim (rewardAmountBps of 20 WETH), at most rewardBps of the unreserved pot.
      const pot = await f.c.WethPool.assessorRewardPot();
      const potShare = (pot * BigInt(f.params.rewardBps)) / 10_000n;
      const amountShare = (parseEther("20") * BigInt(f.params.rewardAmountBps)) / 10_000n;
      const reward = potShare < amountShare ? potShare : amountShare;
      expect(reward).to.be.greaterThan(0n);
      const aliceShare = (reward * 500_000n) / 700_000n;
      await expect(claims.connect(f.alice).claimReward(id)).to.changeTokenBalance(
        ethers,
        f.c.WETH,
        f.alice,
        aliceShare,
      );
      expect(await claims.rewardOf(id)).to.equal(reward);
      await expect(claims.connect(f.alice).claimReward(id))
        .to.be.revertedWithCustomError(claims, "ClaimsNoReward")
        .withArgs(id, f.alice.address);
      await expect(claims.connect(f.carol).claimReward(id)).to.be.revertedWithCustomError(
        claims,
        "ClaimsNoReward",
      );
      await (await claims.connect(f.bob).claimReward(id)).wait();
      expect(await claims.reservedRewards(await f.c.WethPool.getAddress())).to.be.lessThan(2n);
    });
  });

  describe("parameters", () => {
    const setters: [string, bigint | number, bigint | number, bigint | number][] = [
      ["setVotingPeriod", 86_400, 86_399, 14 * 86_400 + 1],
      ["setLateVoteExtension", HOUR, HOUR - 1, 2 * 86_400 + 1],
      ["setMaxExtensions", 0, -1, 6],
      ["setCooldown", 86_400, 86_399, 7 * 86_400 + 1],
      ["setEscalationTimeout", 7 * 86_400, 7 * 86_400 - 1, 60 * 86_400 + 1],
      ["setRedemptionWindow", 30 * 86_400, 30 * 86_400 - 1, 365 * 86_400 + 1],
      ["setGracePeriod", 86_400, 86_399, 90 * 86_400 + 1],
      ["setQuorumBps", 100, 99, 5_001],
      ["setRewardBps", 0, -1, 1_001],
      ["setClaimDeposit", parseEther("0.001"), parseEther("0.001") - 1n, parseEther("10") + 1n],
      ["setEscalationBond", parseEther("0.01"), parseEther("0.01") - 1n, parseEther("100") + 1n],
      ["setRewardAmountBps", 0, -1, 501],
      ["setQuorumMissFeeBps", 0, -1, 5_001],
    ];

    it("every setter is Timelock-only, bounded, and names the bound it breaks", async () => {
      const f = await load();
      const claims = f.c.CoverClaims as unknown as Record<string, unknown> & typeof f.c.CoverClaims;
      for (const [name, valid, below, above] of setters) {
        const asAlice = claims.connect(f.alice) as unknown as Record<
          string,
          (v: unknown) => Promise<unknown>
        >;
        const asTimelock = claims.connect(f.timelock) as unknown as Record<
          string,
          (v: unknown) => Promise<unknown>
        >;
        await expect(asAlice[name](valid), name).to.be.revertedWithCustomError(
          claims,
          "AccessManagedUnauthorized",
        );
        // A lower quorum raises risk: it waits for the pools' exit time (test/governance/risk-change-delay.test.ts).
        const applied = name === "setQuorumBps" ? "RiskChangeQueued" : "ClaimParameterSet";
        await expect(asTimelock[name](valid), name).to.emit(claims, applied);
        if (Number(below) >= 0) {
          await expect(asTimelock[name](below), `${name} below`).to.be.revertedWithCustomError(
            claims,
            "ClaimsParameterOutOfBounds",
          );
        }
        await expect(asTimelock[name](above), `${name} above`).to.be.revertedWithCustomError(
          claims,
          "ClaimsParameterOutOfBounds",
        );
      }
      await expect(
        f.c.CoverClaims.connect(f.timelock).setTreasury(ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(claims, "ClaimsZeroAddress");
      await expect(f.c.CoverClaims.connect(f.timelock).setTreasury(f.alice.address))
        .to.emit(claims, "ClaimsTreasurySet")
        .withArgs(f.timelock.address, f.alice.address);
    });

    it("decodes its errors into sentences", async () => {
      const f = await load();
      const data = f.c.CoverClaims.interface.encodeErrorResult("ClaimsParameterOutOfBounds", [
        ethers.encodeBytes32String("quorumBps"),
        99n,
        100n,
        5_000n,
      ]);
      expect(decodeError(data)?.message).to.equal("quorumBps must be between 100 and 5000; 99 was given.");
    });
  });

  describe("TS core: readClaim and explainClaim", () => {
    it("explains an approved claim in words", async () => {
      const f = await load();
      const id = await voted(f, true, false);
      await toFinal(f, id);
      const detail = await readClaim(f.c, id);
      expect(detail.stakedWeight).to.equal(parseEther("805000"));
      const text = explainClaim(detail, { assetSymbol: "WETH" });
      expect(text).to.contain("approved by assessors: 71.4 % yes of 805k staked weight, quorum 10 % reached");
      expect(text).to.contain("redeemable by the cover's holder until");
      const g = await load();
      const denied = await fileClaim(g);
      await toFinal(g, denied);
      expect(explainClaim(await readClaim(g.c, denied))).to.contain("quorum 10 % not reached");
      expect(explainClaim(await readClaim(g.c, denied))).to.contain("the deposit is returned");
    });
  });
});
