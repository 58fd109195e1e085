import { describe, expect, it } from "vitest";

import { nextAction, parseStateFilter, percentOf, statesOf, tallyView } from "./tally";

const E = 10n ** 18n;

describe("tallyView", () => {
  it("splits the votes and counts for + abstain toward quorum", () => {
    const view = tallyView({ for: 600n * E, against: 300n * E, abstain: 100n * E }, 1000n * E);
    expect(view).toMatchObject({
      forPct: 60,
      againstPct: 30,
      abstainPct: 10,
      quorumPct: 70,
      quorumReached: false,
    });
  });
  it("reaches quorum exactly at the quorum", () => {
    expect(tallyView({ for: 5n, against: 0n, abstain: 5n }, 10n).quorumReached).toBe(true);
    expect(tallyView({ for: 5n, against: 100n, abstain: 4n }, 10n).quorumReached).toBe(false);
  });
  it("leaves quorum unknown before the snapshot, and shows 0 % with no votes", () => {
    const view = tallyView({ for: 0n, against: 0n, abstain: 0n });
    expect(view.quorumPct).toBeUndefined();
    expect(view.forPct).toBe(0);
  });
});

describe("percentOf", () => {
  it("rounds down to one decimal and caps when asked", () => {
    expect(percentOf(1n, 3n)).toBe(33.3);
    expect(percentOf(3n, 1n, 100)).toBe(100);
    expect(percentOf(1n, 0n)).toBe(0);
  });
});

describe("filters", () => {
  it("accepts known states and falls back to All", () => {
    expect(parseStateFilter("Queued")).toBe("Queued");
    expect(parseStateFilter("queued")).toBe("All");
    expect(parseStateFilter(undefined)).toBe("All");
    expect(statesOf("All")).toBeUndefined();
    expect(statesOf("Active")).toEqual(["Active"]);
  });
});

describe("nextAction", () => {
  it("gates queue and execute on state, with the ETA's wait", () => {
    expect(nextAction("Active", 0n, 10n)).toEqual({ kind: "vote" });
    expect(nextAction("Succeeded", 0n, 10n)).toEqual({ kind: "queue" });
    expect(nextAction("Queued", 100n, 40n)).toEqual({ kind: "execute", waitSeconds: 60 });
    expect(nextAction("Queued", 100n, 140n)).toEqual({ kind: "execute", waitSeconds: 0 });
    expect(nextAction("Defeated", 0n, 0n).kind).toBe("none");
  });
});
