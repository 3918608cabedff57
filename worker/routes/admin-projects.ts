import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../../core/db/client.ts";
import { idPattern } from "../../core/ids.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, pageOf, pageQuery, toPage } from "../../core/http/pagination.ts";
import { commonErrors, conflict, forbidden, jsonBody, jsonResponse, notFound, adminKeySecurity } from "../http/schemas.ts";
import { ProjectSchema, projectView } from "../http/views.ts";
import { createProject, DEFAULT_LOG_RETENTION_DAYS, DEFAULT_SESSION_TTL_SECONDS, getProject, listProjects, updateProject } from "../../core/repositories/projects.ts";
import { keyCache } from "../auth/key-cache.ts";
import { mcpCredentialCache } from "../auth/mcp-credential-cache.ts";
import { ApiError } from "../../core/http/errors.ts";
import { DELETE_REQUEST_LIMITS, purgeProject, removeIfSettled } from "../lifecycle/deleted-projects.ts";
import { findProjectForDeletion, markProjectDeleted } from "../repositories/project-deletion.ts";

export const ProjectIdParam = z.object({
  project_id: z
    .string()
    .regex(idPattern("proj"), "must be a project id (proj_…)")
    .openapi({ param: { in: "path", name: "project_id" }, description: "The project's id (`proj_…`)." }),
});

// Below a minute a session would end between an agent's turns; past 90 days it is an abandoned object
// nobody will come back to, holding a user's history.
const sessionTtlSeconds = z
  .number()
  .int()
  .min(60)
  .max(90 * 86_400)
  .openapi({ description: "Seconds a session may stay unused before it expires and its storage is deleted (60 to 7,776,000, 90 days).", example: DEFAULT_SESSION_TTL_SECONDS });

const logRetentionDays = z
  .number()
  .int()
  .min(1)
  .max(3650)
  .openapi({ description: "Days execution logs are kept; the scheduled cleanup deletes older ones (1 to 3650).", example: DEFAULT_LOG_RETENTION_DAYS });

// The Connect page shows these to an app's end users, so they are the app's words and images, not the operator's.
const displayName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^\P{Cc}+$/u, "may not contain control characters")
  .nullable()
  .openapi({ description: "The app's name on the Connect page (at most 80 characters); null shows \"this app\". The project's `name` is never shown to end users.", example: "Acme Notes" });

// https only: the page's Content-Security-Policy lets in images from this origin and no other, and an http
// image would be mixed content on a deployed gateway.
const httpsUrl = (description: string, example: string) =>
  z
    .url({ protocol: /^https$/, error: "must be an https URL" })
    .max(2000)
    // Zod runs refinements after a failed check too: a value that is no URL at all is already refused above.
    .refine((value) => {
      const url = URL.parse(value);
      return !url || (!url.username && !url.password);
    }, "may not carry credentials")
    .nullable()
    .openapi({ description, example });

const logoUrl = httpsUrl("The app's logo on the Connect page: an https image URL, at most 2,000 characters; null removes it.", "https://cdn.example.com/acme-logo.png");
const privacyUrl = httpsUrl("The app's privacy policy, linked from the Connect page: an https URL, at most 2,000 characters; null removes it.", "https://example.com/privacy");

const projectName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w .-]+$/, "may contain letters, digits, spaces, '.', '_' and '-'")
  .openapi({ description: "The operator's own label for the project, unique among projects (1–100 letters, digits, spaces, '.', '_', '-'; trimmed). End users never see it: the Connect page shows `display_name`.", example: "acme-notes" });

const CreateProjectBody = z
  .object({
    name: projectName,
    is_production: z.boolean().default(false).openapi({ description: "Production projects refuse the shared `default` user id." }),
    session_ttl_seconds: sessionTtlSeconds.default(DEFAULT_SESSION_TTL_SECONDS),
    log_retention_days: logRetentionDays.default(DEFAULT_LOG_RETENTION_DAYS),
    display_name: displayName.optional(),
    logo_url: logoUrl.optional(),
    privacy_url: privacyUrl.optional(),
  })
  .strict()
  .openapi("CreateProject");

const origin = z
  .url({ protocol: /^https?$/ })
  .transform((value) => new URL(value).origin)
  .openapi({ example: "https://app.example.com" });

const UpdateProjectBody = z
  .object({
    name: projectName.optional().openapi({ description: "A new internal name (unique among projects; end users never see it). The project's id and keys do not change." }),
    is_production: z.boolean().optional().openapi({ description: "Production projects refuse the shared `default` user id." }),
    allowed_callback_origins: z
      .array(origin)
      .max(50)
      .optional()
      .openapi({ description: "Origins (scheme, host, port) a Connect Link's `callback_url` may point at, at most 50; each URL given is cut to its origin. An empty list allows any http(s) URL." }),
    session_ttl_seconds: sessionTtlSeconds.optional(),
    log_retention_days: logRetentionDays.optional(),
    display_name: displayName.optional(),
    logo_url: logoUrl.optional(),
    privacy_url: privacyUrl.optional(),
  })
  .strict()
  .openapi("UpdateProject");

const tags = ["Admin: projects"];
const errors = { ...commonErrors, ...forbidden };

const app = createRouter();

app.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    security: adminKeySecurity,
    summary: "Create a project",
    request: { body: jsonBody(CreateProjectBody) },
    responses: { 201: jsonResponse(ProjectSchema, "The new project."), ...errors, ...conflict },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const project = await createProject(database(c.env), {
      name: body.name,
      isProduction: body.is_production,
      sessionTtlSeconds: body.session_ttl_seconds,
      logRetentionDays: body.log_retention_days,
      displayName: body.display_name ?? null,
      logoUrl: body.logo_url ?? null,
      privacyUrl: body.privacy_url ?? null,
    });
    return c.json(projectView(project), 201);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    security: adminKeySecurity,
    summary: "List projects",
    request: { query: pageQuery },
    responses: { 200: jsonResponse(pageOf(ProjectSchema), "A page of projects, oldest first."), ...errors },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const rows = await listProjects(database(c.env), { limit, after: decodeCursor(cursor) });
    const page = toPage(rows, limit);
    return c.json({ items: page.items.map(projectView), next_cursor: page.nextCursor }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/{project_id}",
    tags,
    security: adminKeySecurity,
    summary: "Get a project",
    request: { params: ProjectIdParam },
    responses: { 200: jsonResponse(ProjectSchema, "The project."), ...errors, ...notFound },
  }),
  async (c) => {
    const project = await getProject(database(c.env), c.req.valid("param").project_id);
    return c.json(projectView(project), 200);
  },
);

app.openapi(
  createRoute({
    method: "patch",
    path: "/{project_id}",
    tags,
    security: adminKeySecurity,
    summary: "Update a project",
    description:
      "Mark it production, restrict where Connect Links may send users back to, change how long sessions and execution logs live, or set how the Connect page presents the app (display name, logo, privacy link; null clears each).",
    request: { params: ProjectIdParam, body: jsonBody(UpdateProjectBody) },
    responses: { 200: jsonResponse(ProjectSchema, "The updated project."), ...errors, ...notFound },
  }),
  async (c) => {
    const db = database(c.env);
    const project = await getProject(db, c.req.valid("param").project_id);
    const body = c.req.valid("json");
    const updated = await updateProject(db, project.id, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.is_production === undefined ? {} : { isProduction: body.is_production }),
      ...(body.allowed_callback_origins === undefined ? {} : { allowedCallbackOrigins: body.allowed_callback_origins }),
      ...(body.session_ttl_seconds === undefined ? {} : { sessionTtlSeconds: body.session_ttl_seconds }),
      ...(body.log_retention_days === undefined ? {} : { logRetentionDays: body.log_retention_days }),
      ...(body.display_name === undefined ? {} : { displayName: body.display_name }),
      ...(body.logo_url === undefined ? {} : { logoUrl: body.logo_url }),
      ...(body.privacy_url === undefined ? {} : { privacyUrl: body.privacy_url }),
    });
    return c.json(projectView(updated), 200);
  },
);

const count = (what: string) => z.number().int().min(0).openapi({ description: `${what} this request deleted.` });

const ProjectDeletionSchema = z
  .object({
    project_id: z.string().openapi({ description: "The deleted project.", example: "proj_9f3kQ2mW7xL1vB8nR4tY6z" }),
    status: z.enum(["deleted", "deleting"]).openapi({
      description:
        "`deleted` (200): every record of the project is gone. `deleting` (202): the rest is deleted in the background by the scheduled cleanup (every 15 minutes), or at once by sending the DELETE again.",
    }),
    deleted: z
      .object({
        api_keys: count("API keys"),
        auth_configs: count("Auth configs, with their encrypted credentials,"),
        mcp_credentials: count("Scoped MCP credentials"),
        mcp_oauth_grants: count("MCP OAuth grants (with their access and refresh tokens, kept in KV)"),
        connected_accounts: count("Connected accounts, with their encrypted credentials,"),
        link_requests: count("Connect Links"),
        sessions: count("Session index rows"),
        project_toolkits: count("Custom toolkits"),
        execution_logs: count("Execution logs"),
      })
      .openapi({ description: "Records deleted by this request, per table (and the OAuth grants kept in KV); a repeated DELETE counts only what it deleted itself." }),
    sessions_ended: z.number().int().min(0).openapi({ description: "Live sessions told to end: each deleted its files, variables and log, and now answers 404 `session_not_found`." }),
  })
  .openapi("ProjectDeletion");

app.openapi(
  createRoute({
    method: "delete",
    path: "/{project_id}",
    tags,
    security: adminKeySecurity,
    summary: "Delete a project",
    description: [
      "Deletes the project and everything it owns: API keys, MCP credentials, MCP OAuth grants and tokens, auth configs and connected accounts (with their encrypted credentials), Connect Links, sessions (each live session's storage too, and the project's record of which sessions watch its accounts), custom toolkits and execution logs.",
      "The first step is atomic: the project disappears from every admin route and each of its keys is revoked. A key an isolate has cached keeps working there for at most `API_KEY_CACHE_TTL_SECONDS` (30 s), on a project whose data is being deleted.",
      "The rest is deleted in bounded steps, secrets first. A large project answers 202 `deleting`: the scheduled cleanup finishes it, or send the DELETE again to continue now. Deleting again is safe: it answers 200 with zero counts while the emptied project's row remains (until the first scheduled cleanup after `API_KEY_CACHE_TTL_SECONDS` and a minute have passed, about 17 minutes at most), then 404 `project_not_found`.",
    ].join(" "),
    request: { params: ProjectIdParam },
    responses: {
      200: jsonResponse(ProjectDeletionSchema, "The project and all its records are deleted."),
      202: jsonResponse(ProjectDeletionSchema, "The project is deleted for every caller; the rest of its records follow in the background."),
      ...errors,
      ...notFound,
    },
  }),
  async (c) => {
    const db = database(c.env);
    const projectId = c.req.valid("param").project_id;
    const found = await findProjectForDeletion(db, projectId);
    if (!found) {
      throw new ApiError(404, "project_not_found", `No project has the id ${projectId}.`, {
        suggestedFix: "List projects (GET /api/admin/projects) for the right id; a project deleted a while ago is not listed any more.",
      });
    }
    if (!found.deletedAt) await markProjectDeleted(db, projectId, new Date());
    // This isolate refuses the project's keys at once; others do when their cache entry runs out.
    keyCache.markProjectRevoked(projectId);
    mcpCredentialCache.markProjectRevoked(projectId);
    const purge = await purgeProject(c.env, db, projectId, DELETE_REQUEST_LIMITS);
    // A DELETE repeated after the grace removes the emptied row itself rather than leave it to the cron.
    if (purge.complete) await removeIfSettled(c.env, db, projectId, new Date());
    const status = purge.complete ? ("deleted" as const) : ("deleting" as const);
    console.log(JSON.stringify({ level: "info", message: "project deleted", project_id: projectId, status, ...purge.deleted, sessions_ended: purge.sessionsEnded }));
    return c.json({ project_id: projectId, status, deleted: purge.deleted, sessions_ended: purge.sessionsEnded }, purge.complete ? 200 : 202);
  },
);

export default app;
