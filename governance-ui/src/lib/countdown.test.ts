import { describe, expect, it } from "vitest";

import { describeDeadline, secondsUntil } from "./countdown";

describe("countdowns", () => {
  it("counts down to a deadline and never goes negative", () => {
    expect(secondsUntil(1_000n, 400n)).toBe(600);
    expect(secondsUntil(1_000, 1_500)).toBe(0);
  });
  it("describes future, present and past deadlines", () => {
    expect(describeDeadline(90_000n + 3_600n, 0n)).toBe("in 1d 2h");
    expect(describeDeadline(50n, 50n)).toBe("now");
    expect(describeDeadline(0n, 120n)).toBe("2m ago");
  });
});
