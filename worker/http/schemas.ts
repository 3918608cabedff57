import { z } from "@hono/zod-openapi";

/** The error envelope, documented once and referenced by every route. */
export const ErrorSchema = z
  .object({
    error: z
      .object({
        code: z.string().openapi({
          example: "validation_failed",
          description:
            "Stable, machine-readable code to branch on (e.g. `validation_failed`, `invalid_cursor`, `malformed_json`, `route_not_found`, `internal_error`). Codes are not renamed; `message` may change.",
        }),
        message: z.string().openapi({ description: "What went wrong, written for a person; never contains a secret. Not stable: match on `code` instead." }),
        status: z.number().int().openapi({ description: "The HTTP status code, repeated from the response.", example: 400 }),
        request_id: z.string().openapi({
          description:
            "The request's id, also sent in the `x-request-id` response header: the caller's own `x-request-id` when it is 1–128 characters of `A-Z a-z 0-9 . _ : -`, else a generated `req_…`. Quote it when reporting a problem.",
          example: "req_5fT2kQ9wL1xZ8mN3vB7cR0",
        }),
        suggested_fix: z.string().optional().openapi({ description: "What to change to make the request succeed, when there is a known fix (as in Composio's envelope)." }),
        errors: z
          .array(
            z.object({
              path: z.string().openapi({
                description: "Where the bad value is: `body.`, `query.`, `path.` or `header.` followed by the field's path, dot-separated (array indexes as numbers).",
                example: "body.user_id",
              }),
              message: z.string().openapi({ description: "Why the value was refused.", example: "Required" }),
            }),
          )
          .optional()
          .openapi({ description: "With `validation_failed` (400) only: one entry per field that failed validation." }),
      })
      .openapi({ description: "The failure. Composio's error envelope (`message`, `status`, `request_id`, `suggested_fix`) plus a stable `code` and, for validation failures, `errors`." }),
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
