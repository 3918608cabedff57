/**
 * Sandbox-side source: how `console.log` shows a value, close to Node's `util.inspect` at a
 * glance (strings raw at the top level, `{ a: 1 }`, `[ 1, 2 ]`, `Map(1) { k => v }`), bounded in
 * depth and breadth so a huge value cannot turn one log call into megabytes.
 */
export const INSPECT_SOURCE = String.raw`
  function inspect(value, depth, ancestors) {
    switch (typeof value) {
      case "string": return depth === 0 ? value : JSON.stringify(value);
      case "function": {
        const name = value.name || "(anonymous)";
        return Function.prototype.toString.call(value).startsWith("class") ? "[class " + name + "]" : "[Function: " + name + "]";
      }
      case "bigint": return value + "n";
      case "symbol": return value.toString();
      case "object": break;
      default: return String(value);
    }
    if (value === null) return "null";
    if (ancestors.includes(value)) return "[Circular]";
    if (value instanceof Error) return (value.name + ": " + value.message + "\n" + (value.stack || "")).trimEnd();
    if (value instanceof Date) return isNaN(value) ? "Invalid Date" : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (depth > 3) return Array.isArray(value) ? "[Array]" : "[Object]";
    const inner = ancestors.concat([value]);
    const show = (item) => inspect(item, depth + 1, inner);
    const MAX_ITEMS = 100;
    let parts, open = "{", close = "}", prefix = "";
    if (Array.isArray(value)) {
      parts = value.slice(0, MAX_ITEMS).map(show);
      if (value.length > MAX_ITEMS) parts.push("... " + (value.length - MAX_ITEMS) + " more items");
      open = "["; close = "]";
    } else if (value instanceof Map) {
      prefix = "Map(" + value.size + ") ";
      parts = Array.from(value).slice(0, MAX_ITEMS).map(([k, v]) => show(k) + " => " + show(v));
    } else if (value instanceof Set) {
      prefix = "Set(" + value.size + ") ";
      parts = Array.from(value).slice(0, MAX_ITEMS).map(show);
    } else {
      const name = value.constructor && value.constructor.name;
      if (name && name !== "Object") prefix = name + " ";
      const keys = Object.keys(value);
      parts = keys.slice(0, MAX_ITEMS).map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)) + ": " + show(value[k]));
      if (keys.length > MAX_ITEMS) parts.push("... " + (keys.length - MAX_ITEMS) + " more keys");
    }
    return parts.length ? prefix + open + " " + parts.join(", ") + " " + close : prefix + open + close;
  }
`;
