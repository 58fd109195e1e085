/**
 * The core's parametric-claim rounds (scripts/lib/parametric.ts) against the claims fixture on an in-process
 * chain: the depeg feed's recent rounds are listed newest first, each judged as `submitParametricClaim`
 * judges it (checked here against the contract itself), with the reason in words; the walk stops before the
 * cover's start and after at most `maxRounds`; only the account's parametric covers are read.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { CLAIM_STATES } from "../../scripts/lib/claims.js";
import { decodeError } from "../../scripts/lib/errors.js";
import {
  type FeedRound,
  type ParametricCover,
  describeProblem,
  formatPrice,
  lowestQualifying,
  readAccountParametricCovers,
  readParametricCovers,
  roundProblems,
  spellDuration,
  unitOf,
} from "../../scripts/lib/parametric.js";
import {
  COVER,
  DEPEG_COVER_AMOUNT,
  DEPEG_PERIOD,
  HOUR,
  ONE_DAY,
  PRICE,
  type ClaimsFixture,
  claimsFixture,
  timeTo,
} from "./fixture.js";

const connection = await network.create();
const { networkHelpers, ethers } = connection;
const { time } = networkHelpers;
const fixture = () => claimsFixture(connection);
const load = () => networkHelpers.loadFixture(fixture);

async function depegCover(f: ClaimsFixture, maxRounds?: number): Promise<ParametricCover> {
  const [cover] = await readParametricCovers(ethers.provider, f.deployment, [COVER.DEPEG], { maxRounds });
  return cover;
}

/** What the contract says of filing from `roundId` now: "ok" or the decoded error's name. */
async function contractVerdict(f: ClaimsFixture, roundId: bigint): Promise<string> {
  try {
    await f.c.CoverClaims.connect(f.holder).submitParametricClaim.staticCall(
      COVER.DEPEG,
      DEPEG_COVER_AMOUNT,
      roundId,
    );
    return "ok";
  } catch (error) {
    return decodeError(error)?.name ?? String(error);
  }
}

describe("parametric claim rounds (core)", function () {
  it("reads the trigger, the cover and the module's round gap; no round before the cover counts", async () => {
    const f = await load();
    const cover = await depegCover(f);
    const product = await f.c.CoverBook.product(2n);
    const onChain = await f.c.CoverBook.cover(COVER.DEPEG);
    expect(cover.feed).to.equal(await f.c.DepegFeed.getAddress());
    expect([cover.decimals, cover.trigger, cover.triggerPrice, cover.unit]).to.deep.equal([
      8,
      product.triggerPrice,
      "0.95",
      "USD",
    ]);
    expect([cover.start, cover.end, cover.remaining]).to.deep.equal([
      onChain.start,
      onChain.end,
      DEPEG_COVER_AMOUNT,
    ]);
    expect(cover.maxRoundGap).to.equal(f.params.maxRoundGap);
    expect(cover.filingDeadline).to.equal(onChain.end + f.params.gracePeriod);
    expect(cover.filingOpen).to.equal(true);
    expect(cover.pool?.symbol).to.equal("tUSD");
    // The feed's only round was published at deployment, before the cover: the walk stops there.
    expect(cover.rounds).to.deep.equal([]);
    expect(cover.truncated).to.equal(false);
    expect(cover.openClaim).to.equal(undefined);
  });

  it("lists a round above the trigger and one below, newest first, as the contract judges them", async () => {
    const f = await load();
    await (await f.c.DepegFeed.setAnswer(PRICE("0.97"))).wait();
    await time.increase(HOUR);
    await (await f.c.DepegFeed.setAnswer(PRICE("0.9"))).wait();
    await time.increase(HOUR);
    await (await f.c.DepegFeed.setAnswer(PRICE("0.93"))).wait();
    const cover = await depegCover(f);
    expect(cover.rounds.map((r) => [r.roundId, r.price, r.qualifies, r.reason])).to.deep.equal([
      [4n, "0.93", true, "qualifies"],
      [3n, "0.9", true, "qualifies"],
      [2n, "0.97", false, "above the trigger (0.97 USD > 0.95 USD)"],
    ]);
    const round3 = await f.c.DepegFeed.getRoundData(3n);
    expect(cover.rounds[1].updatedAt).to.equal(round3.updatedAt);
    expect(cover.rounds[1].answer).to.equal(PRICE("0.9"));
    expect(lowestQualifying(cover.rounds)?.roundId).to.equal(3n);
    for (const round of [2n, 3n, 4n]) {
      const row = cover.rounds.find((r) => r.roundId === round);
      expect(await contractVerdict(f, round)).to.equal(
        row?.qualifies ? "ok" : "ClaimsOracleTriggerNotReached",
      );
    }

    // Filed from the lowest: the cover now has an open (approved) claim and no new one can be filed.
    await (
      await f.c.CoverClaims.connect(f.holder).submitParametricClaim(COVER.DEPEG, DEPEG_COVER_AMOUNT, 3n)
    ).wait();
    const after = await depegCover(f);
    expect(after.openClaim).to.deep.equal({ id: 1n, state: "Approved" });
    expect(CLAIM_STATES[Number(await f.c.CoverClaims.claimState(1n))]).to.equal("Approved");
  });

  it("marks stale rounds by the module's maxRoundGap, the latest one against the chain's time", async () => {
    const f = await load();
    const gap = Number(f.params.maxRoundGap);
    expect(gap).to.equal(Number(ONE_DAY));
    await (await f.c.DepegFeed.setAnswer(PRICE("0.9"))).wait();
    await time.setNextBlockTimestamp((await time.latest()) + gap + 2 * HOUR);
    await (await f.c.DepegFeed.setAnswer(PRICE("0.8"))).wait();
    let cover = await depegCover(f);
    expect(cover.rounds.map((r) => [r.roundId, r.qualifies, r.reason])).to.deep.equal([
      [3n, true, "qualifies"],
      [2n, false, "stale: the next round came 1 day 2 hours later, more than the allowed 1 day"],
    ]);
    expect(await contractVerdict(f, 2n)).to.equal("ClaimsOracleRoundStale");

    // The feed stops: its latest round goes stale too, and then no round qualifies.
    await time.increase(gap + 3 * HOUR);
    cover = await depegCover(f);
    expect(cover.rounds[0].qualifies).to.equal(false);
    expect(cover.rounds[0].reason).to.equal(
      "stale: the feed has not updated for 1 day 3 hours, more than the allowed 1 day",
    );
    expect(await contractVerdict(f, 3n)).to.equal("ClaimsOracleRoundStale");
    expect(lowestQualifying(cover.rounds)).to.equal(undefined);
  });

  it("names incomplete, non-positive and after-the-cover rounds as the contract rejects them", async () => {
    const f = await load();
    const now = BigInt(await time.latest());
    await (await f.c.DepegFeed.postRound(PRICE("0.5"), now, 0n, 0n)).wait(); // 2: never updated
    await (await f.c.DepegFeed.postRound(PRICE("0.5"), now, now + 1n, 1n)).wait(); // 3: answered in 1
    await (await f.c.DepegFeed.setAnswer(0n)).wait(); // 4
    await (await f.c.DepegFeed.setAnswer(PRICE("0.97"))).wait(); // 5
    const cover = await depegCover(f);
    expect(cover.rounds.map((r) => [r.roundId, r.reason])).to.deep.equal([
      [5n, "above the trigger (0.97 USD > 0.95 USD)"],
      [4n, "not a valid price (0 USD)"],
      [3n, "incomplete (answered in round 1)"],
      [2n, "incomplete (the round was never updated)"],
    ]);
    expect(await contractVerdict(f, 2n)).to.equal("ClaimsOracleRoundIncomplete");
    expect(await contractVerdict(f, 3n)).to.equal("ClaimsOracleRoundIncomplete");
    expect(await contractVerdict(f, 4n)).to.equal("ClaimsOracleInvalidAnswer");

    // After the cover's end, inside the grace period: a depeg then proves nothing for this cover.
    const { end } = await f.c.CoverBook.cover(COVER.DEPEG);
    await timeTo(connection, end + 60n);
    await (await f.c.DepegFeed.setAnswer(PRICE("0.8"))).wait();
    const late = await depegCover(f);
    expect(late.filingOpen).to.equal(true);
    expect(late.rounds[0].reason).to.equal("updated after the cover ended");
    expect(await contractVerdict(f, late.rounds[0].roundId)).to.equal("ClaimsOracleRoundOutsideCover");
    expect(late.end - late.start).to.equal(DEPEG_PERIOD);
  });

  it("reads at most maxRounds rounds back and says when older ones were left", async () => {
    const f = await load();
    for (let i = 0; i < 12; i++) await (await f.c.DepegFeed.setAnswer(PRICE(i % 2 ? "0.99" : "0.94"))).wait();
    const bounded = await depegCover(f, 5);
    expect(bounded.rounds.map((r) => r.roundId)).to.deep.equal([13n, 12n, 11n, 10n, 9n]);
    expect(bounded.truncated).to.equal(true);
    const all = await depegCover(f);
    expect(all.rounds).to.have.length(12);
    expect(all.truncated).to.equal(false);
    expect(all.rounds.filter((r) => r.qualifies).map((r) => r.roundId)).to.deep.equal([
      12n,
      10n,
      8n,
      6n,
      4n,
      2n,
    ]);
    // Equal answers: the older round is preferred.
    expect(lowestQualifying(all.rounds)?.roundId).to.equal(2n);
  });

  it("finds the account's parametric covers, following the cover NFT", async () => {
    const f = await load();
    const held = await readAccountParametricCovers(ethers.provider, f.deployment, f.holder.address);
    expect(held.map((c) => c.coverId)).to.deep.equal([COVER.DEPEG]); // the WETH cover is assessed
    expect(await readAccountParametricCovers(ethers.provider, f.deployment, f.buyer.address)).to.deep.equal(
      [],
    );
    await (
      await f.c.CoverBook.connect(f.holder).transferFrom(f.holder.address, f.buyer.address, COVER.DEPEG)
    ).wait();
    expect(await readAccountParametricCovers(ethers.provider, f.deployment, f.holder.address)).to.deep.equal(
      [],
    );
    const bought = await readAccountParametricCovers(ethers.provider, f.deployment, f.buyer.address);
    expect(bought.map((c) => [c.coverId, c.owner])).to.deep.equal([[COVER.DEPEG, f.buyer.address]]);
  });

  it("words each problem and checks a round without a chain", () => {
    const round: FeedRound = { roundId: 7n, answer: PRICE("0.97"), updatedAt: 1_000n, answeredInRound: 7n };
    const rules = { start: 500n, end: 2_000n, trigger: PRICE("0.95"), maxRoundGap: 3_600n, now: 1_500n };
    const context = { decimals: 8, unit: "USD", trigger: rules.trigger, maxRoundGap: rules.maxRoundGap };
    expect(roundProblems(round, undefined, rules)).to.deep.equal([{ kind: "aboveTrigger" }]);
    const low = { ...round, answer: PRICE("0.95") };
    expect(roundProblems(low, undefined, rules)).to.deep.equal([]); // at the trigger qualifies
    expect(
      roundProblems(low, { ...low, roundId: 8n, updatedAt: 0n }, { ...rules, now: 5_000n }),
    ).to.deep.equal([{ kind: "stale", gap: 4_000n, latest: true }]);
    expect(roundProblems({ ...low, updatedAt: 400n }, undefined, rules)).to.deep.equal([
      { kind: "beforeCover" },
    ]);
    expect(describeProblem({ kind: "beforeCover" }, low, context)).to.equal(
      "updated before the cover started",
    );
    expect(describeProblem({ kind: "stale", gap: 5_400n, latest: false }, low, context)).to.equal(
      "stale: the next round came 1 hour 30 minutes later, more than the allowed 1 hour",
    );
    expect(formatPrice(PRICE("1"), 8)).to.equal("1");
    expect([spellDuration(93_601n), spellDuration(0n), spellDuration(60n)]).to.deep.equal([
      "1 day 2 hours 1 second",
      "0 seconds",
      "1 minute",
    ]);
    expect(formatPrice(91_200_000n, 8)).to.equal("0.912");
    expect([unitOf("tUSD / USD"), unitOf("ETH"), unitOf(undefined)]).to.deep.equal([
      "USD",
      undefined,
      undefined,
    ]);
  });
});
