/**
 * English function words that more than one reading of a request looks for (search-actions.ts,
 * search-situations.ts).
 */

/** A request that opens with one of these asks a question: it reads unless a verb follows an opener ("is there a way to send…"). */
export const QUESTION_OPENERS: ReadonlySet<string> = new Set(["what", "whats", "which", "who", "whom", "whose", "why", "how", "when", "where", "is", "are", "was", "were", "do", "does", "did", "any", "anything", "have", "has", "am"]);
/** Words that say how a thing should be, with no verb of their own ("should", "shouldn't", "must"). */
export const MODALS: ReadonlySet<string> = new Set(["should", "shouldn", "must", "mustn", "ought"]);
/** Words for the thing already spoken of ("get it into our support queue", "sort that out"). */
export const SPOKEN_OF: ReadonlySet<string> = new Set(["it", "this", "that", "them"]);
/** Words that say a thing is to be kept track of ("get it tracked", "make sure the report gets logged"). */
export const KEPT_TRACK_OF: ReadonlySet<string> = new Set(["tracked", "logged", "filed", "added", "scheduled"]);
