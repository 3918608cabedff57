import { INSPECT_SOURCE } from "./prelude-inspect.ts";
import { JSON_SOURCE } from "./prelude-json.ts";

export const PRELUDE_FILENAME = "workbench-prelude.js";

export const NO_NETWORK_MESSAGE =
  "Network access is not available in the workbench: call tools with run_composio_tool(slug, args) or proxy_execute(...)";

/** What the prelude needs from the host, passed in as one JSON string. */
export interface PreludeConfig {
  sync: string[];
  async: string[];
  maxResultChars: number;
  maxVariablesChars: number;
  noNetworkMessage: string;
}

/** What the prelude hands back through `host.settle`, as JSON. */
export interface CellOutcome {
  ok: boolean;
  resultJson?: string;
  resultPreview?: string;
  resultChars?: number;
  error?: { name: string; message: string; stack?: string };
  variables?: { json: string; unsaved: Record<string, string> };
}

/**
 * Sandbox-side driver, evaluated once per run before the cell. It is a function of the host
 * bridge (never a global, so the cell cannot reach the raw host functions) and installs the
 * cell's world: console, the capabilities, `fetch` that explains itself, `sleep`/`setTimeout`.
 * It returns `start(cell, variablesJson)`, which restores variables, runs the cell, and
 * reports the outcome, captured variables included, through `host.settle`.
 *
 * Capabilities cross the boundary as JSON text in both directions, and answers come back as
 * an envelope `{ ok, value }` / `{ ok: false, message }` so a host failure becomes an
 * ordinary `Error` the cell can catch.
 */
export const PRELUDE_SOURCE = String.raw`(function (host, configJson) {
  "use strict";
  const config = JSON.parse(configJson);
  // Built before any cell runs: once the heap is full, reporting must not need to allocate.
  const OUT_OF_MEMORY = '{"ok":false,"error":{"name":"InternalError","message":"out of memory"}}';
  ${INSPECT_SOURCE}
  ${JSON_SOURCE}

  const formatLine = (args) => args.map((arg) => inspect(arg, 0, [])).join(" ");
  const console = {};
  for (const [method, stream] of [["log", "stdout"], ["info", "stdout"], ["debug", "stdout"], ["warn", "stderr"], ["error", "stderr"]]) {
    console[method] = (...args) => host.print(stream, formatLine(args));
  }
  globalThis.console = console;

  function unwrap(envelopeJson) {
    const envelope = JSON.parse(envelopeJson);
    if (envelope.ok) return envelope.value;
    throw new Error(envelope.message);
  }
  function install(path, fn) {
    const parts = path.split(".");
    let target = globalThis;
    for (const part of parts.slice(0, -1)) {
      if (typeof target[part] !== "object" || target[part] === null) target[part] = {};
      target = target[part];
    }
    target[parts[parts.length - 1]] = fn;
  }
  for (const name of config.sync) install(name, (...args) => unwrap(host.callSync(name, JSON.stringify(args))));
  for (const name of config.async) install(name, async (...args) => unwrap(await host.callAsync(name, JSON.stringify(args))));

  globalThis.fetch = function fetch() { throw new Error(config.noNetworkMessage); };

  const sleep = globalThis.sleep;
  const cancelledTimers = new Set();
  let nextTimer = 1;
  globalThis.setTimeout = function setTimeout(callback, ms, ...args) {
    const id = nextTimer++;
    sleep(ms || 0).then(() => {
      if (cancelledTimers.delete(id)) return;
      try { callback(...args); } catch (error) { console.error("Uncaught error in a setTimeout callback:", error); }
    });
    return id;
  };
  globalThis.clearTimeout = function clearTimeout(id) { cancelledTimers.add(id); };

  const isOutOfMemory = (error) => error instanceof Error && error.name === "InternalError" && error.message === "out of memory";

  function describeError(error) {
    if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
    return { name: "Uncaught", message: inspect(error, 1, []) };
  }

  function encodeResult(value) {
    const text = JSON.stringify(toJsonValue(value, [])) ?? "null";
    if (text.length <= config.maxResultChars) return { resultJson: text };
    return { resultPreview: text.slice(0, config.maxResultChars), resultChars: text.length };
  }

  function captureVariables(capture, builtins) {
    const values = new Map();
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (!builtins.has(name)) values.set(name, globalThis[name]);
    }
    // A declared name shadows the global of the same name; one still in its TDZ (the cell
    // threw before reaching it) throws on read and leaves the global's value in place.
    for (const [name, read] of capture ? capture() : []) {
      try { values.set(name, read()); } catch {}
    }
    const saved = [];
    const unsaved = {};
    let total = 0;
    for (const [name, value] of values) {
      if (builtins.has(name)) { unsaved[name] = "it has the name of a workbench global"; continue; }
      const problem = jsonProblem(value, "", []);
      if (problem) { unsaved[name] = problem; continue; }
      const json = JSON.stringify(value);
      if (total + json.length > config.maxVariablesChars) {
        unsaved[name] = "too large to keep (" + json.length + " characters of JSON; all variables together may use " + config.maxVariablesChars + ")";
        continue;
      }
      total += json.length;
      saved.push(JSON.stringify(name) + ":" + json);
    }
    return { json: "{" + saved.join(",") + "}", unsaved };
  }

  function finish(ok, value, handle, builtins) {
    if (!ok && isOutOfMemory(value)) return host.settle(OUT_OF_MEMORY);
    try {
      const outcome = ok ? encodeResult(value) : { error: describeError(value) };
      outcome.ok = ok;
      outcome.variables = captureVariables(handle.capture, builtins);
      host.settle(JSON.stringify(outcome));
    } catch (error) {
      host.settle(isOutOfMemory(error) ? OUT_OF_MEMORY : JSON.stringify({ ok: false, error: describeError(error) }));
    }
  }

  return function start(cell, variablesJson) {
    // Everything installed so far is the workbench's; any other global is the cell's to keep.
    const builtins = new Set(Object.getOwnPropertyNames(globalThis));
    for (const [name, value] of Object.entries(JSON.parse(variablesJson))) {
      if (!builtins.has(name)) globalThis[name] = value;
    }
    const handle = {};
    cell(handle).then((value) => finish(true, value, handle, builtins), (error) => finish(false, error, handle, builtins));
  };
})`;
