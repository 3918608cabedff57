import { createContext, useCallback, useContext, useEffect, useState } from "hono/jsx/dom";
import { ApiFailure, type SignIn } from "./api.ts";

export interface ConsoleState {
  signIn: SignIn;
  setSignIn: (next: SignIn) => void;
}

export const ConsoleContext = createContext<ConsoleState>({ signIn: {}, setSignIn: () => {} });

export const useConsole = () => useContext(ConsoleContext);

export interface Loaded<T> {
  data: T | undefined;
  error: ApiFailure | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `key` changes (and on `reload`), keeping the last answer or failure. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiFailure; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: asFailure(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function asFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  return new ApiFailure(0, "network_error", error instanceof Error ? error.message : "The gateway could not be reached.");
}

export interface PageOf<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Pages<T> extends Loaded<PageOf<T>> {
  /** The first page, then every page "Load more" added to it. */
  rows: T[];
  /** Where the next page starts; null when there is none. */
  next: string | null;
  loadMore: () => void;
}

/**
 * A cursor-paged list: the first page through `useLoad` (so `key` and `reload` start over), and
 * the pages "Load more" adds after it. Those belong to the first page they followed, so a reload
 * or a new key drops them without anyone resetting them.
 */
export function usePages<T>(fetchPage: (cursor?: string) => Promise<PageOf<T>>, key: string): Pages<T> {
  const first = useLoad(() => fetchPage(), key);
  const [more, setMore] = useState<{ after: PageOf<T> | undefined; rows: T[]; next: string | null }>({ after: undefined, rows: [], next: null });
  const extra = first.data !== undefined && more.after === first.data ? more : undefined;
  const next = extra ? extra.next : (first.data?.next_cursor ?? null);
  const loadMore = () => {
    const after = first.data;
    if (!after || !next) return;
    void fetchPage(next).then((page) =>
      setMore((previous) => ({ after, rows: [...(previous.after === after ? previous.rows : []), ...page.items], next: page.next_cursor })),
    );
  };
  return { ...first, rows: [...(first.data?.items ?? []), ...(extra?.rows ?? [])], next, loadMore };
}

/** An action's progress and failure, for a button and the notice under it. */
export function useAction(): {
  busy: boolean;
  error: ApiFailure | undefined;
  run: (action: () => Promise<void>) => Promise<void>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(asFailure(failure));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(undefined) };
}
