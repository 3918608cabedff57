import type { ParsedQuery } from "./search-query.ts";

/**
 * Whether a hit fits the request on its own, or is only the best of a bad lot: what lets
 * COMPOSIO_SEARCH_TOOLS offer its primary tools, or say that nothing fits. A hit fits when
 *  - it covers enough of what the request is about, its words that no tool knows counted as
 *    uncovered ("set the thermostat to 70" is about a thermostat, which no tool has);
 *  - or it is of the toolkit the request names ("archive that GitHub thing");
 *  - or the request says every word of its slug ("create a pull request") and covers some of
 *    what it is about (a one-word alias slug, START, said by "start the robot vacuum", is not).
 * A request about nothing any tool is named with ("what's the capital of Peru?") fits only a
 * toolkit it names. Measured on the eval's tune half against blind requests no tool in the catalog can do:
 * docs/search.md, "Whether anything fits".
 */

/** The share of what the request is about a hit must cover to fit on that alone. */
export const FITTING_COVERAGE = 0.5;
/** A slug coverage this close to 1 is the whole slug (coverage is a sum of weighted shares). */
const WHOLE_SLUG = 0.999;

/** What a request's coverage is scaled by for its fit: its content's weight among its content and unheard words. */
export function knownShare(parsed: ParsedQuery): number {
  let content = 0;
  for (const group of parsed.content) content += group.weight;
  return content === 0 ? 0 : content / (content + parsed.unheard);
}

export function fitsRequest(coverage: number, knownShareOfRequest: number, namedToolkit: boolean, slugCoverage: number): boolean {
  const covered = coverage * knownShareOfRequest;
  return covered >= FITTING_COVERAGE || namedToolkit || (slugCoverage >= WHOLE_SLUG && covered > 0);
}
