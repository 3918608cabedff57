/**
 * The D1 binding as the code uses it. Normally `env.DB` itself. Two things can wrap it:
 *
 * - `D1_DELAY_MS` (a var, 0 by default): every round trip waits that long first, so a local
 *   run feels what a user far from the database's region feels (`npm run bench` uses it).
 * - observers (`observeD1`): told of every round trip. Tests count them per request, so a
 *   query creeping back onto a hot path fails CI.
 *
 * A round trip is one call that reaches the database: a statement's `first`/`all`/`run`/`raw`,
 * a `batch` (one trip however many statements it carries: D1 runs it as one unit) or `exec`.
 */

export interface D1RoundTrip {
  kind: "first" | "all" | "run" | "raw" | "batch" | "exec";
  /** The statement's SQL; for a batch, its statements' SQL joined by `;\n`. */
  sql: string;
}

type Observer = (trip: D1RoundTrip) => void;

// Module scope is the isolate's: the Worker and (locally, and in tests) its Durable Objects share it.
const observers = new Set<Observer>();

/** Calls `observer` on every D1 round trip from now on; the returned function stops it. */
export function observeD1(observer: Observer): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

type Around = <T>(trip: D1RoundTrip, run: () => Promise<T>) => Promise<T>;

const REAL = Symbol("the binding's own statement");

/** A statement that reports each of its round trips; `batch` unwraps it back to the binding's own. */
class ObservedStatement {
  readonly [REAL]: D1PreparedStatement;
  readonly #sql: string;
  readonly #around: Around;

  constructor(real: D1PreparedStatement, sql: string, around: Around) {
    this[REAL] = real;
    this.#sql = sql;
    this.#around = around;
  }

  bind(...values: unknown[]): D1PreparedStatement {
    return new ObservedStatement(this[REAL].bind(...values), this.#sql, this.#around) as unknown as D1PreparedStatement;
  }

  first(colName?: string): Promise<unknown> {
    return this.#around({ kind: "first", sql: this.#sql }, () => (colName === undefined ? this[REAL].first() : this[REAL].first(colName)));
  }

  all(): Promise<D1Result> {
    return this.#around({ kind: "all", sql: this.#sql }, () => this[REAL].all());
  }

  run(): Promise<D1Result> {
    return this.#around({ kind: "run", sql: this.#sql }, () => this[REAL].run());
  }

  raw(options?: { columnNames?: boolean }): Promise<unknown> {
    return this.#around({ kind: "raw", sql: this.#sql }, () => this[REAL].raw(options as { columnNames: true }));
  }

  sql(): string {
    return this.#sql;
  }
}

function unwrap(statement: D1PreparedStatement): D1PreparedStatement {
  return statement instanceof ObservedStatement ? statement[REAL] : statement;
}

function observed(db: D1Database, around: Around): D1Database {
  const wrapped = {
    prepare: (query: string) => new ObservedStatement(db.prepare(query), query, around) as unknown as D1PreparedStatement,
    batch: <T>(statements: D1PreparedStatement[]) =>
      around(
        { kind: "batch", sql: statements.map((s) => (s instanceof ObservedStatement ? s.sql() : "?")).join(";\n") },
        () => db.batch<T>(statements.map(unwrap)),
      ),
    exec: (query: string) => around({ kind: "exec", sql: query }, () => db.exec(query)),
    dump: () => (db as unknown as { dump(): Promise<ArrayBuffer> }).dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  };
  return wrapped as unknown as D1Database;
}

function delayOf(env: Env): number {
  const ms = Number(env.D1_DELAY_MS);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 10_000) : 0;
}

// One wrapper per binding object, so callers that cache per binding (the drizzle instance) keep hitting.
const wrappers = new WeakMap<D1Database, D1Database>();

/** `env.DB`, wrapped only while a delay is configured or someone observes. */
export function d1Binding(env: Env): D1Database {
  const delayMs = delayOf(env);
  if (delayMs === 0 && observers.size === 0) return env.DB;
  let wrapper = wrappers.get(env.DB);
  if (!wrapper) {
    wrapper = observed(env.DB, async (trip, run) => {
      for (const observer of observers) observer(trip);
      const wait = delayOf(env);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return run();
    });
    wrappers.set(env.DB, wrapper);
  }
  return wrapper;
}
