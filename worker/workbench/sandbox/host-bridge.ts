import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle } from "quickjs-emscripten-core";

export interface HostHandlers {
  print(stream: "stdout" | "stderr", line: string): void;
  callSync(name: string, argsJson: string): string;
  /** Never rejects. */
  callAsync(name: string, argsJson: string): Promise<string>;
  settle(outcomeJson: string): void;
  /** After an async answer reached the sandbox: run the jobs it unblocked. */
  afterAsyncAnswer(): void;
  /** Handing an answer to the engine failed (a trap: the answer did not fit its memory); the run must end. */
  answerFailed(name: string, error: unknown): void;
}

/**
 * The `host` object the prelude receives: five functions that take and return strings only.
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
    define("callAsync", (name, args) => this.#callAsync(handlers, context.getString(name!), context.getString(args!)));
    define("settle", (outcome) => {
      handlers.settle(context.getString(outcome!));
      return undefined;
    });
    return host;
  }

  #callAsync(handlers: HostHandlers, name: string, argsJson: string): QuickJSHandle {
    const deferred = this.#context.newPromise();
    this.#pending.add(deferred);
    void handlers.callAsync(name, argsJson).then((answer) => {
      if (this.#closed) return;
      this.#pending.delete(deferred);
      try {
        const handle = this.#context.newString(answer);
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
