import { createRoute, z } from "@hono/zod-openapi";
import { keyCache } from "../auth/key-cache.ts";
import { database } from "../../core/db/client.ts";
import { idPattern } from "../../core/ids.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, pageOf, pageQuery, toPage } from "../../core/http/pagination.ts";
import { commonErrors, forbidden, jsonBody, jsonResponse, notFound, adminKeySecurity } from "../http/schemas.ts";
import { ApiKeySchema, apiKeyView } from "../http/views.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../repositories/api-keys.ts";
import { getProject } from "../../core/repositories/projects.ts";
import { ProjectIdParam } from "./admin-projects.ts";

const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100).default("default").openapi({ description: "A label to tell the project's keys apart (1–100 characters, trimmed). Defaults to `default`." }),
  })
  .strict()
  .openapi("CreateApiKey");

const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The key itself. Shown this once; only its hash is stored." }),
}).openapi("CreatedApiKey");

const ProjectParam = z.object({
  project_id: ProjectIdParam.shape.project_id.openapi({ description: "The project's id (`proj_…`)." }),
});

const KeyParams = ProjectParam.extend({
  key_id: z
    .string()
    .regex(idPattern("key"), "must be an API key id (key_…)")
    .openapi({ param: { in: "path", name: "key_id" }, description: "The key's id (`key_…`), as listed; not the secret." }),
});

const tags = ["Admin: API keys"];
const errors = { ...commonErrors, ...forbidden, ...notFound };

const app = createRouter();

app.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    security: adminKeySecurity,
    summary: "Create an API key",
    description: "Returns the key once. Store it: Switchboard keeps only a hash.",
    request: { params: ProjectParam, body: jsonBody(CreateApiKeyBody) },
    responses: { 201: jsonResponse(CreatedApiKeySchema, "The new key, with its secret."), ...errors },
  }),
  async (c) => {
    const db = database(c.env);
    const project = await getProject(db, c.req.valid("param").project_id);
    const created = await createApiKey(db, project.id, c.req.valid("json"));
    return c.json({ ...apiKeyView(created.row), key: created.key }, 201);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    security: adminKeySecurity,
    summary: "List a project's API keys",
    request: { params: ProjectParam, query: pageQuery },
    responses: { 200: jsonResponse(pageOf(ApiKeySchema), "A page of keys, oldest first, revoked ones included."), ...errors },
  }),
  async (c) => {
    const db = database(c.env);
    const project = await getProject(db, c.req.valid("param").project_id);
    const { limit, cursor } = c.req.valid("query");
    const page = toPage(await listApiKeys(db, project.id, { limit, after: decodeCursor(cursor) }), limit);
    return c.json({ items: page.items.map(apiKeyView), next_cursor: page.nextCursor }, 200);
  },
);

app.openapi(
  createRoute({
    method: "post",
    path: "/{key_id}/revoke",
    tags,
    security: adminKeySecurity,
    summary: "Revoke an API key",
    description: "Takes effect at once in the isolate that serves this call, and everywhere within API_KEY_CACHE_TTL_SECONDS.",
    request: { params: KeyParams },
    responses: { 200: jsonResponse(ApiKeySchema, "The revoked key."), ...errors },
  }),
  async (c) => {
    const { project_id, key_id } = c.req.valid("param");
    const db = database(c.env);
    const project = await getProject(db, project_id);
    const row = await revokeApiKey(db, project.id, key_id);
    keyCache.markRevoked(row.id);
    return c.json(apiKeyView(row), 200);
  },
);

export default app;
