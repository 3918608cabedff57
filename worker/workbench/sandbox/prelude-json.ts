/**
 * Sandbox-side source for the two ways a value leaves the sandbox.
 *
 * `toJsonValue` is lenient, for the run's result: anything becomes JSON (functions and cycles
 * as marker strings, Maps and Sets as arrays), because a result is only shown.
 *
 * `jsonProblem` is strict, for variables that must come back equal next run: only JSON's own
 * values (plain objects, arrays, strings, finite numbers, booleans, null) pass; otherwise it
 * names what is in the way and where ("a function at .handlers[0]").
 */
export const JSON_SOURCE = String.raw`
  function toJsonValue(value, ancestors) {
    switch (typeof value) {
      case "function": return "[Function: " + (value.name || "(anonymous)") + "]";
      case "bigint": return String(value);
      case "symbol": return value.toString();
      case "object": break;
      default: return value;
    }
    if (value === null) return null;
    if (ancestors.includes(value)) return "[Circular]";
    if (ancestors.length > 64) return "[Too deep]";
    if (typeof value.toJSON === "function") return value.toJSON();
    const inner = ancestors.concat([value]);
    if (value instanceof Error) return { name: value.name, message: value.message };
    if (value instanceof Map) return Array.from(value, ([k, v]) => [toJsonValue(k, inner), toJsonValue(v, inner)]);
    if (value instanceof Set) return Array.from(value, (v) => toJsonValue(v, inner));
    if (Array.isArray(value)) return value.map((v) => toJsonValue(v, inner));
    const out = {};
    for (const key of Object.keys(value)) out[key] = toJsonValue(value[key], inner);
    return out;
  }

  function jsonProblem(value, path, ancestors) {
    const where = path ? " at " + path : "";
    switch (typeof value) {
      case "string": case "boolean": return null;
      case "number": return Number.isFinite(value) ? null : "a non-finite number (" + value + ")" + where;
      case "undefined": return path ? null : "undefined";
      case "function":
        return (Function.prototype.toString.call(value).startsWith("class") ? "a class" : "a function") + where +
          " (functions and classes are not kept between runs; define them again)";
      case "object": break;
      default: return "a " + typeof value + where;
    }
    if (value === null) return null;
    if (ancestors.includes(value)) return "a circular reference" + where;
    const proto = Object.getPrototypeOf(value);
    const isArray = Array.isArray(value);
    if (!isArray && proto !== Object.prototype && proto !== null) {
      return "a " + ((value.constructor && value.constructor.name) || "non-plain object") + where + " (only JSON values are kept)";
    }
    const inner = ancestors.concat([value]);
    for (const key of Object.keys(value)) {
      const childPath = isArray ? path + "[" + key + "]" : path + "." + key;
      const problem = jsonProblem(value[key], childPath, inner);
      if (problem) return problem;
    }
    return null;
  }
`;
