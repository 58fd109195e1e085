import { describe, expect, it } from "vitest";

import { unstakeStatus } from "./status";

describe("unstake status", () => {
  const request = { amount: 10n, readyAt: 100n, expiresAt: 200n };
  it("moves from cooling down to ready to lapsed, and a claim lock holds it", () => {
    expect(unstakeStatus({ amount: 0n, readyAt: 0n, expiresAt: 0n }, 0n, 50n)).toBe("none");
    expect(unstakeStatus(request, 0n, 99n)).toBe("cooling-down");
    expect(unstakeStatus(request, 0n, 100n)).toBe("ready");
    expect(unstakeStatus(request, 150n, 120n)).toBe("locked");
    expect(unstakeStatus(request, 0n, 200n)).toBe("lapsed");
  });
});
