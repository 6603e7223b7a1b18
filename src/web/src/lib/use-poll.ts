import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** When the last successful answer arrived (epoch ms). */
  updatedAt: number | undefined;
  refresh(): void;
}

/**
 * Calls `load` now and every `intervalMs` (0 = once), skipping ticks while the tab is hidden and never
 * overlapping two calls. Keeps the last good data on a failed refresh, so a wall screen does not blank
 * out on one lost request.
 */
export function usePoll<T>(load: (signal: AbortSignal) => Promise<T>, intervalMs: number, deps: readonly unknown[] = []): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean; updatedAt?: number }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((value) => value + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const run = async () => {
      if (stopped) return;
      if (document.visibilityState === 'hidden' && intervalMs > 0) {
        timer = setTimeout(run, intervalMs);
        return;
      }
      try {
        const data = await loadRef.current(controller.signal);
        if (!stopped) setState({ data, loading: false, updatedAt: Date.now() });
      } catch (error) {
        if (!stopped && !controller.signal.aborted) setState((previous) => ({ ...previous, error: error as Error, loading: false }));
      }
      if (!stopped && intervalMs > 0) timer = setTimeout(run, intervalMs);
    };
    setState((previous) => ({ ...previous, loading: true }));
    void run();
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intervalMs, tick, ...deps]);

  return { data: state.data, error: state.error, loading: state.loading, updatedAt: state.updatedAt, refresh };
}
