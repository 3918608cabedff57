/**
 * Candidates best first without sorting them all: a page needs the best few of thousands.
 */

/**
 * The k-th largest of `values` (1-based), found by quickselect in linear time; reorders
 * `values`. A full sort of every candidate's score for a page of ten costs more than the
 * ranking's own arithmetic on a 10,000-tool catalog.
 */
function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] ?? 0;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i++] = values[j] ?? 0;
        values[j--] = swap;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target] ?? 0;
}

/** Beyond this many times the page size, candidates are cut at a score threshold before the sort. */
const PRESELECT_FACTOR = 2;

/**
 * Candidate positions, best score first (ties in catalog order). Sorting every candidate of a
 * 10,000-tool catalog for a page of ten is wasted work: the best few are sorted first, found
 * with a native numeric sort of the scores, and the rest only if the caller reads on (when its
 * `allow` filter rejected many).
 */
export function* bestFirst(scores: Float64Array, docs: readonly number[], limit: number): Generator<number> {
  const byScore = (a: number, b: number) => (scores[b] ?? 0) - (scores[a] ?? 0) || ((docs[a] ?? 0) < (docs[b] ?? 0) ? -1 : 1);
  const keep = limit * PRESELECT_FACTOR;
  if (docs.length <= keep) {
    yield* docs.map((_, i) => i).sort(byScore);
    return;
  }
  const threshold = kthLargest(Float64Array.from(scores), keep);
  const head: number[] = [];
  for (let i = 0; i < scores.length; i++) if ((scores[i] ?? 0) >= threshold) head.push(i);
  yield* head.sort(byScore);
  const rest: number[] = [];
  for (let i = 0; i < scores.length; i++) if ((scores[i] ?? 0) < threshold) rest.push(i);
  yield* rest.sort(byScore);
}
