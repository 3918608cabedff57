import { DEFAULT_GATEWAY_URL } from "../lib/paths.ts";

/** How long a gateway at `npm run dev`'s address has to answer before the bench takes it as absent. */
const ANSWER_WITHIN_MS = 500;

/**
 * Warns when a gateway already answers at `npm run dev`'s address. The bench starts its own, but
 * one left running shares the CPU with it and skews every figure, silently: a search ratio read
 * ×1.64 beside one, against ×1.53–1.63 without.
 */
export async function warnIfDevGatewayRuns(): Promise<void> {
  const answered = await fetch(`${DEFAULT_GATEWAY_URL}/health/live`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) }).then(
    async (response) => {
      await response.body?.cancel();
      return true;
    },
    () => false,
  );
  if (answered) console.warn(`warning: a gateway already answers at ${DEFAULT_GATEWAY_URL} (a running \`npm run dev\`?). It shares the CPU with this run and skews its figures: stop it for figures worth comparing.\n`);
}
