import { createRoute, z } from "@hono/zod-openapi";
import { semanticBindings } from "../../core/catalog/semantic/from-env.ts";
import { reindexPage } from "../catalog/semantic/reindex.ts";
import { ApiError } from "../../core/http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { adminKeySecurity, commonErrors, ErrorSchema, forbidden, jsonBody, jsonResponse } from "../http/schemas.ts";

const ReindexBody = z
  .object({
    cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous call; omit to start from the first tool." }),
    limit: z.number().int().min(1).max(200).default(100).openapi({ description: "Tools to embed in this call (1–200)." }),
  })
  .strict()
  .openapi("ReindexToolSearch");

const ReindexResultSchema = z
  .object({
    upserted: z.number().int().openapi({ description: "Vectors written to the index by this call: one per tool and one per users' phrasing of it." }),
    tools: z.number().int().openapi({ description: "Tools this call embedded (fewer than `limit` when their phrasings fill the call's budget of 1,000 texts)." }),
    next_cursor: z.string().nullable().openapi({ description: "Pass it back to continue; null when every tool is indexed." }),
    total: z.number().int().openapi({ description: "Tools in the catalog." }),
  })
  .openapi("ToolSearchReindex");

const notConfigured = {
  503: { description: "Workers AI or the Vectorize index is not bound (`semantic_search_not_configured`).", content: { "application/json": { schema: ErrorSchema } } },
} as const;

const tags = ["Admin: search"];
const errors = { ...commonErrors, ...forbidden, ...notConfigured };

const app = createRouter();

app.openapi(
  createRoute({
    method: "post",
    path: "/reindex",
    tags,
    security: adminKeySecurity,
    summary: "Embed a page of the catalog into the semantic search index",
    description:
      "Embeds up to `limit` tools, each with its users' phrasings, with Workers AI and upserts them into the Vectorize index, in slug order. " +
      "Call again with `next_cursor` until it is null (`npm run search:reindex` does). Safe to repeat: vectors are keyed by tool slug and phrasing.",
    request: { body: jsonBody(ReindexBody) },
    responses: { 200: jsonResponse(ReindexResultSchema, "What this call indexed and where to continue."), ...errors },
  }),
  async (c) => {
    const bindings = semanticBindings(c.env);
    if (!bindings) {
      throw new ApiError(503, "semantic_search_not_configured", "Semantic search needs both the AI and the TOOL_VECTORS binding, and this deploy lacks at least one.", {
        suggestedFix: "Create the Vectorize index and add the `[ai]` and `[[vectorize]]` bindings to wrangler.toml (see docs/search.md, section Semantic search in production), then deploy.",
      });
    }
    const body = c.req.valid("json");
    const page = await reindexPage(c.env, bindings, { limit: body.limit, ...(body.cursor === undefined ? {} : { cursor: body.cursor }) });
    return c.json({ upserted: page.upserted, tools: page.tools, next_cursor: page.nextCursor, total: page.total }, 200);
  },
);

export default app;
