import { encodeBytes32String } from "ethers";
import { describe, expect, it } from "vitest";

import { contractInterface } from "../../../scripts/lib/contracts.js";
import { explainError } from "../../../scripts/lib/errors.js";

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
});
