import { describe, expect, it } from "vitest";

import { type ParametricCover, type TriggerRoundRow, describeTriggerRule } from "@coverdao/core";
import { checkParametricForm, parametricBlocker, plainAmount } from ".";

const round = (
  roundId: bigint,
  answer: bigint,
  qualifies: boolean,
  reason = "qualifies",
): TriggerRoundRow => ({
  roundId,
  answer,
  updatedAt: 1_700_000_000n + roundId,
  answeredInRound: roundId,
  price: plainAmount(answer, 8),
  verdict: qualifies
    ? {
        ok: true,
        confirmation: {
          triggerAnswer: answer,
          triggeredAt: 1_700_000_000n + roundId,
          windowEnd: 1_700_086_400n + roundId,
          endRoundId: roundId,
          endAnswer: answer,
          rounds: 0n,
        },
      }
    : { ok: false, problem: { kind: "aboveTrigger", error: "ClaimsOracleTriggerNotReached" } },
  claimed: false,
  qualifies,
  payout: qualifies ? 10_000_000_000n : 0n,
  reason,
});

const cover = (over: Partial<ParametricCover> = {}): ParametricCover => ({
  coverId: 2n,
  productId: 2n,
  productName: "Stablecoin depeg",
  owner: "0x0000000000000000000000000000000000000001",
  feed: "0x0000000000000000000000000000000000000002",
  feedDescription: "tUSD / USD",
  unit: "USD",
  decimals: 8,
  trigger: 99_500_000n,
  triggerPrice: "0.995",
  start: 1_699_000_000n,
  end: 1_701_000_000n,
  remaining: 100_000_000_000n,
  pool: { assetDecimals: 6, symbol: "tUSD" } as ParametricCover["pool"],
  recovery: 99_900_000n,
  recoveryPrice: "0.999",
  reference: 100_000_000n,
  confirmationWindow: 86_400n,
  waitingPeriod: 172_800n,
  countsFrom: 1_699_172_800n,
  heartbeat: 86_400n,
  heartbeatTolerance: 1_800n,
  maxGap: 88_200n,
  payoutRule: "LossProportional",
  startPrice: "1",
  claimedUntil: 0n,
  filingDeadline: 1_703_000_000n,
  filingOpen: true,
  now: 1_700_000_100n,
  rounds: [
    round(3n, 90_000_000n, true),
    round(2n, 99_700_000n, false, "above the trigger (0.997 USD > 0.995 USD)"),
  ],
  truncated: false,
  ...over,
});

describe("parametric claim form", () => {
  it("offers to file while a round qualifies and the cover can claim", () => {
    expect(parametricBlocker(cover())).toBeUndefined();
  });
  it("says plainly why nothing can be filed", () => {
    expect(parametricBlocker(cover({ rounds: [round(2n, 99_700_000n, false)] }))).toBe(
      "No round qualifies for cover 2: none of the 1 round since the cover started qualifies (see why above). There is nothing to file yet.",
    );
    expect(parametricBlocker(cover({ rounds: [] }))).toBe(
      "No round qualifies for cover 2: the feed has published no round since the cover started. There is nothing to file yet.",
    );
    expect(parametricBlocker(cover({ openClaim: { id: 7n, state: "Approved" } }))).toBe(
      "Cover 2 already has an open claim (claim 7, approved): it must be paid, denied or expire before another is filed.",
    );
    expect(parametricBlocker(cover({ remaining: 0n }))).toBe(
      "Cover 2 has been paid out in full: nothing remains to claim.",
    );
    expect(parametricBlocker(cover({ filingOpen: false, now: 1_704_000_000n }))).toMatch(
      /^Claims on cover 2 could be filed until 2023-12-19 15:33:20 UTC; that window has closed\.$/,
    );
  });
  it("checks the picked round and the amount in the cover's asset", () => {
    expect(checkParametricForm(cover(), "3", "100000")).toEqual({
      ok: true,
      roundId: 3n,
      amount: 100_000_000_000n,
    });
    expect(checkParametricForm(cover(), "3", "1,250.5")).toEqual({
      ok: true,
      roundId: 3n,
      amount: 1_250_500_000n,
    });
    expect(checkParametricForm(cover(), "2", "10")).toEqual({
      ok: false,
      field: "round",
      error: "Pick a qualifying round.",
    });
    expect(checkParametricForm(cover(), "3", "0")).toMatchObject({ ok: false, field: "amount" });
    expect(checkParametricForm(cover(), "3", "100000.000001")).toEqual({
      ok: false,
      field: "amount",
      error: "At most 100000 tUSD remains of this cover.",
    });
    expect(checkParametricForm(cover(), "3", "1.0000001")).toMatchObject({ ok: false, field: "amount" });
  });
  it("explains the window in words: which rounds count, when to file, what it pays", () => {
    const words = describeTriggerRule(cover());
    expect(words.counts).toBe(
      "Only rounds updated from 2023-11-05 08:26:40 UTC (the cover's start plus its 2 days waiting period) until the cover ends at 2023-11-26 12:00:00 UTC count; the trigger round is the first of them at or below 0.995 USD.",
    );
    expect(words.confirms).toBe(
      "The fall is confirmed when every round in the 1 day after the trigger round stays below the recovery price of 0.999 USD (a round at or above it is a false alarm) and the feed reports at least every 1 day 30 minutes (its 1 day heartbeat plus 30 minutes tolerance).",
    );
    expect(words.files).toBe(
      "The claim can be filed once the 1 day confirmation window after the trigger round has passed, until 2023-12-19 15:33:20 UTC; it is then approved at once, with no deposit and no vote.",
    );
    expect(words.pays).toBe(
      "It pays the loss: the amount claimed × (1 − the price of the window's last round / 1 USD).",
    );
    expect(describeTriggerRule(cover({ payoutRule: "Full" })).pays).toBe("It pays the whole amount claimed.");
  });
  it("writes the default amount exactly, as it reads back", () => {
    expect(plainAmount(100_000_000_000n, 6)).toBe("100000");
    expect(plainAmount(1_250_500_000n, 6)).toBe("1250.5");
  });
});
