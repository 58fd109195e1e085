import { encodeBytes32String } from "ethers";
import { describe, expect, it } from "vitest";

import { contractInterface, explainError } from "@coverdao/core";

// The core's decoder, as the transaction tray uses it: revert data from a wallet or node error → a sentence.
describe("explainError in the UI", () => {
  it("turns a custom error with a bytes32 name into a sentence", () => {
    const data = contractInterface("StakingVault").encodeErrorResult("StakingParameterOutOfBounds", [
      encodeBytes32String("cooldown"),
      400n,
      86_400n,
      7_776_000n,
    ]);
    const sentence = explainError({ data });
    expect(sentence).toContain("cooldown must be between");
    expect(sentence).toContain("400 was given");
  });
  it("explains an error nested the way JSON-RPC wallets report it", () => {
    const data = contractInterface("StakingVault").encodeErrorResult("StakingZeroAmount", []);
    expect(explainError({ info: { error: { data } } })).toBe("The amount must be greater than zero.");
  });
  it("writes pool and cover amounts in the transaction's asset when the sender names it", () => {
    const data = contractInterface("CoverBook").encodeErrorResult("CoverPremiumAboveMax", [
      10_471_232_876_712_329n,
      10_000_000_000_000_000n,
    ]);
    expect(explainError({ data }, { asset: { decimals: 18, symbol: "WETH" } })).toBe(
      "The premium is now 0.010471232876712329 WETH, above your maximum of 0.01 WETH: refresh the quote and try again.",
    );
    // Without the asset, the smallest unit as the contract gives it (no guessed decimals).
    expect(explainError({ data })).toContain("The premium is now 10471232876712329,");
    const capacity = contractInterface("CoverBook").encodeErrorResult("CoverInsufficientCapacity", [
      2n,
      2_000_000_000n,
      1_500_000_000n,
    ]);
    expect(explainError({ data: capacity }, { asset: { decimals: 6, symbol: "tUSD" } })).toBe(
      "Product 2 can sell 1500 tUSD more cover; 2000 tUSD was asked.",
    );
  });
});
