import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle } from "quickjs-emscripten-core";

export interface HostHandlers {
  print(stream: "stdout" | "stderr", line: string): void;
  callSync(name: string, argsJson: string): string;
  /** Never rejects. */
  callAsync(name: string, argsJson: string): Promise<string>;
  /** Whether another async call may start; when not, the handler has ended the run (too many waiting). */
  admitAsync(): boolean;
  settle(outcomeJson: string): void;
  /** After an async answer reached the sandbox: run the jobs it unblocked. */
  afterAsyncAnswer(): void;
  /** Handing an answer to the engine failed (a trap: the answer did not fit its memory); the run must end. */
  answerFailed(name: string, error: unknown): void;
  /** Whether the run has used up its slice and should pause at the cell's next yield point. */
  due(): boolean;
  /** Resolves after the isolate had a turn for other work. */
  pause(): Promise<void>;
  /** Awaited before each async answer goes in, so a burst of answers is spread over turns. */
  beforeAnswer(): Promise<void>;
}

/**
 * The `host` object the prelude receives: functions that take and return strings (and `due`, a boolean).
 * It owns the promises handed to the sandbox for async calls, so an abandoned run (wall
 * timeout) can drop them, and a late answer finds the bridge closed instead of a freed context.
 */
export class HostBridge {
  readonly #context: QuickJSContext;
  readonly #pending = new Set<QuickJSDeferredPromise>();
  #closed = false;

  constructor(context: QuickJSContext) {
    this.#context = context;
  }

  /** Pending async calls: none, with the cell unsettled, means it waits on something that will never come. */
  get pendingCalls(): number {
    return this.#pending.size;
  }

  newHostObject(handlers: HostHandlers): QuickJSHandle {
    const context = this.#context;
    const host = context.newObject();
    const define = (name: string, fn: (...args: QuickJSHandle[]) => QuickJSHandle | undefined) => {
      const handle = context.newFunction(name, fn);
      context.setProp(host, name, handle);
      handle.dispose();
    };
    define("print", (stream, line) => {
      handlers.print(context.getString(stream!) === "stderr" ? "stderr" : "stdout", context.getString(line!));
      return undefined;
    });
    define("callSync", (nameHandle, args) => {
      const name = context.getString(nameHandle!);
      const answer = handlers.callSync(name, context.getString(args!));
      try {
        return context.newString(answer);
      } catch (error) {
        // The engine's state after a trap is unknown: end the run, and let the throw unwind it.
        handlers.answerFailed(name, error);
        throw error;
      }
    });
    define("callAsync", (name, args) => {
      // The run is over: unwind the cell without making another promise in the engine.
      if (!handlers.admitAsync()) throw new Error("The run was stopped.");
      const fn = context.getString(name!);
      return this.#deferred(handlers, fn, handlers.callAsync(fn, context.getString(args!)));
    });
    define("due", () => (handlers.due() ? context.true : context.false));
    define("pause", () => this.#deferred(handlers, "pause", handlers.pause().then(() => "")));
    define("settle", (outcome) => {
      handlers.settle(context.getString(outcome!));
      return undefined;
    });
    return host;
  }

  /** A promise in the sandbox that settles with `answer` (never rejected: failures are envelopes). */
  #deferred(handlers: HostHandlers, name: string, answer: Promise<string>): QuickJSHandle {
    const deferred = this.#context.newPromise();
    this.#pending.add(deferred);
    void answer.then(async (text) => {
      await handlers.beforeAnswer();
      if (this.#closed) return;
      this.#pending.delete(deferred);
      try {
        const handle = this.#context.newString(text);
        deferred.resolve(handle);
        handle.dispose();
        deferred.dispose();
      } catch (error) {
        // Outside any run-level guard: uncaught, this would be an unhandled rejection and the
        // run would sit until its wall limit.
        handlers.answerFailed(name, error);
        return;
      }
      handlers.afterAsyncAnswer();
    });
    // The engine disposes the returned handle after duplicating it into the sandbox.
    return deferred.handle;
  }

  close(): void {
    this.#closed = true;
    for (const deferred of this.#pending) {
      try {
        deferred.dispose();
      } catch {
        // The engine trapped earlier; it is discarded with the run.
      }
    }
    this.#pending.clear();
  }
}
