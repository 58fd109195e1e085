import { expect } from "chai";
import { encodeBytes32String, toBeHex, zeroPadValue } from "ethers";

import { allErrors, decodeError, explainError } from "@coverdao/core/node";

describe("TypeScript core: custom errors in plain words", () => {
  const encode = (name: string, args: unknown[]) => allErrors().encodeErrorResult(name, args);

  it("renders a bounded-parameter error with the parameter's name and its range", () => {
    const data = encode("StakingParameterOutOfBounds", [
      encodeBytes32String("unstakeCooldown"),
      0,
      86400,
      7776000,
    ]);
    expect(decodeError(data)?.message).to.equal(
      "unstakeCooldown must be between 86400 and 7776000; 0 was given.",
    );
  });

  it("finds revert data nested inside an ethers error", () => {
    const data = encode("StakingStakeLocked", [1_800_000_000]);
    const nested = { message: "execution reverted", info: { error: { data } } };
    expect(explainError(nested)).to.equal(
      "Your stake is locked until 2027-01-15T08:00:00Z by a claim you voted on.",
    );
  });

  it("falls back to the error's name and arguments, and to the message for unknown data", () => {
    const data = encode("GovernanceTokenOnlyStaking", ["0x000000000000000000000000000000000000dEaD"]);
    expect(decodeError(data)?.message).to.equal(
      "GovernanceTokenOnlyStaking(caller=0x000000000000000000000000000000000000dEaD)",
    );
    expect(decodeError("0xdeadbeef")).to.equal(undefined);
    expect(explainError(new Error("network down"))).to.equal("network down");
  });

  it("says when a queued risk-raising change applies, and names a product's queued terms", () => {
    const quorum = encode("RiskChangeNotYetEffective", [
      encodeBytes32String("quorumBps"),
      1_800_000_000,
      1_799_913_600,
    ]);
    expect(decodeError(quorum)?.message).to.equal(
      "The new quorumBps raises the pool's risk, so it applies only from 2027-01-15T08:00:00Z, in 1 day: underwriters can leave first.",
    );
    const product = encode("RiskChangeNotQueued", [zeroPadValue(toBeHex(3), 32)]);
    expect(decodeError(product)?.message).to.equal(
      "No change of product 3's terms is waiting to apply: governance has not raised it, or it already applied.",
    );
  });

  it("explains the liability, zero-share deposit and slash-window errors in words", () => {
    const ctx = { asset: { symbol: "WETH", decimals: 18 } };
    expect(
      decodeError(encode("PoolLiabilityExceeded", [5n * 10n ** 18n, 10n ** 18n]), ctx)?.message,
    ).to.equal(
      "Only 1 WETH of claims are booked as liabilities of the pool; a claim of 5 WETH was never filed there, so it cannot be paid or released.",
    );
    expect(
      decodeError(encode("PoolZeroShares", [1n]), { asset: { symbol: "tUSD", decimals: 6 } })?.message,
    ).to.equal(
      "A deposit of 0.000001 tUSD is worth less than one pool share at today's price, so it would buy nothing: deposit more.",
    );
    expect(decodeError(encode("StakingSlashAboveBound", [10n ** 18n, 0n]))?.message).to.equal(
      "A slash of 1.0 exceeds what the slashing bound still allows in this staker's slash window (0.0): slashes within one window share one bound, whatever the number of calls or proposals.",
    );
  });

  it("says every refusal of parametric cover and claims in words, prices in the feed's decimals (issue 14)", () => {
    const say = (name: string, args: unknown[]) => decodeError(encode(name, args))?.message;
    const at = 1_678_497_491n; // 2023-03-11T01:18:11Z
    expect(say("CoverPriceNearTrigger", [7n, 99_209_183n, 99_798_500n])).to.equal(
      "The price is 0.99209183, at or below the trigger plus buffer (0.997985): cover is not sold during or just before a depeg.",
    );
    expect(say("CoverFeedStale", [7n, at, 88_200n])).to.equal(
      "The price feed last updated at 2023-03-11T01:18:11Z, more than its heartbeat and tolerance (1 day 30 minutes) ago: no cover is sold while the feed is stale.",
    );
    expect(say("CoverTriggerInConfirmation", [7n, at + 86_400n])).to.equal(
      "Round 7 fell to the trigger and its confirmation window runs until 2023-03-12T01:18:11Z: cover is not sold until the price recovers or the window ends.",
    );
    expect(say("CoverSequencerDown", [])).to.equal(
      "The L2 sequencer is down: prices cannot be trusted, so no parametric cover is sold.",
    );
    expect(say("CoverSequencerGracePeriod", [at, at + 3_600n])).to.equal(
      "The L2 sequencer came back at 2023-03-11T01:18:11Z; parametric cover is sold again from 2023-03-11T02:18:11Z.",
    );
    expect(say("CoverParametricTermsUnset", [2n])).to.match(/^Product 2 has no trigger rule yet/);
    expect(say("CoverAmountBelowMinimum", [1n, 1n, 10n ** 18n])).to.equal(
      "Product 1 sells covers of at least 1000000000000000000; 1 was asked.",
    );
    expect(say("ClaimsOracleRoundBeforeWaitingPeriod", [7n, at, at + 60n])).to.equal(
      "Round 7 was published at 2023-03-11T01:18:11Z, before the cover's waiting period ended at 2023-03-11T01:19:11Z: it proves nothing for this cover.",
    );
    expect(say("ClaimsOracleNotFirstTriggerRound", [8n, 7n])).to.equal(
      "Round 8 is not the first round of the fall: round 7 was already at or below the trigger; name that one.",
    );
    expect(say("ClaimsOracleFalseAlarm", [7n, 9n, 100_000_000n, 99_900_000n])).to.equal(
      "A false alarm: after round 7, round 9 recovered to 1, at or above the recovery price of 0.999, inside the confirmation window.",
    );
    expect(say("ClaimsOracleWindowOpen", [7n, at])).to.equal(
      "The confirmation window after round 7 runs until 2023-03-11T01:18:11Z: the claim can be filed after it, if the price stays below the recovery price.",
    );
    expect(say("ClaimsOracleWindowTooLong", [7n, 2_000n])).to.match(/holds more than 2000 rounds/);
    expect(say("ClaimsSequencerDown", [])).to.match(/^The L2 sequencer is down/);
    expect(say("ClaimsSequencerGracePeriod", [at, at + 3_600n])).to.match(
      /approved again from 2023-03-11T02:18:11Z\.$/,
    );
    expect(say("ClaimsParametricNoLoss", [100_000_000n, 100_000_000n])).to.equal(
      "The price at the end of the window, 1, is not below the reference of 1: there is no loss to pay.",
    );
    expect(say("ClaimsTriggerAlreadyClaimed", [2n, 7n, at, at + 86_400n])).to.equal(
      "Cover 2 was already paid for the fall confirmed until 2023-03-12T01:18:11Z; round 7 belongs to it.",
    );
    expect(say("ClaimsOracleRoundStale", [7n, at, at + 90_000n, 88_200n])).to.equal(
      "Round 7 is stale: the feed's next update came 1 day 1 hour later, more than the allowed 1 day 30 minutes (heartbeat plus tolerance).",
    );
    expect(say("ClaimsRewardWithoutQuorum", [3n])).to.equal(
      "Claim 3 did not reach quorum: it pays no assessor reward.",
    );
    expect(say("PoolNoPayoutCredit", ["0x000000000000000000000000000000000000dEaD"])).to.equal(
      "0x000000000000000000000000000000000000dEaD has no credited claim payment in this pool.",
    );
    // With the feed's decimals in the context (an 18-decimal feed).
    expect(
      decodeError(encode("CoverFeedInvalidAnswer", [7n, -(10n ** 18n)]), { priceDecimals: 18 })?.message,
    ).to.equal("The price feed's latest round 7 answered -1, not a valid price: no cover is sold.");
  });
});
