import { z } from "@hono/zod-openapi";

/** A list in a query string: `a,b,c` or repeated parameters, trimmed, empties dropped. */
export const commaList = z
  .union([z.string().max(2000), z.array(z.string().max(2000))])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(",")).map((s) => s.trim()).filter(Boolean));

/** `true` / `false` in a query string. */
export const queryBoolean = z.enum(["true", "false"]).transform((value) => value === "true");
