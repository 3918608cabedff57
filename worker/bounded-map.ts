/**
 * Sets `key` in a map used as an isolate's bounded memory: past `max` entries the oldest one
 * goes (Maps iterate in insertion order, and the key is re-inserted, so the order follows the
 * latest write). Every per-isolate cache of the Worker keeps its bound this one way.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}
