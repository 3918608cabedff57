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
