import { z } from "@hono/zod-openapi";

/**
 * A query parameter or header to add to a proxied request. Where it goes is `in` (the
 * documented name) or `type` (what @composio/core's proxyExecute sends); `in` wins when both
 * are sent. Parsed, it is `{ in, name, value }`, what the executor's proxy takes.
 */
export const ProxyParameter = z
  .object({
    in: z.enum(["query", "header"]).optional().openapi({ description: "Where the parameter goes: `query` or `header`. One of `in` and `type` is required." }),
    type: z.enum(["query", "header"]).optional().openapi({ description: "Same as `in`, as @composio/core sends it." }),
    name: z.string().min(1).max(200).openapi({ description: "The query parameter's or header's name (1–200 characters). `Authorization`, `Cookie`, `Host`, `Content-Length`, `Transfer-Encoding` and `Proxy-*` headers are refused." }),
    value: z.union([z.string(), z.number(), z.boolean()]).transform(String).openapi({ description: "The value; numbers and booleans are sent as text." }),
  })
  .refine((p) => (p.in ?? p.type) !== undefined, { message: "say where the parameter goes: `in` (or `type`) is query or header", path: ["in"] })
  .transform(({ in: where, type, name, value }) => ({ in: (where ?? type) as "query" | "header", name, value }));

/** The request both proxies send for the caller (direct access and a session's): where, how and with what. */
export const proxyRequestFields = {
  endpoint: z.string().min(1).max(2000).openapi({ description: "A path relative to the toolkit's API, or a full URL on its origin." }),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]).openapi({ description: "The HTTP method." }),
  body: z
    .unknown()
    .optional()
    .openapi({ description: "The request body, ignored for GET and HEAD: a string is sent as is, anything else as JSON (`Content-Type: application/json` unless a header parameter sets one)." }),
  parameters: z.array(ProxyParameter).max(50).default([]).openapi({ description: "Query parameters and headers to add (at most 50). Defaults to none." }),
  binary_body: z.unknown().optional().openapi({ description: "Composio's binary upload. Accepted and ignored: only `body` is sent." }),
};
