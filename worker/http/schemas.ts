import { z } from "@hono/zod-openapi";

/** The error envelope, documented once and referenced by every route. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed", description: "Stable, machine-readable code." }),
      message: z.string(),
      status: z.number().int(),
      request_id: z.string(),
      suggested_fix: z.string().optional(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

/** The failure responses every authenticated route can give. */
export const commonErrors = {
  400: errorResponse("Malformed JSON, a field that fails validation, or a bad cursor."),
  401: errorResponse("The key is missing, malformed, unknown or revoked."),
  413: errorResponse("The body is too large."),
  415: errorResponse("The body is not JSON."),
} as const;

export const notFound = { 404: errorResponse("No such resource in this project.") } as const;
export const conflict = { 409: errorResponse("The request conflicts with existing data.") } as const;
export const forbidden = { 403: errorResponse("A project key was sent where the admin key is needed.") } as const;

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

type SecurityRequirement = Record<string, string[]>;
/** Routes for project keys accept either header; the operator API takes the admin key. */
export const projectKeySecurity: SecurityRequirement[] = [{ ApiKey: [] }, { Bearer: [] }];
export const adminKeySecurity: SecurityRequirement[] = [{ AdminKey: [] }];

/** What every project-key route of one tag declares alike, to spread into `createRoute`. */
export const projectRoutes =
  (tags: string[]) =>
  <M extends "get" | "post" | "patch" | "delete", P extends string>(method: M, path: P, summary: string) => ({
    method,
    path,
    tags,
    security: projectKeySecurity,
    summary,
  });
