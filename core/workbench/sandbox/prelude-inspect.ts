/**
 * Sandbox-side source: how `console.log` shows a value, close to Node's `util.inspect` at a
 * glance (strings raw at the top level, `{ a: 1 }`, `[ 1, 2 ]`, `Map(1) { k => v }`), bounded in
 * depth and breadth so a huge value cannot turn one log call into megabytes.
 */
export const INSPECT_SOURCE = String.raw`
  function inspect(value, depth, ancestors) {
    switch (typeof value) {
      case "string": return depth === 0 ? value : stringify(value);
      case "function": {
        const name = value.name || "(anonymous)";
        return startsWith(functionToString(value), "class") ? "[class " + name + "]" : "[Function: " + name + "]";
      }
      case "bigint": return toText(value) + "n";
      case "symbol": return symbolToString(value);
      case "object": break;
      default: return toText(value);
    }
    if (value === null) return "null";
    if (includes(ancestors, value)) return "[Circular]";
    if (value instanceof NativeError) return trimEnd(value.name + ": " + value.message + "\n" + (value.stack || ""));
    if (value instanceof NativeDate) return isNaNNumber(dateGetTime(value)) ? "Invalid Date" : dateToISOString(value);
    if (value instanceof NativeRegExp) return regExpToString(value);
    if (depth > 3) return isArray(value) ? "[Array]" : "[Object]";
    const inner = appendTo(ancestors, value);
    const show = (item) => inspect(item, depth + 1, inner);
    const MAX_ITEMS = 100;
    let parts, open = "{", close = "}", prefix = "";
    if (isArray(value)) {
      parts = mapList(value, show, MAX_ITEMS);
      if (value.length > MAX_ITEMS) push(parts, "... " + (value.length - MAX_ITEMS) + " more items");
      open = "["; close = "]";
    } else if (value instanceof NativeMap) {
      prefix = "Map(" + mapSize(value) + ") ";
      parts = mapList(collectionItems(value, MAX_ITEMS), (entry) => show(entry[0]) + " => " + show(entry[1]));
    } else if (value instanceof NativeSet) {
      prefix = "Set(" + setSize(value) + ") ";
      parts = mapList(collectionItems(value, MAX_ITEMS), show);
    } else {
      const name = value.constructor && value.constructor.name;
      if (name && name !== "Object") prefix = name + " ";
      const names = keys(value);
      parts = mapList(names, (k) => (regExpExec(IDENTIFIER, k) !== null ? k : stringify(k)) + ": " + show(value[k]), MAX_ITEMS);
      if (names.length > MAX_ITEMS) push(parts, "... " + (names.length - MAX_ITEMS) + " more keys");
    }
    return parts.length ? prefix + open + " " + join(parts, ", ") + " " + close : prefix + open + close;
  }
  const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
`;
