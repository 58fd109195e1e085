/**
 * Parametric cover that measures a loss, not a tick (issue 14), on the whole DAO deployed by its Ignition
 * modules: the depeg product triggers at 0.995, recovers at 0.999, confirms over 24 hours, counts rounds two
 * days after purchase and pays the loss at the end of the window (Etherisc-like defaults). Each attack of the
 * review is a named test that now fails to exploit; the honest paths pay.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { decodeError } from "@coverdao/core/node";
import {
  COVER,
  DEPEG_COVER_AMOUNT,
  DEPEG_PERIOD,
  HOUR,
  ONE_DAY,
  PRICE,
  PRODUCT,
  USD,
  type ClaimsFixture,
  claimsFixture,
  fall,
  postAt,
  timeTo,
} from "./fixture.js";

const connection = await network.create();
const { networkHelpers, ethers } = connection;
const { time } = networkHelpers;
const fixture = () => claimsFixture(connection);
const load = () => networkHelpers.loadFixture(fixture);

/** Loss-proportional payout on `amount` at `price`: amount × (1 − price / 1.00). */
const lossOf = (amount: bigint, price: string) => (amount * (PRICE("1") - PRICE(price))) / PRICE("1");

/** Moves past the window of `roundId` (24 h after it) and files from it as the holder. */
async function fileAfterWindow(f: ClaimsFixture, roundId: bigint, amount = DEPEG_COVER_AMOUNT) {
  const { updatedAt } = await f.c.DepegFeed.getRoundData(roundId);
  const { terms } = await f.c.CoverBook.parametricSettings(PRODUCT.STABLE_DEPEG);
  const windowEnd = updatedAt + terms.confirmationWindow;
  if (BigInt(await time.latest()) < windowEnd) await time.increaseTo(windowEnd);
  return f.c.CoverClaims.connect(f.holder).submitParametricClaim(COVER.DEPEG, amount, roundId);
}

function termsWith(f: ClaimsFixture, changes: Partial<Record<string, bigint | number>> = {}) {
  const t = f.terms;
  return {
    recoveryPrice: t.recoveryPrice,
    referencePrice: t.referencePrice,
    confirmationWindow: t.confirmationWindow,
    waitingPeriod: t.waitingPeriod,
    heartbeat: t.heartbeat,
    heartbeatTolerance: t.heartbeatTolerance,
    triggerBufferBps: t.triggerBufferBps,
    payoutRule: t.payoutRule,
    ...changes,
  };
}

/**
 * Governance sets the depeg product's rule; one that pays more easily waits for the pool's exit time (the
 * exit-delay rule), so the test moves the clock past it and applies it, as anyone may.
 */
async function setTerms(f: ClaimsFixture, changes: Partial<Record<string, bigint | number>>) {
  await (
    await f.c.CoverBook.connect(f.timelock).setParametricTerms(PRODUCT.STABLE_DEPEG, termsWith(f, changes))
  ).wait();
  const [, effectiveAt] = await f.c.CoverBook.pendingParametricTerms(PRODUCT.STABLE_DEPEG);
  if (effectiveAt === 0n) return;
  await timeTo(connection, effectiveAt);
  await (
    await f.c.CoverBook.connect(f.outsider).applyRiskChange(
      await f.c.CoverBook.parametricTermsKey(PRODUCT.STABLE_DEPEG),
    )
  ).wait();
}

describe("parametric trigger (confirmation window, waiting period, payout rule)", () => {
  describe("honest paths", () => {
    it("a sustained depeg pays the loss measured at the end of the window (loss-proportional)", async () => {
      const f = await load();
      // 0.97 then 0.96, 0.95, 0.955 every 6 hours: below 0.999 through the 24 h window.
      const [trigger, , , last] = await fall(f, connection, ["0.97", "0.96", "0.95", "0.955"]);
      const tx = await fileAfterWindow(f, trigger);
      const payout = lossOf(DEPEG_COVER_AMOUNT, "0.955");
      await expect(tx)
        .to.emit(f.c.CoverClaims, "ParametricTriggerConfirmed")
        .withArgs(
          1n,
          trigger,
          (await f.c.DepegFeed.getRoundData(trigger)).updatedAt + ONE_DAY,
          last,
          PRICE("0.955"),
          3n,
          DEPEG_COVER_AMOUNT,
          payout,
        );
      await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(1n)).to.changeTokenBalance(
        ethers,
        f.c.Stablecoin,
        f.holder,
        payout,
      );
    });

    it("a full-payout product pays the whole amount claimed", async () => {
      const f = await load();
      // A full payout raises the pool's risk: setTerms applies it once underwriters could leave.
      await setTerms(f, { payoutRule: 0 });
      expect((await f.c.CoverBook.parametricSettings(PRODUCT.STABLE_DEPEG)).terms.payoutRule).to.equal(0n);
      const [trigger] = await fall(f, connection, ["0.99", "0.98", "0.98", "0.99"]);
      await (await fileAfterWindow(f, trigger, USD(40_000))).wait();
      await expect(f.c.CoverClaims.connect(f.holder).redeemPayout(1n)).to.changeTokenBalance(
        ethers,
        f.c.Stablecoin,
        f.holder,
        USD(40_000),
      );
    });

    it("records the cover's start price and round at purchase", async () => {
      const f = await load();
      const [roundId, answer] = await f.c.CoverBook.startPrice(COVER.DEPEG);
      expect(answer).to.equal(PRICE("1"));
      expect(roundId).to.equal((await f.c.DepegFeed.latestRoundData()).roundId);
      expect((await f.c.CoverBook.startPrice(COVER.WETH)).answer).to.equal(0n);
    });

    it("issue 4: gaps a few seconds over the 24 h heartbeat pass within the tolerance, not beyond it", async () => {
      const f = await load();
      await setTerms(f, { confirmationWindow: 2n * ONE_DAY });
      // The real USDC / USD cadence of March 2023: 86,424 s and 86,484 s between rounds.
      const [trigger] = await fall(f, connection, ["0.99", "0.99"], 86_484n);
      await (await fileAfterWindow(f, trigger)).wait();
      expect(await f.c.CoverClaims.claimCount()).to.equal(1n);

      const g = await load();
      await setTerms(g, { confirmationWindow: 2n * ONE_DAY, heartbeatTolerance: 60n });
      const [late] = await fall(g, connection, ["0.99", "0.99"], 86_484n);
      await expect(fileAfterWindow(g, late))
        .to.be.revertedWithCustomError(g.c.CoverClaims, "ClaimsOracleRoundStale")
        .withArgs(
          late,
          (await g.c.DepegFeed.getRoundData(late)).updatedAt,
          (await g.c.DepegFeed.getRoundData(late + 1n)).updatedAt,
          86_460n,
        );
    });

    it("walks across a phase change of the proxy: round 1 of the next phase follows the last of the old", async () => {
      const f = await load();
      const [trigger] = await fall(f, connection, ["0.98"]);
      await (await f.c.DepegFeed.startPhase()).wait();
      const at = (await f.c.DepegFeed.getRoundData(trigger)).updatedAt + 6n * BigInt(HOUR);
      const next = await postAt(f, connection, "0.97", at);
      expect(next).to.equal((1n << 64n) | 1n);
      await postAt(f, connection, "0.97", at + 6n * BigInt(HOUR));
      await expect(fileAfterWindow(f, trigger))
        .to.emit(f.c.CoverClaims, "ParametricTriggerConfirmed")
        .withArgs(
          1n,
          trigger,
          at - 6n * BigInt(HOUR) + ONE_DAY,
          next + 1n,
          PRICE("0.97"),
          2n,
          DEPEG_COVER_AMOUNT,
          lossOf(DEPEG_COVER_AMOUNT, "0.97"),
        );

      // A recovery in the new phase is seen as well.
      const g = await load();
      const [t2] = await fall(g, connection, ["0.98"]);
      await (await g.c.DepegFeed.startPhase()).wait();
      await postAt(g, connection, "1", (await g.c.DepegFeed.getRoundData(t2)).updatedAt + BigInt(HOUR));
      await expect(fileAfterWindow(g, t2)).to.be.revertedWithCustomError(
        g.c.CoverClaims,
        "ClaimsOracleFalseAlarm",
      );
    });
  });

  describe("attacks", () => {
    it("attack: buying while the feed is at or below the trigger plus buffer is refused", async () => {
      const f = await load();
      await (await f.c.DepegFeed.setAnswer(PRICE("0.90"))).wait();
      const round = (await f.c.DepegFeed.latestRoundData()).roundId;
      await expect(
        f.c.CoverBook.connect(f.buyer).buyCover(PRODUCT.STABLE_DEPEG, USD(1_000), DEPEG_PERIOD, USD(1_000)),
      )
        .to.be.revertedWithCustomError(f.c.CoverBook, "CoverPriceNearTrigger")
        .withArgs(round, PRICE("0.90"), PRICE("0.997985"));
      // Checked before any payment: a buyer who has not even approved the premium is told why.
      await expect(
        f.c.CoverBook.connect(f.alice).buyCover(PRODUCT.STABLE_DEPEG, USD(1_000), DEPEG_PERIOD, USD(1_000)),
      ).to.be.revertedWithCustomError(f.c.CoverBook, "CoverPriceNearTrigger");
      // Just above the trigger but within the 0.3 % buffer: still refused.
      await (await f.c.DepegFeed.setAnswer(PRICE("0.9975"))).wait();
      await expect(
        f.c.CoverBook.connect(f.buyer).buyCover(PRODUCT.STABLE_DEPEG, USD(1_000), DEPEG_PERIOD, USD(1_000)),
      ).to.be.revertedWithCustomError(f.c.CoverBook, "CoverPriceNearTrigger");
    });

    it("attack: buying while the feed is stale is refused", async () => {
      const f = await load();
      await time.increase(Number(f.terms.heartbeat + f.terms.heartbeatTolerance) + 1);
      await expect(
        f.c.CoverBook.connect(f.buyer).buyCover(PRODUCT.STABLE_DEPEG, USD(1_000), DEPEG_PERIOD, USD(1_000)),
      ).to.be.revertedWithCustomError(f.c.CoverBook, "CoverFeedStale");
      await (await f.c.DepegFeed.setAnswer(PRICE("1"))).wait();
      await (
        await f.c.CoverBook.connect(f.buyer).buyCover(
          PRODUCT.STABLE_DEPEG,
          USD(1_000),
          DEPEG_PERIOD,
          USD(1_000),
        )
      ).wait();
    });

    it("attack: buying while a trigger is in its confirmation window is refused until the price recovers", async () => {
      const f = await load();
      const now = BigInt(await time.latest());
      const dip = await postAt(f, connection, "0.99", now + 10n);
      await postAt(f, connection, "0.9985", now + 20n); // above trigger + buffer, below the recovery price
      const { updatedAt } = await f.c.DepegFeed.getRoundData(dip);
      await expect(
        f.c.CoverBook.connect(f.buyer).buyCover(PRODUCT.STABLE_DEPEG, USD(1_000), DEPEG_PERIOD, USD(1_000)),
      )
        .to.be.revertedWithCustomError(f.c.CoverBook, "CoverTriggerInConfirmation")
        .withArgs(dip, updatedAt + ONE_DAY);
      await postAt(f, connection, "0.9995", now + 30n); // a recovery: the fall was a false alarm
      await (
        await f.c.CoverBook.connect(f.buyer).buyCover(
          PRODUCT.STABLE_DEPEG,
          USD(1_000),
          DEPEG_PERIOD,
          USD(1_000),
        )
      ).wait();
    });

    it("attack: a round before the waiting period ends proves nothing", async () => {
      const f = await load();
      const { start } = await f.c.CoverBook.cover(COVER.DEPEG);
      const early = await postAt(f, connection, "0.9", start + f.terms.waitingPeriod - 60n);
      const { updatedAt } = await f.c.DepegFeed.getRoundData(early);
      await postAt(f, connection, "0.9", updatedAt + 6n * BigInt(HOUR));
      await expect(fileAfterWindow(f, early))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsOracleRoundBeforeWaitingPeriod")
        .withArgs(early, updatedAt, start + f.terms.waitingPeriod);
    });

    it("attack: a single-round dip that recovers inside the window pays nothing", async () => {
      const f = await load();
      const [dip, recovery] = await fall(f, connection, ["0.9", "1", "1", "1", "1"]);
      await expect(fileAfterWindow(f, dip))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsOracleFalseAlarm")
        .withArgs(dip, recovery, PRICE("1"), PRICE("0.999"));
    });

    it("attack: buy-claim-redeem in one transaction is impossible", async () => {
      const f = await load();
      const attacker = await ethers.deployContract("BuyClaimRedeem", [
        await f.c.CoverBook.getAddress(),
        await f.c.CoverClaims.getAddress(),
      ]);
      await (await f.c.Stablecoin.connect(f.buyer).transfer(await attacker.getAddress(), USD(10_000))).wait();
      const args = [
        await f.c.Stablecoin.getAddress(),
        PRODUCT.STABLE_DEPEG,
        USD(100_000),
        7n * ONE_DAY,
        await f.c.DepegFeed.getAddress(),
      ] as const;
      // The oracle's 0.90 round, then the attacker in the next transaction: no cover is sold.
      await (await f.c.DepegFeed.setAnswer(PRICE("0.90"))).wait();
      await expect(attacker.attack(...args, 0n)).to.be.revertedWithCustomError(
        f.c.CoverBook,
        "CoverPriceNearTrigger",
      );
      // A healthy feed and a 0.90 round posted inside the attacker's transaction: it proves nothing yet.
      await (await f.c.DepegFeed.setAnswer(PRICE("1"))).wait();
      await expect(attacker.attack(...args, PRICE("0.90"))).to.be.revertedWithCustomError(
        f.c.CoverClaims,
        "ClaimsOracleRoundBeforeWaitingPeriod",
      );
      expect(await f.c.Stablecoin.balanceOf(await attacker.getAddress())).to.equal(USD(10_000));
    });

    it("attack: naming a later round of the same fall, or the same fall twice, is refused", async () => {
      const f = await load();
      const [first, second] = await fall(f, connection, ["0.98", "0.97", "0.97", "0.97", "0.97"]);
      await expect(fileAfterWindow(f, second))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsOracleNotFirstTriggerRound")
        .withArgs(second, first);
      await (await fileAfterWindow(f, first, USD(50_000))).wait();
      await (await f.c.CoverClaims.connect(f.holder).redeemPayout(1n)).wait();
      // The cover has 50k + 48.5k left: the same fall cannot pay again.
      await expect(fileAfterWindow(f, first, USD(10_000))).to.be.revertedWithCustomError(
        f.c.CoverClaims,
        "ClaimsTriggerAlreadyClaimed",
      );
    });

    it("attack: a claim filed before its window ends, or with a gap in the feed inside it, is refused", async () => {
      const f = await load();
      const [trigger] = await fall(f, connection, ["0.98"]);
      const { updatedAt } = await f.c.DepegFeed.getRoundData(trigger);
      await expect(f.c.CoverClaims.connect(f.holder).submitParametricClaim(COVER.DEPEG, 1n, trigger))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsOracleWindowOpen")
        .withArgs(trigger, updatedAt + ONE_DAY);
      // The feed then stalls past the heartbeat and tolerance and posts after the window: stale, not a loss.
      const g = await load();
      await setTerms(g, { heartbeat: 6n * BigInt(HOUR), heartbeatTolerance: 0n });
      const [t2] = await fall(g, connection, ["0.98", "0.98"], 7n * BigInt(HOUR));
      await expect(fileAfterWindow(g, t2)).to.be.revertedWithCustomError(
        g.c.CoverClaims,
        "ClaimsOracleRoundStale",
      );
    });

    it("attack: an L2 sequencer that is down or just back stops sales and claims", async () => {
      const f = await load();
      const uptime = await ethers.deployContract("LocalPriceFeed", [0, "L2 sequencer uptime", 0]);
      await (
        await f.c.CoverBook.connect(f.timelock).setSequencerUptimeFeed(await uptime.getAddress(), HOUR)
      ).wait();
      const [trigger] = await fall(f, connection, ["0.98", "0.98", "0.98", "0.98"]);
      await time.increase(Number(ONE_DAY));
      const now = BigInt(await time.latest());
      await (await uptime.postRound(1n, now, now, 0n)).wait(); // down
      await (await f.c.DepegFeed.setAnswer(PRICE("1"))).wait();
      await expect(
        f.c.CoverBook.connect(f.buyer).buyCover(PRODUCT.STABLE_DEPEG, USD(1_000), DEPEG_PERIOD, USD(1_000)),
      ).to.be.revertedWithCustomError(f.c.CoverBook, "CoverSequencerDown");
      await expect(fileAfterWindow(f, trigger)).to.be.revertedWithCustomError(
        f.c.CoverClaims,
        "ClaimsSequencerDown",
      );
      const upAt = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(upAt);
      await (await uptime.postRound(0n, upAt, upAt, 0n)).wait(); // back up: grace period
      await expect(fileAfterWindow(f, trigger))
        .to.be.revertedWithCustomError(f.c.CoverClaims, "ClaimsSequencerGracePeriod")
        .withArgs(upAt, upAt + BigInt(HOUR));
      await time.increaseTo(upAt + BigInt(HOUR));
      await (await f.c.DepegFeed.setAnswer(PRICE("1"))).wait();
      await expect(fileAfterWindow(f, trigger)).to.emit(f.c.CoverClaims, "ParametricClaimApproved");
    });
  });

  describe("governance of the trigger rule", () => {
    it("setParametricTerms is Timelock-only and bounded; assessed products have none", async () => {
      const f = await load();
      await expect(
        f.c.CoverBook.connect(f.alice).setParametricTerms(PRODUCT.STABLE_DEPEG, termsWith(f)),
      ).to.be.revertedWithCustomError(f.c.CoverBook, "AccessManagedUnauthorized");
      await expect(setTerms(f, { waitingPeriod: 0n })).to.be.revertedWithCustomError(
        f.c.CoverBook,
        "CoverParameterOutOfBounds",
      );
      await expect(setTerms(f, { confirmationWindow: 8n * ONE_DAY })).to.be.revertedWithCustomError(
        f.c.CoverBook,
        "CoverParameterOutOfBounds",
      );
      await expect(setTerms(f, { recoveryPrice: PRICE("0.99") }))
        .to.be.revertedWithCustomError(f.c.CoverBook, "CoverInvalidProduct")
        .withArgs(ethers.encodeBytes32String("recoveryPrice"));
      await expect(setTerms(f, { referencePrice: PRICE("0.998") })).to.be.revertedWithCustomError(
        f.c.CoverBook,
        "CoverInvalidProduct",
      );
      await expect(
        f.c.CoverBook.connect(f.timelock).setParametricTerms(PRODUCT.WETH_SMART_CONTRACT, termsWith(f)),
      ).to.be.revertedWithCustomError(f.c.CoverBook, "CoverProductNotParametric");
      await expect(
        f.c.CoverBook.connect(f.timelock).setSequencerUptimeFeed(f.alice.address, 60),
      ).to.be.revertedWithCustomError(f.c.CoverBook, "CoverParameterOutOfBounds");
      const message = decodeError(
        f.c.CoverBook.interface.encodeErrorResult("CoverPriceNearTrigger", [
          3n,
          PRICE("0.9"),
          PRICE("0.997985"),
        ]),
      )?.message;
      expect(message).to.equal(
        "The price is 0.9, at or below the trigger plus buffer (0.997985): cover is not sold during or just before a depeg.",
      );
    });
  });
});

describe("parametric trigger: oracle health of the named round", () => {
  it("attack: a zero or negative, an incomplete or an unknown round is refused", async () => {
    const f = await load();
    const claims = f.c.CoverClaims.connect(f.holder);
    const { start } = await f.c.CoverBook.cover(COVER.DEPEG);
    await time.increaseTo(start + f.terms.waitingPeriod);
    for (const answer of [0n, -1n]) {
      await (await f.c.DepegFeed.setAnswer(answer)).wait();
      const round = (await f.c.DepegFeed.latestRoundData()).roundId;
      await expect(claims.submitParametricClaim(COVER.DEPEG, 1n, round))
        .to.be.revertedWithCustomError(claims, "ClaimsOracleInvalidAnswer")
        .withArgs(round, answer);
    }
    const t = BigInt(await time.latest());
    await (await f.c.DepegFeed.postRound(PRICE("0.5"), t, t, 1n)).wait(); // answered in an earlier round
    const carried = (await f.c.DepegFeed.latestRoundData()).roundId;
    await expect(claims.submitParametricClaim(COVER.DEPEG, 1n, carried))
      .to.be.revertedWithCustomError(claims, "ClaimsOracleRoundIncomplete")
      .withArgs(carried, 1n, t);
    await expect(claims.submitParametricClaim(COVER.DEPEG, 1n, 999n))
      .to.be.revertedWithCustomError(claims, "ClaimsOracleRoundUnavailable")
      .withArgs(999n);
    // After the cover's end (filing still open in the grace period): outside the cover.
    const { end } = await f.c.CoverBook.cover(COVER.DEPEG);
    await time.increaseTo(end + 60n);
    await (await f.c.DepegFeed.setAnswer(PRICE("0.9"))).wait();
    const late = (await f.c.DepegFeed.latestRoundData()).roundId;
    await expect(claims.submitParametricClaim(COVER.DEPEG, 1n, late)).to.be.revertedWithCustomError(
      claims,
      "ClaimsOracleRoundOutsideCover",
    );
    // An assessed product has no feed.
    await expect(claims.submitParametricClaim(COVER.WETH, 1n, late))
      .to.be.revertedWithCustomError(claims, "ClaimsProductNotParametric")
      .withArgs(1n);
  });
});
