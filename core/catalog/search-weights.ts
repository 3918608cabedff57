/**
 * How a candidate's evidence becomes its score: one formula and its weights, shared by the
 * ranker (search.ts) and the weights' fit (`npm run search:fit`).
 */

/**
 * The weights that turn a candidate's evidence into its score (see search.ts's header).
 * `npm run search:fit` fits them together on the eval's tune half and scores the holdout half
 * with the fitted ones; docs/search.md says which of its moves the code took, and why.
 */
export const RANK_WEIGHTS: Readonly<RankWeights> = {
  namedToolkit: 3.0,
  hintedToolkit: 1.67,
  /** For the everyday apps (vocabulary `popular`) when the request names and suggests no app. */
  popularToolkit: 1.25,
  important: 1.2,
  /** Below 1: a tool that only creates a place the request puts something into (see search.ts's header). */
  placeCreation: 0.8,
  /** How much of a tool's score depends on covering the request's content words (0: not at all). */
  coverage: 0.4,
  /** Up to this much more when every word of the tool's slug is in the request ("create a pull request" → CREATE_A_PULL_REQUEST). */
  slugCoverage: 0.75,
  /** Up to this much more for the tools whose phrasing the request matches best (see phraseMatches). */
  phraseMatch: 0.5,
};

export interface RankWeights {
  namedToolkit: number;
  hintedToolkit: number;
  popularToolkit: number;
  important: number;
  placeCreation: number;
  coverage: number;
  slugCoverage: number;
  phraseMatch: number;
}

/** What a candidate's score is made of, before the weights. */
export interface Evidence {
  /** BM25 of the request's terms in the tool's bag, plus the named toolkit's virtual field. */
  bm25: number;
  /** "popular": an everyday app, when the request names and suggests none. */
  toolkit: "named" | "hinted" | "popular" | "other";
  /** The tool's action against the request's (search-actions.ts): below 1 pushes down, above lifts. */
  action: number;
  /** The best share of the tool's slug (or an alias slug) the request covers. */
  slugCoverage: number;
  important: boolean;
  /** The tool creates nothing but the kind of place the request puts something into. */
  createsPlace: boolean;
  /** The share of the request's content words the tool's text holds. */
  coverage: number;
  /** The tool's best phrasing match against the best any candidate has (0–1). */
  phraseShare: number;
}

/** A candidate's score from its evidence: the one formula the ranker and the weights' fit share. */
export function weightedScore(
  bm25: number,
  toolkitWeight: number,
  action: number,
  slugCoverage: number,
  important: boolean,
  createsPlace: boolean,
  coverage: number,
  phraseShare: number,
  weights: RankWeights,
): number {
  let score = bm25 * toolkitWeight * action;
  score *= 1 + weights.slugCoverage * slugCoverage;
  if (important) score *= weights.important;
  if (createsPlace) score *= weights.placeCreation;
  // What the request is about weighs on its own: a tool with none of its words is a long shot.
  score *= 1 - weights.coverage + weights.coverage * coverage;
  return score * (1 + weights.phraseMatch * phraseShare);
}

/** The toolkit factor of `weightedScore` for a toolkit the request names, hints at, an everyday app when it does neither, or another. */
export function toolkitFactor(toolkit: Evidence["toolkit"], weights: RankWeights): number {
  if (toolkit === "named") return weights.namedToolkit;
  if (toolkit === "hinted") return weights.hintedToolkit;
  return toolkit === "popular" ? weights.popularToolkit : 1;
}

/**
 * The role whose factor a toolkit's tools were given (`toolkitFactor`'s inverse), so the evidence
 * reported is the evidence scored: a toolkit named through another's `handledBy` is named too.
 */
export function toolkitRole(factor: number, weights: RankWeights): Evidence["toolkit"] {
  for (const role of ["named", "hinted", "popular"] as const) if (factor === toolkitFactor(role, weights)) return role;
  return "other";
}

/** The score a candidate's reported evidence comes to under `weights` (the fit's and the tests' way in). */
export function evidenceScore(e: Evidence, weights: RankWeights = RANK_WEIGHTS): number {
  return weightedScore(e.bm25, toolkitFactor(e.toolkit, weights), e.action, e.slugCoverage, e.important, e.createsPlace, e.coverage, e.phraseShare, weights);
}
