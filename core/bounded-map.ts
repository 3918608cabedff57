/**
 * Sets `key` in a map used as an isolate's bounded memory: past `max` entries the oldest one
 * goes (Maps iterate in insertion order, and the key is re-inserted, so the order follows the
 * latest write). Every per-isolate cache of the Worker keeps its bound this one way, but for
 * the tools' view texts, bounded by their characters (worker/http/tool-view-texts.ts).
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}

/** Reads `key` and moves it to the newest end, so a bounded map drops the least recently used first. */
export function getRecent<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  if (value !== undefined) {
    map.delete(key);
    map.set(key, value);
  }
  return value;
}
