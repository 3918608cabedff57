import { z } from "@hono/zod-openapi";

/**
 * Toolkit categories. The catalog names them in plain words ("developer tools"); Composio
 * identifies them by a URL-friendly id ("developer-tools") that clients pass back as
 * `GET /toolkits?category=`, so the id is derived from the name the same way everywhere.
 */

export const CategorySchema = z
  .object({
    id: z.string().openapi({ description: "URL-friendly identifier, accepted by `GET /api/v3.1/toolkits?category=`.", example: "developer-tools" }),
    name: z.string().openapi({ description: "Display name of the category.", example: "developer tools" }),
  })
  .openapi("ToolkitCategory");

export type Category = z.infer<typeof CategorySchema>;

export function categoryId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** Whether a toolkit's categories include the one asked for, by id or by name, in any case. */
export function inCategory(names: readonly string[], wanted: string): boolean {
  const asked = wanted.trim().toLowerCase();
  return names.some((name) => name.toLowerCase() === asked || categoryId(name) === categoryId(asked));
}

/** Every category some toolkit is in, once, alphabetical by id. */
export function categoriesOf(toolkits: readonly { categories: readonly string[] }[]): Category[] {
  const byId = new Map<string, Category>();
  for (const toolkit of toolkits) {
    for (const name of toolkit.categories) {
      const id = categoryId(name);
      if (!byId.has(id)) byId.set(id, { id, name });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
