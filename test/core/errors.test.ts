import { expect } from "chai";
import { encodeBytes32String, toBeHex, zeroPadValue } from "ethers";

import { allErrors, decodeError, explainError } from "../../scripts/lib/errors.js";

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
});
