/**
 * The core's parametric-claim rounds (packages/core/src/claims/parametric.ts) against the claims fixture on an in-process
 * chain: the depeg feed's recent rounds are listed newest first, each judged as `submitParametricClaim`
 * judges it, with the reason in words; and a fuzz: for random round sequences (seeded PRNG) the contract's
 * verdict on every round equals the core's {judgeTrigger} verdict, payout included.
 */
import { expect } from "chai";
import { network } from "hardhat";

import {
  type FeedRound,
  type TriggerRules,
  decodeError,
  describeProblem,
  formatPrice,
  judgeTrigger,
  lowestQualifying,
  parametricPayout,
  readAccountParametricCovers,
  readParametricCovers,
  spellDuration,
  unitOf,
} from "@coverdao/core/node";
import {
  COVER,
  DEPEG_COVER_AMOUNT,
  PRICE,
  type ClaimsFixture,
  claimsFixture,
  fall,
  postAt,
} from "./fixture.js";

const connection = await network.create();
const { networkHelpers, ethers } = connection;
const { time } = networkHelpers;
const fixture = () => claimsFixture(connection);
const load = () => networkHelpers.loadFixture(fixture);

async function depegCover(f: ClaimsFixture, maxRounds?: number) {
  const [cover] = await readParametricCovers(ethers.provider, f.deployment, [COVER.DEPEG], { maxRounds });
  return cover;
}

/** What the contract says of filing from `roundId` now: the payout, or the decoded error's name. */
async function contractVerdict(f: ClaimsFixture, roundId: bigint): Promise<string> {
  try {
    const claims = f.c.CoverClaims.connect(f.holder);
    const tx = await claims.submitParametricClaim.populateTransaction(
      COVER.DEPEG,
      DEPEG_COVER_AMOUNT,
      roundId,
    );
    await ethers.provider.call({ ...tx, from: f.holder.address });
    return "ok";
  } catch (error) {
    return decodeError(error)?.name ?? String(error);
  }
}

/** A small deterministic PRNG (mulberry32), so that a failing sequence can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("parametric claim rounds (core)", function () {
  it("reads the product's trigger rule and the cover; no round before the cover counts", async () => {
    const f = await load();
    const cover = await depegCover(f);
    const onChain = await f.c.CoverBook.cover(COVER.DEPEG);
    expect(cover.feed).to.equal(await f.c.DepegFeed.getAddress());
    expect([cover.decimals, cover.triggerPrice, cover.recoveryPrice, cover.unit]).to.deep.equal([
      8,
      "0.995",
      "0.999",
      "USD",
    ]);
    expect([cover.confirmationWindow, cover.waitingPeriod, cover.payoutRule]).to.deep.equal([
      f.terms.confirmationWindow,
      f.terms.waitingPeriod,
      "LossProportional",
    ]);
    expect(cover.countsFrom).to.equal(onChain.start + f.terms.waitingPeriod);
    expect(cover.maxGap).to.equal(f.terms.heartbeat + f.terms.heartbeatTolerance);
    expect(cover.startPrice).to.equal("1");
    expect(cover.filingDeadline).to.equal(onChain.end + f.params.gracePeriod);
    expect(cover.rounds).to.deep.equal([]);
    expect(cover.openClaim).to.equal(undefined);
  });

  it("lists each round with the contract's verdict in words, the qualifying one with its payout", async () => {
    const f = await load();
    const [trigger, second] = await fall(f, connection, ["0.98", "0.97", "0.97", "0.97"]);
    let cover = await depegCover(f);
    // Inside the window: in confirmation.
    const open = cover.rounds.find((r) => r.roundId === trigger)!;
    expect(open.qualifies).to.equal(false);
    expect(open.reason).to.match(/^in confirmation: it counts if the price stays below 0\.999 USD until /);
    expect(cover.rounds.find((r) => r.roundId === second)!.reason).to.equal(
      `not the first round of the fall: round ${trigger} was already at or below the trigger`,
    );
    expect(cover.rounds.find((r) => r.roundId === trigger - 1n)!.reason).to.equal(
      "above the trigger (1 USD > 0.995 USD)",
    );
    await time.increase(Number(f.terms.confirmationWindow));
    cover = await depegCover(f);
    const row = lowestQualifying(cover.rounds)!;
    expect(row.roundId).to.equal(trigger);
    expect(row.payout).to.equal(
      parametricPayout(DEPEG_COVER_AMOUNT, "LossProportional", PRICE("1"), PRICE("0.97")),
    );
    for (const r of cover.rounds)
      expect(await contractVerdict(f, r.roundId)).to.equal(r.verdict.ok ? "ok" : r.verdict.problem.error);
  });

  it("words each problem and judges a round without a chain", () => {
    const rounds = new Map<bigint, FeedRound>();
    const add = (id: bigint, answer: string, updatedAt: bigint) =>
      rounds.set(id, { roundId: id, answer: PRICE(answer), updatedAt, answeredInRound: id });
    add(1n, "1", 1_000n);
    add(2n, "0.99", 2_000n);
    add(3n, "0.9995", 3_000n);
    const rules: TriggerRules = {
      countsFrom: 1_500n,
      coverEnd: 100_000n,
      trigger: PRICE("0.995"),
      recovery: PRICE("0.999"),
      window: 5_000n,
      maxGap: 3_600n,
      now: 10_000n,
    };
    const lookup = (id: bigint) => rounds.get(id);
    const verdict = judgeTrigger(lookup, 2n, rules);
    expect(verdict).to.deep.equal({
      ok: false,
      problem: {
        kind: "falseAlarm",
        error: "ClaimsOracleFalseAlarm",
        recoveryRoundId: 3n,
        answer: PRICE("0.9995"),
      },
    });
    const context = {
      decimals: 8,
      unit: "USD",
      trigger: rules.trigger,
      recovery: rules.recovery,
      maxGap: rules.maxGap,
    };
    expect(
      describeProblem(verdict.ok ? (undefined as never) : verdict.problem, rounds.get(2n)!, context),
    ).to.equal(
      "a false alarm: round 3 recovered to 0.9995 USD (the recovery price is 0.999 USD) inside the window",
    );
    rounds.delete(3n);
    // No round after the trigger: the feed must still have reported within 3,600 s of the window's end.
    const stale = judgeTrigger(lookup, 2n, rules);
    expect(stale.ok ? undefined : stale.problem.kind).to.equal("stale");
    expect(judgeTrigger(lookup, 2n, { ...rules, maxGap: 5_000n })).to.deep.include({ ok: true });
    expect(judgeTrigger(lookup, 1n, rules)).to.deep.equal({
      ok: false,
      problem: { kind: "beforeWaitingPeriod", error: "ClaimsOracleRoundBeforeWaitingPeriod" },
    });
    expect(formatPrice(91_200_000n, 8)).to.equal("0.912");
    expect([spellDuration(93_601n), spellDuration(0n)]).to.deep.equal([
      "1 day 2 hours 1 second",
      "0 seconds",
    ]);
    expect([unitOf("tUSD / USD"), unitOf(undefined)]).to.deep.equal(["USD", undefined]);
    expect(parametricPayout(1_000n, "Full", PRICE("1"), PRICE("0.5"))).to.equal(1_000n);
    expect(parametricPayout(1_000n, "LossProportional", PRICE("1"), PRICE("0.97"))).to.equal(30n);
  });

  it("finds the account's parametric covers, following the cover NFT", async () => {
    const f = await load();
    const held = await readAccountParametricCovers(ethers.provider, f.deployment, f.holder.address);
    expect(held.map((c) => c.coverId)).to.deep.equal([COVER.DEPEG]); // the WETH cover is assessed
    await (
      await f.c.CoverBook.connect(f.holder).transferFrom(f.holder.address, f.buyer.address, COVER.DEPEG)
    ).wait();
    expect(await readAccountParametricCovers(ethers.provider, f.deployment, f.holder.address)).to.deep.equal(
      [],
    );
    const bought = await readAccountParametricCovers(ethers.provider, f.deployment, f.buyer.address);
    expect(bought.map((c) => [c.coverId, c.owner])).to.deep.equal([[COVER.DEPEG, f.buyer.address]]);
  });

  it("fuzz: for random round sequences the contract's verdict equals the core's, round by round", async function () {
    this.timeout(600_000);
    const sequences = Number(process.env.PARAMETRIC_FUZZ_SEQUENCES ?? 16);
    let compared = 0;
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= sequences; seed++) {
      const random = prng(seed);
      const f = await load();
      const { start } = await f.c.CoverBook.cover(COVER.DEPEG);
      let at = start + f.terms.waitingPeriod - 3n * 3_600n;
      const prices = ["1", "0.9995", "0.999", "0.998", "0.996", "0.995", "0.99", "0.97", "0.9"];
      const count = 6 + Math.floor(random() * 14);
      for (let i = 0; i < count; i++) {
        // Gaps from minutes to past the heartbeat plus tolerance; now and then a phase change or a bad round.
        const gap = BigInt(Math.floor(random() < 0.1 ? 86_400 + random() * 7_200 : 60 + random() * 30_000));
        at += gap;
        const roll = random();
        if (roll < 0.05) await (await f.c.DepegFeed.startPhase()).wait();
        if (roll > 0.97) {
          await time.setNextBlockTimestamp(at);
          await (await f.c.DepegFeed.postRound(PRICE("0.9"), at, at, 1n)).wait(); // carried over: incomplete
        } else {
          await postAt(f, connection, prices[Math.floor(random() * prices.length)], at);
        }
      }
      await time.increase(Math.floor(random() * 2 * 86_400));
      const now = BigInt(await time.latest());
      const { end } = await f.c.CoverBook.cover(COVER.DEPEG);
      // Every round of every phase, as getRoundData answers it.
      const rounds = new Map<bigint, FeedRound>();
      const phase = await f.c.DepegFeed.phaseId();
      for (let p = 0n; p <= phase; p++) {
        for (let id = (p << 64n) | 1n; ; id++) {
          try {
            const r = await f.c.DepegFeed.getRoundData(id);
            rounds.set(id, {
              roundId: id,
              answer: r.answer,
              updatedAt: r.updatedAt,
              answeredInRound: r.answeredInRound,
            });
          } catch {
            break;
          }
        }
      }
      const rules: TriggerRules = {
        countsFrom: start + f.terms.waitingPeriod,
        coverEnd: end,
        trigger: PRICE("0.995"),
        recovery: f.terms.recoveryPrice,
        window: f.terms.confirmationWindow,
        maxGap: f.terms.heartbeat + f.terms.heartbeatTolerance,
        now,
      };
      for (const id of [...rounds.keys(), 999n]) {
        const core = judgeTrigger((x) => rounds.get(x), id, rules);
        const expected = core.ok
          ? parametricPayout(
              DEPEG_COVER_AMOUNT,
              "LossProportional",
              f.terms.referencePrice,
              core.confirmation.endAnswer,
            ) > 0n
            ? "ok"
            : "ClaimsParametricNoLoss"
          : core.problem.error;
        expect(await contractVerdict(f, id), `seed ${seed}, round ${id}`).to.equal(expected);
        if (core.ok) {
          // The payout: file it and read the event.
          const snapshot = await networkHelpers.takeSnapshot();
          const receipt = await (
            await f.c.CoverClaims.connect(f.holder).submitParametricClaim(COVER.DEPEG, DEPEG_COVER_AMOUNT, id)
          ).wait();
          const event = receipt!.logs
            .map((log) => f.c.CoverClaims.interface.parseLog(log))
            .find((e) => e?.name === "ParametricTriggerConfirmed");
          expect(event?.args.payout, `seed ${seed}, round ${id} payout`).to.equal(
            parametricPayout(
              DEPEG_COVER_AMOUNT,
              "LossProportional",
              f.terms.referencePrice,
              core.confirmation.endAnswer,
            ),
          );
          expect(event?.args.endRoundId).to.equal(core.confirmation.endRoundId);
          expect(event?.args.rounds).to.equal(core.confirmation.rounds);
          await snapshot.restore();
        }
        compared++;
        outcomes.add(expected);
      }
    }
    expect(compared).to.be.greaterThan(sequences * 6);
    // The sequences reach confirmed triggers (payouts compared) and the main refusals.
    for (const outcome of [
      "ok",
      "ClaimsOracleFalseAlarm",
      "ClaimsOracleNotFirstTriggerRound",
      "ClaimsOracleTriggerNotReached",
    ])
      expect(outcomes, outcome).to.include(outcome);
  });
});
