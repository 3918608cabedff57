import { useEffect, useState } from "hono/jsx/dom";

/**
 * Hash routes (`#/sessions/trs_…`): the page at /console never changes, so the gateway
 * serves one document and a reload lands on the same view.
 */
export interface Route {
  /** The first segment: "projects", "sessions", … */
  section: string;
  /** The rest, decoded: an id, a slug. */
  rest: string[];
}

export function parseRoute(hash: string): Route {
  const [section = "", ...rest] = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  return { section, rest };
}

export const href = (...segments: string[]) => `#/${segments.map(encodeURIComponent).join("/")}`;

export function navigate(...segments: string[]): void {
  location.hash = href(...segments);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return route;
}
