import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../../core/db/client.ts";
import { createRouter } from "../http/openapi-app.ts";
import { commonErrors, jsonResponse, projectKeySecurity } from "../http/schemas.ts";
import { ApiKeySchema, apiKeyView, ProjectSchema, projectView } from "../http/views.ts";
import { getApiKey } from "../repositories/api-keys.ts";
import { getProject } from "../../core/repositories/projects.ts";

const SessionInfoSchema = z
  .object({ project: ProjectSchema, api_key: ApiKeySchema })
  .openapi("SessionInfo");

const app = createRouter();

// Composio's `GET /api/v3/auth/session/info` answers "whose key is this?"; ours does the same for a project key.
app.openapi(
  createRoute({
    method: "get",
    path: "/info",
    tags: ["Auth"],
    security: projectKeySecurity,
    summary: "Which project does this key belong to?",
    responses: { 200: jsonResponse(SessionInfoSchema, "The key's project and the key's public details."), ...commonErrors },
  }),
  async (c) => {
    const db = database(c.env);
    const { projectId, keyId } = c.get("caller");
    const [project, key] = await Promise.all([getProject(db, projectId), getApiKey(db, projectId, keyId)]);
    return c.json({ project: projectView(project), api_key: apiKeyView(key) }, 200);
  },
);

export default app;
