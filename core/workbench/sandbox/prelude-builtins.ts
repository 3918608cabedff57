/**
 * Sandbox-side source, first in the prelude: every built-in the driver relies on, taken before
 * any cell runs. A cell may replace `JSON.stringify`, `Object.keys` or `Array.prototype.map`
 * (by accident or on purpose), and the driver must still capture variables, encode the result
 * and report honestly. Prototype methods are uncurried (`push(list, item)`), so replacing them
 * later changes nothing here.
 *
 * This is defence in depth, not the boundary: a cell can still interfere in ways no snapshot
 * stops (setters on `Object.prototype`, getters on its own values), so the host treats the
 * report as untrusted and checks its shape and bounds again (sandbox-result.ts).
 */
export const BUILTINS_SOURCE = String.raw`
  const apply = Reflect.apply;
  const uncurry = (fn) => (self, ...args) => apply(fn, self, args);
  const { stringify, parse } = JSON;
  const { keys, entries, getOwnPropertyNames, getPrototypeOf, create: createObject } = Object;
  const ObjectPrototype = Object.prototype;
  const isArray = Array.isArray;
  const isFiniteNumber = Number.isFinite;
  const isNaNNumber = Number.isNaN;
  const toText = String;
  const NativeError = Error;
  const NativeMap = Map;
  const NativeSet = Set;
  const NativeDate = Date;
  const NativeRegExp = RegExp;
  const functionToString = uncurry(Function.prototype.toString);
  const push = uncurry(Array.prototype.push);
  const join = uncurry(Array.prototype.join);
  const includes = uncurry(Array.prototype.includes);
  const stringSlice = uncurry(String.prototype.slice);
  const split = uncurry(String.prototype.split);
  const startsWith = uncurry(String.prototype.startsWith);
  const trimEnd = uncurry(String.prototype.trimEnd);
  const regExpExec = uncurry(NativeRegExp.prototype.exec);
  const regExpToString = uncurry(NativeRegExp.prototype.toString);
  const dateGetTime = uncurry(NativeDate.prototype.getTime);
  const dateToISOString = uncurry(NativeDate.prototype.toISOString);
  const symbolToString = uncurry(Symbol.prototype.toString);
  const then = uncurry(Promise.prototype.then);
  const setHas = uncurry(NativeSet.prototype.has);
  const setAdd = uncurry(NativeSet.prototype.add);
  const setDelete = uncurry(NativeSet.prototype.delete);
  const mapEntries = uncurry(NativeMap.prototype.entries);
  const setValues = uncurry(NativeSet.prototype.values);
  const mapSize = uncurry(Object.getOwnPropertyDescriptor(NativeMap.prototype, "size").get);
  const setSize = uncurry(Object.getOwnPropertyDescriptor(NativeSet.prototype, "size").get);
  const iteratorNext = uncurry(getPrototypeOf(new NativeMap().entries()).next);
  const setIteratorNext = uncurry(getPrototypeOf(new NativeSet().values()).next);

  /** A new array of fn(item) for the first max items: no species, no iterator protocol. */
  function mapList(list, fn, max = Infinity) {
    const out = [];
    for (let i = 0; i < list.length && i < max; i++) push(out, fn(list[i]));
    return out;
  }
  function appendTo(list, item) {
    const out = mapList(list, (x) => x);
    push(out, item);
    return out;
  }
  /** The entries of a Map ([key, value] pairs) or the values of a Set, at most max of them. */
  function collectionItems(collection, max) {
    const isMap = collection instanceof NativeMap;
    const iterator = isMap ? mapEntries(collection) : setValues(collection);
    const next = isMap ? iteratorNext : setIteratorNext;
    const out = [];
    while (out.length < max) {
      const step = next(iterator);
      if (step.done) break;
      push(out, step.value);
    }
    return out;
  }
`;
