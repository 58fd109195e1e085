import { describe, expect, it } from "vitest";

import { chainNowAt, describeDeadline, secondsUntil } from "./countdown";

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

describe("the chain's clock for countdowns", () => {
  it("counts from the latest block seen, not the wall clock", () => {
    // A local chain 20 days ahead of the wall clock: the block's timestamp is what counts.
    const head = { timestamp: 1_800_000_000n, seenAt: 1_000_000 };
    expect(chainNowAt(head, undefined, 1_000_000 + 5_500)).toBe(1_800_000_005n);
    expect(describeDeadline(1_800_000_065n, chainNowAt(head, undefined, 1_005_000)!)).toBe("in 1m");
  });
  it("takes the later of the watched head and the page's own read", () => {
    const head = { timestamp: 1_000n, seenAt: 10_000 };
    // The page read a block after the watcher's last poll (time travelled 1 h): its clock wins.
    const read = { timestamp: 4_600n, readAt: 11_000 };
    expect(chainNowAt(head, read, 12_000)).toBe(4_601n);
    // The watcher saw a newer block than the page's read.
    expect(chainNowAt({ timestamp: 9_000n, seenAt: 12_000 }, read, 12_000)).toBe(9_000n);
    expect(chainNowAt(undefined, read, 13_000)).toBe(4_602n);
    expect(chainNowAt(undefined, undefined, 13_000)).toBeUndefined();
  });
});
