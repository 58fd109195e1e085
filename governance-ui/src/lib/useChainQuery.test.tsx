import { QueryClient, QueryClientProvider, notifyManager } from "@tanstack/react-query";
import { act, fireEvent, render, renderHook, screen } from "@testing-library/react";
import { type ReactNode, useState } from "react";
import { describe, expect, it, vi } from "vitest";

import { ChainHeadContext } from "../state/head";
import type { ChainHead } from "./head";
import { type ChainQueryOptions, useChainQuery } from "./useChainQuery";

const block = (number: number): ChainHead => ({
  number,
  hash: `0x${number.toString(16)}`,
  timestamp: BigInt(1_000 + number * 12),
  seenAt: Date.now(),
});

/** Reads answered by the test: each call waits until `answer` settles it. */
function controlledReads() {
  const pending: ((value: string) => void)[] = [];
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    get waiting() {
      return pending.length;
    },
    load: () => {
      calls++;
      return new Promise<string>((resolve) => pending.push(resolve));
    },
    async answer(value: string) {
      const next = pending.shift();
      if (!next) throw new Error("no read is waiting");
      await act(async () => next(value));
    },
  };
}

// TanStack Query tells React of a landed read on a timer (setTimeout 0) by default; here at once, so that the
// awaited `act` around an answer sees its effect.
notifyManager.setScheduler((callback) => callback());

/** A fresh cache per test, configured as the app's (`App.tsx`). */
const newClient = () =>
  new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, gcTime: 30_000 } },
  });

/** The hook under test, with a name and no inputs unless given. */
const useAsync = <T,>(load: () => Promise<T>, deps: unknown[] = [], options?: ChainQueryOptions) =>
  useChainQuery("test", load, deps, options);

function withHead(initial: ChainHead | undefined, client = newClient()) {
  let head = initial;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <ChainHeadContext.Provider value={head}>{children}</ChainHeadContext.Provider>
    </QueryClientProvider>
  );
  return {
    client,
    wrapper,
    set(next: ChainHead | undefined) {
      head = next;
    },
  };
}

describe("useChainQuery following the chain", () => {
  it("reads again on a new block without showing loading, keeping the old data meanwhile", async () => {
    const reads = controlledReads();
    const head = withHead(block(10));
    const { result, rerender } = renderHook(() => useAsync(reads.load, []), { wrapper: head.wrapper });
    expect(result.current.loading).toBe(true);
    await reads.answer("at 10");
    expect(result.current).toMatchObject({ data: "at 10", loading: false });
    expect(reads.calls).toBe(1);

    head.set(block(11));
    rerender();
    expect(reads.calls).toBe(2);
    expect(result.current).toMatchObject({ data: "at 10", loading: false });
    await reads.answer("at 11");
    expect(result.current).toMatchObject({ data: "at 11", loading: false });
  });

  it("does not read twice when the first head arrives with the first read", async () => {
    const reads = controlledReads();
    const head = withHead(undefined);
    const { result, rerender } = renderHook(() => useAsync(reads.load, []), { wrapper: head.wrapper });
    head.set(block(5));
    rerender();
    await reads.answer("first");
    expect(reads.calls).toBe(1);
    expect(result.current.data).toBe("first");
    head.set(block(6));
    rerender();
    expect(reads.calls).toBe(2);
  });

  it("keys reads by block: the newest block's read is shown, a slower read of an older block is not", async () => {
    const reads = controlledReads();
    const head = withHead(block(1));
    const { result, rerender } = renderHook(() => useAsync(reads.load), { wrapper: head.wrapper });
    await reads.answer("at 1");
    head.set(block(2));
    rerender();
    head.set(block(3));
    rerender();
    expect(reads.calls).toBe(3);
    // Meanwhile the page keeps what it has, quietly.
    expect(result.current).toMatchObject({ data: "at 1", loading: false });
    await reads.answer("at 2");
    expect(result.current.data).toBe("at 1");
    await reads.answer("at 3");
    expect(result.current.data).toBe("at 3");
    expect(reads.waiting).toBe(0);
  });

  it("reads once for two parts of a page asking the same thing at the same block", async () => {
    const reads = controlledReads();
    const head = withHead(block(7));
    const first = renderHook(() => useChainQuery("tally", reads.load, [42n]), { wrapper: head.wrapper });
    const second = renderHook(() => useChainQuery("tally", reads.load, [42n]), { wrapper: head.wrapper });
    const other = renderHook(() => useChainQuery("tally", reads.load, [43n]), { wrapper: head.wrapper });
    expect(reads.calls).toBe(2);
    await reads.answer("42 at 7");
    await reads.answer("43 at 7");
    expect(first.result.current.data).toBe("42 at 7");
    expect(second.result.current.data).toBe("42 at 7");
    expect(other.result.current.data).toBe("43 at 7");
  });

  it("reads again, quietly, when the DAO invalidates the reads after a transaction", async () => {
    const reads = controlledReads();
    const head = withHead(block(1));
    const { result } = renderHook(() => useAsync(reads.load, [], { live: false }), { wrapper: head.wrapper });
    await reads.answer("before");
    await act(async () => void head.client.invalidateQueries());
    expect(reads.calls).toBe(2);
    expect(result.current).toMatchObject({ data: "before", loading: false });
    await reads.answer("after");
    expect(result.current.data).toBe("after");
  });

  it("stores a read that answers nothing (undefined) as data", async () => {
    const head = withHead(block(1));
    const { result } = renderHook(() => useAsync(() => Promise.resolve(undefined)), {
      wrapper: head.wrapper,
    });
    await act(async () => {});
    expect(result.current).toMatchObject({ data: undefined, loading: false, error: undefined });
  });

  it("shows loading for new inputs and drops the answer for the old ones", async () => {
    const reads = controlledReads();
    const head = withHead(block(1));
    const { result, rerender } = renderHook(({ id }) => useAsync(reads.load, [id]), {
      wrapper: head.wrapper,
      initialProps: { id: 1 },
    });
    rerender({ id: 2 });
    expect(result.current.loading).toBe(true);
    await reads.answer("for id 1");
    expect(result.current.data).toBeUndefined();
    await reads.answer("for id 2");
    expect(result.current).toMatchObject({ data: "for id 2", loading: false });
  });

  it("keeps the old inputs' data on screen, marked loading, until the new inputs' read lands", async () => {
    const reads = controlledReads();
    const head = withHead(block(1));
    const { result, rerender } = renderHook(({ id }) => useAsync(reads.load, [id]), {
      wrapper: head.wrapper,
      initialProps: { id: 1 },
    });
    await reads.answer("for id 1");
    rerender({ id: 2 });
    expect(result.current).toMatchObject({ data: "for id 1", loading: true });
    await reads.answer("for id 2");
    expect(result.current).toMatchObject({ data: "for id 2", loading: false });
  });

  it("keeps the last data when a refresh fails, and says why", async () => {
    let fail = false;
    const head = withHead(block(1));
    const load = () => (fail ? Promise.reject(new Error("the node went away")) : Promise.resolve("ok"));
    const { result, rerender } = renderHook(() => useAsync(load, []), { wrapper: head.wrapper });
    await act(async () => {});
    expect(result.current.data).toBe("ok");
    fail = true;
    head.set(block(2));
    rerender();
    await act(async () => {});
    expect(result.current).toMatchObject({ data: "ok", loading: false });
    expect(result.current.error).toMatch(/the node went away/);
  });

  it("stays put on new blocks when the data does not live on the chain", async () => {
    const reads = controlledReads();
    const head = withHead(block(1));
    const { rerender } = renderHook(() => useAsync(reads.load, [], { live: false }), {
      wrapper: head.wrapper,
    });
    await reads.answer("settings");
    head.set(block(2));
    rerender();
    expect(reads.calls).toBe(1);
  });

  it("keeps what the user is typing in a form while the data refreshes", async () => {
    const reads = controlledReads();
    function Page() {
      const state = useAsync(reads.load, []);
      const [reason, setReason] = useState("");
      if (!state.data) return <p>Loading…</p>;
      return (
        <form>
          <p>Tally: {state.data}</p>
          <label htmlFor="reason">Reason</label>
          <textarea id="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </form>
      );
    }
    const client = newClient();
    const view = (head: ChainHead) => (
      <QueryClientProvider client={client}>
        <ChainHeadContext.Provider value={head}>
          <Page />
        </ChainHeadContext.Provider>
      </QueryClientProvider>
    );
    const { rerender } = render(view(block(1)));
    await reads.answer("100 for");
    const field = screen.getByLabelText("Reason") as HTMLTextAreaElement;
    fireEvent.change(field, { target: { value: "A week is too short" } });
    rerender(view(block(2)));
    expect(screen.queryByText("Loading…")).toBeNull();
    await reads.answer("250 for");
    screen.getByText("Tally: 250 for");
    expect(screen.getByLabelText("Reason")).toBe(field);
    expect(field.value).toBe("A week is too short");
  });
});

describe("useChainQuery on a timer (off-chain data)", () => {
  it("reads again quietly every everyMs, and not at all without it", async () => {
    vi.useFakeTimers();
    try {
      const timed = controlledReads();
      const plain = controlledReads();
      const head = withHead(block(1));
      const { result } = renderHook(() => useAsync(timed.load, [], { everyMs: 10_000 }), {
        wrapper: head.wrapper,
      });
      renderHook(() => useChainQuery("plain", plain.load, []), { wrapper: head.wrapper });
      await timed.answer("first");
      await plain.answer("first");
      await act(async () => vi.advanceTimersByTime(9_999));
      expect(timed.calls).toBe(1);
      await act(async () => vi.advanceTimersByTime(1));
      expect(timed.calls).toBe(2);
      expect(result.current).toMatchObject({ data: "first", loading: false });
      await timed.answer("second");
      expect(result.current.data).toBe("second");
      // A tick while a read is in flight joins it: no second read beside it.
      await act(async () => vi.advanceTimersByTime(10_000));
      expect(timed.calls).toBe(3);
      await act(async () => vi.advanceTimersByTime(10_000));
      expect(timed.calls).toBe(3);
      await timed.answer("third");
      expect(result.current.data).toBe("third");
      await act(async () => vi.advanceTimersByTime(10_000));
      expect(timed.calls).toBe(4);
      expect(plain.calls).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
