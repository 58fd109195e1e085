import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  type BlockHead,
  type ChainHead,
  DEFAULT_HEAD_POLL_MS,
  chainTimeAt,
  configuredPollMs,
  describeHead,
  isNewHead,
  watchHead,
} from "./head";

/** A chain in miniature: blocks mined on demand, read as the watcher reads the latest one. */
function tinyChain() {
  const blocks: BlockHead[] = [{ number: 1, hash: "0x01", timestamp: 1_000n }];
  let reads = 0;
  let failing = false;
  return {
    mine(seconds = 12) {
      const last = blocks[blocks.length - 1];
      blocks.push({
        number: last.number + 1,
        hash: `0x${(last.number + 1).toString(16).padStart(2, "0")}`,
        timestamp: last.timestamp + BigInt(seconds),
      });
    },
    fail(on: boolean) {
      failing = on;
    },
    get reads() {
      return reads;
    },
    read: async (): Promise<BlockHead> => {
      reads++;
      if (failing) throw new Error("connection refused");
      return blocks[blocks.length - 1];
    },
  };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}

describe("the chain clock", () => {
  it("adds the whole seconds of wall time since the head was seen", () => {
    const head = { timestamp: 5_000n, seenAt: 1_000_000 };
    expect(chainTimeAt(head, 1_000_000)).toBe(5_000n);
    expect(chainTimeAt(head, 1_002_999)).toBe(5_002n);
    expect(chainTimeAt(head, 1_060_000)).toBe(5_060n);
    // A wall clock behind the moment the head was seen never runs the chain backwards.
    expect(chainTimeAt(head, 999_000)).toBe(5_000n);
  });
  it("describes the head for the shell", () => {
    const head = { number: 1234, seenAt: 10_000 };
    expect(describeHead(head, 10_400)).toBe("block 1,234 · just now");
    expect(describeHead(head, 12_000)).toBe("block 1,234 · 2s ago");
    expect(describeHead(head, 10_000 + 90_000)).toBe("block 1,234 · 1m 30s ago");
  });
  it("reads the poll interval from ?poll=, with a floor", () => {
    expect(configuredPollMs("")).toBe(DEFAULT_HEAD_POLL_MS);
    expect(configuredPollMs("?rpc=x&poll=1000")).toBe(1000);
    expect(configuredPollMs("?poll=10")).toBe(250);
    expect(configuredPollMs("?poll=soon")).toBe(DEFAULT_HEAD_POLL_MS);
  });
  it("tells a new block from the same one", () => {
    const a = { number: 7, hash: "0xaa", timestamp: 1n };
    expect(isNewHead(undefined, a)).toBe(true);
    expect(isNewHead(a, { ...a })).toBe(false);
    expect(isNewHead(a, { ...a, number: 8 })).toBe(true);
    // Same height, another block (a local chain reverted to a snapshot and mined again).
    expect(isNewHead(a, { ...a, hash: "0xbb" })).toBe(true);
  });
});

describe("watchHead", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setVisibility("visible");
  });
  afterEach(() => {
    vi.useRealTimers();
    setVisibility("visible");
  });

  it("reads at once, then every interval, and reports each block once, stamped when seen", async () => {
    const chain = tinyChain();
    const heads: ChainHead[] = [];
    const watcher = watchHead({
      read: chain.read,
      onHead: (h) => heads.push(h),
      intervalMs: 1000,
      now: () => Date.now(),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(heads.map((h) => h.number)).toEqual([1]);
    expect(heads[0].seenAt).toBe(Date.now());

    await vi.advanceTimersByTimeAsync(3000);
    expect(chain.reads).toBe(4);
    expect(heads).toHaveLength(1);

    chain.mine(3600);
    const minedAt = Date.now();
    await vi.advanceTimersByTimeAsync(1000);
    expect(heads.map((h) => h.number)).toEqual([1, 2]);
    expect(heads[1].timestamp).toBe(4_600n);
    expect(heads[1].seenAt).toBe(minedAt + 1000);
    watcher.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(chain.reads).toBe(5);
  });

  it("waits for a slow answer before scheduling the next poll", async () => {
    let answers = 0;
    let calls = 0;
    const watcher = watchHead({
      read: () => {
        calls++;
        return new Promise((resolve) =>
          setTimeout(() => resolve({ number: ++answers, hash: `0x${answers}`, timestamp: 0n }), 2500),
        );
      },
      onHead: () => {},
      intervalMs: 1000,
    });
    // Answers at 2.5 s, next poll at 3.5 s, answered at 6 s: two calls in 6 s, never overlapping.
    await vi.advanceTimersByTimeAsync(6000);
    expect(calls).toBe(2);
    expect(answers).toBe(2);
    watcher.stop();
  });

  it("pauses while the tab is hidden and reads at once when it shows again", async () => {
    const chain = tinyChain();
    const heads: number[] = [];
    const watcher = watchHead({
      read: chain.read,
      onHead: (h) => heads.push(h.number),
      intervalMs: 1000,
      visibility: document,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(chain.reads).toBe(1);

    setVisibility("hidden");
    chain.mine();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(chain.reads).toBe(1);
    expect(heads).toEqual([1]);

    setVisibility("visible");
    await vi.advanceTimersByTimeAsync(0);
    expect(chain.reads).toBe(2);
    expect(heads).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(chain.reads).toBe(3);
    watcher.stop();
  });

  it("does not start in a hidden tab until it shows", async () => {
    setVisibility("hidden");
    const chain = tinyChain();
    const watcher = watchHead({ read: chain.read, onHead: () => {}, intervalMs: 1000, visibility: document });
    await vi.advanceTimersByTimeAsync(5000);
    expect(chain.reads).toBe(0);
    setVisibility("visible");
    await vi.advanceTimersByTimeAsync(0);
    expect(chain.reads).toBe(1);
    watcher.stop();
  });

  it("keeps polling through failed reads and reports the block when the node answers", async () => {
    const chain = tinyChain();
    const heads: number[] = [];
    const watcher = watchHead({ read: chain.read, onHead: (h) => heads.push(h.number), intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    chain.fail(true);
    chain.mine();
    await vi.advanceTimersByTimeAsync(3000);
    expect(heads).toEqual([1]);
    chain.fail(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(heads).toEqual([1, 2]);
    watcher.stop();
  });

  it("polls now on request, and once more after a read in flight rather than alongside it", async () => {
    const chain = tinyChain();
    const heads: number[] = [];
    const watcher = watchHead({ read: chain.read, onHead: (h) => heads.push(h.number), intervalMs: 60_000 });
    // The first read is in flight: a request now is queued behind it.
    watcher.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(chain.reads).toBe(2);
    chain.mine();
    watcher.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(chain.reads).toBe(3);
    expect(heads).toEqual([1, 2]);
    watcher.stop();
  });
});
