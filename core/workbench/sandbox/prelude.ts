import { BUILTINS_SOURCE } from "./prelude-builtins.ts";
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
  /**
   * The variables budget in UTF-8 bytes. The prelude cuts by characters (never more than the
   * bytes), so nothing crosses the boundary that the host's byte count would keep anyway.
   */
  maxVariablesBytes: number;
  noNetworkMessage: string;
}

/**
 * Sandbox-side driver, evaluated once per run before the cell. It is a function of the host
 * bridge (never a global, so the cell cannot reach the raw host functions) and installs the
 * cell's world: console, the capabilities, `fetch` that explains itself, `sleep`/`setTimeout`.
 * It returns `start(cell, variablesJson)`, which restores variables, runs the cell, and
 * reports the outcome, captured variables included, through `host.settle` (its shape:
 * `reportSchema` in read-outcome.ts, where the host checks it as untrusted input).
 *
 * Capabilities cross the boundary as JSON text in both directions, and answers come back as
 * an envelope `{ ok, value }` / `{ ok: false, message }` so a host failure becomes an
 * ordinary `Error` the cell can catch.
 */
export const PRELUDE_SOURCE = String.raw`(function (host, configJson) {
  "use strict";
  ${BUILTINS_SOURCE}
  const config = parse(configJson);
  // Built before any cell runs: once the heap is full, reporting must not need to allocate.
  const OUT_OF_MEMORY = '{"ok":false,"error":{"name":"InternalError","message":"out of memory"}}';
  const UNREADABLE_ERROR = '{"ok":false,"error":{"name":"Error","message":"The cell failed with an error the workbench could not read."}}';
  const { print, callSync, callAsync, settle, due: hostDue, pause: hostPause } = host;
  const defineProperty = Object.defineProperty;

  // The cell's loops ask \`due()\` on every pass (yield-points.ts); asking the host costs a call,
  // so only every CHECK_EVERY passes, or at the next pass after any host call (which charges work).
  const CHECK_EVERY = 32;
  let checksLeft = 0;
  const askHostNext = () => { checksLeft = 0; };
  function due() {
    if (--checksLeft > 0) return false;
    checksLeft = CHECK_EVERY;
    return hostDue();
  }
  ${INSPECT_SOURCE}
  ${JSON_SOURCE}

  const formatLine = (args) => join(mapList(args, (arg) => inspect(arg, 0, [])), " ");
  const console = {};
  const streams = [["log", "stdout"], ["info", "stdout"], ["debug", "stdout"], ["warn", "stderr"], ["error", "stderr"]];
  for (let i = 0; i < streams.length; i++) {
    const stream = streams[i][1];
    console[streams[i][0]] = (...args) => { askHostNext(); print(stream, formatLine(args)); };
  }
  globalThis.console = console;

  function unwrap(envelopeJson) {
    const envelope = parse(envelopeJson);
    if (envelope.ok) return envelope.value;
    throw new NativeError(envelope.message);
  }
  function install(path, fn) {
    const parts = split(path, ".");
    let target = globalThis;
    for (let i = 0; i < parts.length - 1; i++) {
      if (typeof target[parts[i]] !== "object" || target[parts[i]] === null) target[parts[i]] = {};
      target = target[parts[i]];
    }
    target[parts[parts.length - 1]] = fn;
  }
  for (let i = 0; i < config.sync.length; i++) {
    const name = config.sync[i];
    install(name, (...args) => { askHostNext(); return unwrap(callSync(name, stringify(args))); });
  }
  for (let i = 0; i < config.async.length; i++) {
    const name = config.async[i];
    install(name, async (...args) => unwrap(await callAsync(name, stringify(args))));
  }

  globalThis.fetch = function fetch() { throw new NativeError(config.noNetworkMessage); };

  const sleep = globalThis.sleep;
  const cancelledTimers = new NativeSet();
  let nextTimer = 1;
  globalThis.setTimeout = function setTimeout(callback, ms, ...args) {
    const id = nextTimer++;
    then(sleep(ms || 0), () => {
      if (setDelete(cancelledTimers, id)) return;
      try { apply(callback, undefined, args); } catch (error) { console.error("Uncaught error in a setTimeout callback:", error); }
    });
    return id;
  };
  globalThis.clearTimeout = function clearTimeout(id) { setAdd(cancelledTimers, id); };

  const isOutOfMemory = (error) => error instanceof NativeError && error.name === "InternalError" && error.message === "out of memory";

  function describeError(error) {
    if (error instanceof NativeError) {
      const stack = error.stack;
      return { name: toText(error.name), message: toText(error.message), stack: typeof stack === "string" ? stack : undefined };
    }
    return { name: "Uncaught", message: inspect(error, 1, []) };
  }

  function encodeResult(value) {
    const text = stringify(toJsonValue(value, [])) ?? "null";
    if (text.length <= config.maxResultChars) return { resultJson: text };
    return { resultPreview: stringSlice(text, 0, config.maxResultChars), resultChars: text.length };
  }

  function captureVariables(capture, builtins) {
    // Names and values in two lists (no Map: its methods are the cell's to replace).
    const names = [];
    const values = [];
    const seen = createObject(null);
    const remember = (name, value) => {
      if (seen[name] === undefined) { seen[name] = names.length; push(names, name); push(values, value); }
      else values[seen[name]] = value;
    };
    const globals = getOwnPropertyNames(globalThis);
    for (let i = 0; i < globals.length; i++) {
      if (!setHas(builtins, globals[i])) remember(globals[i], globalThis[globals[i]]);
    }
    // A declared name shadows the global of the same name; one still in its TDZ (the cell
    // threw before reaching it) throws on read and leaves the global's value in place.
    const readers = capture ? capture() : [];
    for (let i = 0; i < readers.length; i++) {
      try { remember(readers[i][0], readers[i][1]()); } catch {}
    }
    const saved = [];
    const unsaved = createObject(null);
    let total = 0;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (setHas(builtins, name)) { unsaved[name] = "it has the name of a workbench global"; continue; }
      const problem = jsonProblem(values[i], "", []);
      if (problem) { unsaved[name] = problem; continue; }
      const json = stringify(values[i]);
      if (typeof json !== "string") { unsaved[name] = "not a JSON value"; continue; }
      if (total + json.length > config.maxVariablesBytes) {
        unsaved[name] = "too large to keep (at least " + json.length + " bytes of JSON; all variables together may use " + config.maxVariablesBytes + ")";
        continue;
      }
      total += json.length;
      push(saved, stringify(name) + ":" + json);
    }
    return { json: "{" + join(saved, ",") + "}", unsaved };
  }

  function finish(ok, value, handle, builtins) {
    if (!ok && isOutOfMemory(value)) return settle(OUT_OF_MEMORY);
    let report;
    try {
      const encoded = ok ? encodeResult(value) : undefined;
      report = stringify({
        ok,
        resultJson: encoded && encoded.resultJson,
        resultPreview: encoded && encoded.resultPreview,
        resultChars: encoded && encoded.resultChars,
        error: ok ? undefined : describeError(value),
        variables: captureVariables(handle.capture, builtins),
      });
    } catch (error) {
      try {
        report = isOutOfMemory(error) ? OUT_OF_MEMORY : stringify({ ok: false, error: describeError(error) });
      } catch (again) {
        report = isOutOfMemory(again) ? OUT_OF_MEMORY : UNREADABLE_ERROR;
      }
    }
    settle(report);
  }

  return function start(cell, variablesJson) {
    // Everything installed so far is the workbench's; any other global is the cell's to keep.
    const builtins = new NativeSet(getOwnPropertyNames(globalThis));
    const restored = entries(parse(variablesJson));
    for (let i = 0; i < restored.length; i++) {
      if (!setHas(builtins, restored[i][0])) globalThis[restored[i][0]] = restored[i][1];
    }
    const handle = createObject(null);
    defineProperty(handle, "due", { value: due });
    defineProperty(handle, "pause", { value: () => hostPause() });
    then(cell(handle), (value) => finish(true, value, handle, builtins), (error) => finish(false, error, handle, builtins));
  };
})`;
