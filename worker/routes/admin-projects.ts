import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../db/client.ts";
import { idPattern } from "../ids.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, pageOf, pageQuery, toPage } from "../http/pagination.ts";
import { commonErrors, conflict, forbidden, jsonBody, jsonResponse, notFound, adminKeySecurity } from "../http/schemas.ts";
import { ProjectSchema, projectView } from "../http/views.ts";
import { createProject, DEFAULT_LOG_RETENTION_DAYS, DEFAULT_SESSION_TTL_SECONDS, getProject, listProjects, updateProject } from "../repositories/projects.ts";

export const ProjectIdParam = z.object({
  project_id: z.string().regex(idPattern("proj"), "must be a project id (proj_…)").openapi({ param: { in: "path", name: "project_id" } }),
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

const CreateProjectBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\w .-]+$/, "may contain letters, digits, spaces, '.', '_' and '-'"),
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
    is_production: z.boolean().optional(),
    allowed_callback_origins: z.array(origin).max(50).optional(),
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

export default app;
