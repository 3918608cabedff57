import { z } from "@hono/zod-openapi";

/** What a proxied request answers, through `tools.proxyExecute` and a session's `proxy_execute` alike. */
export const ProxyResultSchema = z
  .object({
    status: z.number().int().openapi({ description: "The upstream HTTP status; an upstream error still answers HTTP 200 here." }),
    data: z
      .unknown()
      .openapi({ description: "The upstream body: parsed JSON when it says it is JSON, else text; null when empty. Credentials echoed back are scrubbed; an oversized body is cut and marked." }),
    headers: z.record(z.string(), z.string()).openapi({ description: "The upstream response headers, lower-case names, without `set-cookie` and `authorization`." }),
  })
  .openapi("ProxyResult");
