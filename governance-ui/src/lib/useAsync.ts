/** Loads data for a page; keeps the last data while reloading, and turns errors into plain words. */
import { type DependencyList, useEffect, useState } from "react";

import { explainError } from "../../../scripts/lib/errors.js";

export interface AsyncState<T> {
  data?: T;
  error?: string;
  loading: boolean;
  /** Wall-clock ms when `data` was read (to tick countdowns from the chain's clock). */
  readAt: number;
}

export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ loading: true, readAt: 0 });
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => !cancelled && setState({ data, loading: false, readAt: Date.now() }),
      (error: unknown) =>
        !cancelled && setState((s) => ({ ...s, error: explainError(error), loading: false })),
    );
    return () => {
      cancelled = true;
    };
  }, deps);
  return state;
}
