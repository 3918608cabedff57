import type { QueryActions } from "./search-actions.ts";
import type { CompiledEnglish } from "./search-vocabulary.ts";

/**
 * A tool's action (data in the index) against the request's (search-actions.ts): reading tools
 * for a request to write are pushed down, matching ones lifted.
 */

/** Multipliers for a tool's action against the request's. */
export const ACTION_FACTOR = {
  /** The tool does what the request's main verb asks. */
  exact: 1.3,
  /** …what a later verb asks, or the same family (create ~ send). */
  near: 1.1,
  /** A writing tool for a changing request or the other way round ("add a label" ~ update). */
  neighbour: 1.0,
  /** The tool's action is unknown. */
  unknown: 0.9,
  /** Deleting for creating, or the other way round. */
  opposite: 0.75,
  /** Reading for writing, or writing for reading: the error the search must not make. */
  wrong: 0.7,
  /** Assumed reading (no verb): a reading tool. */
  assumedRead: 1.15,
  /** Assumed reading: a tool that does not read. */
  assumedOther: 0.8,
  /** A situation stated with no verb and no question (search-situations.ts `statesASituation`): reading and writing tools alike. */
  situation: 1,
} as const;

/**
 * How well a tool's action classes fit the request's: a function of the tool's actions,
 * prepared once per request (it runs for every candidate tool).
 */
export function actionScorer(english: CompiledEnglish, actions: QueryActions): (toolActions: readonly string[]) => number {
  const familyOf = (action: string) => english.families[action] ?? action;
  const queryFamilies = new Set([...actions.primary].map(familyOf));
  const queryReads = queryFamilies.has("read");
  const queryDeletes = queryFamilies.has("delete");
  // A tool that searches lists what matches: "show all open bugs in CORE with Highest priority"
  // is a search with filters. Not the other way round: a list cannot look for words.
  const lists = actions.primary.has("list");
  return (toolActions) => {
    if (toolActions.length === 0) return ACTION_FACTOR.unknown;
    if (actions.situation) return ACTION_FACTOR.situation;
    const toolFamilies = toolActions.map(familyOf);
    if (actions.assumed) return toolFamilies.includes("read") ? ACTION_FACTOR.assumedRead : ACTION_FACTOR.assumedOther;
    if (toolActions.some((a) => actions.primary.has(a))) return ACTION_FACTOR.exact;
    if (lists && toolActions.includes("search")) return ACTION_FACTOR.exact;
    if (toolActions.some((a) => actions.secondary.has(a))) return ACTION_FACTOR.near;
    if (toolFamilies.some((f) => queryFamilies.has(f))) return ACTION_FACTOR.near;
    if (toolFamilies.includes("read") !== queryReads) return ACTION_FACTOR.wrong;
    if (toolFamilies.includes("delete") !== queryDeletes) return ACTION_FACTOR.opposite;
    return ACTION_FACTOR.neighbour;
  };
}
