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
      case "bigint": return toText(value);
      case "symbol": return symbolToString(value);
      case "object": break;
      default: return value;
    }
    if (value === null) return null;
    if (includes(ancestors, value)) return "[Circular]";
    if (ancestors.length > 64) return "[Too deep]";
    if (typeof value.toJSON === "function") return value.toJSON();
    const inner = appendTo(ancestors, value);
    if (value instanceof NativeError) return { name: value.name, message: value.message };
    if (value instanceof NativeMap) return mapList(collectionItems(value, Infinity), (entry) => [toJsonValue(entry[0], inner), toJsonValue(entry[1], inner)]);
    if (value instanceof NativeSet) return mapList(collectionItems(value, Infinity), (v) => toJsonValue(v, inner));
    if (isArray(value)) return mapList(value, (v) => toJsonValue(v, inner));
    const out = createObject(null);
    const names = keys(value);
    for (let i = 0; i < names.length; i++) out[names[i]] = toJsonValue(value[names[i]], inner);
    return out;
  }

  function jsonProblem(value, path, ancestors) {
    const where = path ? " at " + path : "";
    switch (typeof value) {
      case "string": case "boolean": return null;
      case "number": return isFiniteNumber(value) ? null : "a non-finite number (" + value + ")" + where;
      case "undefined": return path ? null : "undefined";
      case "function":
        return (startsWith(functionToString(value), "class") ? "a class" : "a function") + where +
          " (functions and classes are not kept between runs; define them again)";
      case "object": break;
      default: return "a " + typeof value + where;
    }
    if (value === null) return null;
    if (includes(ancestors, value)) return "a circular reference" + where;
    const proto = getPrototypeOf(value);
    const isList = isArray(value);
    if (!isList && proto !== ObjectPrototype && proto !== null) {
      return "a " + ((value.constructor && value.constructor.name) || "non-plain object") + where + " (only JSON values are kept)";
    }
    const inner = appendTo(ancestors, value);
    const names = keys(value);
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      const childPath = isList ? path + "[" + key + "]" : path + "." + key;
      const problem = jsonProblem(value[key], childPath, inner);
      if (problem) return problem;
    }
    return null;
  }
`;
