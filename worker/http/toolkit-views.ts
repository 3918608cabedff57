import { z } from "@hono/zod-openapi";
import type { ToolkitInfo } from "../../core/catalog/registry.ts";
import { AuthConfigDetailSchema, ManagedAuthSchema, authConfigDetails, managedAuth } from "./toolkit-auth-details.ts";
import { CategorySchema, categoryId } from "./toolkit-categories.ts";

/**
 * Response shapes of `@composio/client`'s toolkits resource. The list and the single
 * toolkit differ the way Composio's do, down to the categories: list items carry
 * `{id, name}`, the single toolkit `{name, slug}` (the SDK reads `id` from one and `slug`
 * from the other, and warns about every toolkit whose shape it does not recognise).
 */

/** A toolkit as the catalog's index holds it: without its tools, with their count and newest version. */
export type CatalogToolkit = ToolkitInfo;

const CATALOG_DATE = "2026-11-01T00:00:00.000Z";

const metaFields = {
  description: z.string().openapi({ description: "What the toolkit's app is and does." }),
  logo: z.string().openapi({ description: "URL of the app's logo." }),
  tools_count: z.number().int().openapi({ description: "How many tools the toolkit has." }),
  triggers_count: z.number().int().openapi({ description: "How many triggers it has; always 0, this gateway has no triggers." }),
  version: z.string().openapi({ description: "The toolkit's version: its newest tool's, `YYYYMMDD_NN`." }),
  available_versions: z.array(z.string()).openapi({ description: "Versions that can be asked for; only the current one here." }),
  created_at: z.string().openapi({ description: "When this catalog edition was published (ISO 8601)." }),
  updated_at: z.string().openapi({ description: "When this catalog edition was published (ISO 8601)." }),
};

const commonFields = {
  slug: z.string().openapi({ description: "Identifier of the toolkit, lower_snake_case.", example: "github" }),
  name: z.string().openapi({ description: "Display name.", example: "GitHub" }),
  type: z.literal("native").openapi({ description: "Always `native`: every toolkit comes from the gateway's catalog." }),
  is_local_toolkit: z.boolean().openapi({ description: "Always false: no toolkit runs in the caller's process." }),
  enabled: z.boolean().openapi({ description: "Always true: every catalog toolkit can be used." }),
  no_auth: z.boolean().openapi({ description: "Whether its tools run without a connected account." }),
  auth_schemes: z.array(z.string()).openapi({ description: "Auth schemes it accepts: `OAUTH2`, `API_KEY`, `BEARER_TOKEN`, `BASIC`, `NO_AUTH`." }),
  composio_managed_auth_schemes: z
    .array(z.string())
    .openapi({ description: "Schemes an auth config of type `use_composio_managed_auth` can use: `OAUTH2` where the operator configured an OAuth app for the toolkit, else none." }),
  base_url: z.string().openapi({ description: "Base URL of the app's API." }),
  deprecated: z
    .object({
      toolkitId: z.string().openapi({ description: "The slug again, where older clients look for it." }),
      rawProxyInfoByAuthSchemes: z.array(z.record(z.string(), z.unknown())).openapi({ description: "Always empty; kept for older clients." }),
    })
    .openapi({ description: "Fields older Composio clients read." }),
};

export const ToolkitSchema = z
  .object({
    ...commonFields,
    meta: z
      .object({
        ...metaFields,
        categories: z.array(CategorySchema).openapi({ description: "Categories the toolkit is in; `id` is what `?category=` takes." }),
      })
      .openapi({ description: "Descriptive details of the toolkit." }),
  })
  .openapi("Toolkit");

export const ToolkitDetailSchema = z
  .object({
    ...commonFields,
    meta: z
      .object({
        ...metaFields,
        categories: z
          .array(
            z.object({
              name: z.string().openapi({ description: "Display name of the category." }),
              slug: z.string().openapi({ description: "URL-friendly identifier, the `id` of GET /api/v3.1/toolkits/categories." }),
            }),
          )
          .openapi({ description: "Categories the toolkit is in." }),
      })
      .openapi({ description: "Descriptive details of the toolkit." }),
    auth_config_details: z.array(AuthConfigDetailSchema).openapi({ description: "For each auth scheme, the fields to send to create an auth config and to connect an account." }),
    composio_managed_auth: z.array(ManagedAuthSchema).openapi({ description: "The operator's OAuth apps for this toolkit, usable with `use_composio_managed_auth`; empty when there is none." }),
  })
  .openapi("ToolkitDetail");

function commonView(toolkit: CatalogToolkit, managedSchemes: readonly string[]) {
  const version = toolkit.latestVersion;
  return {
    slug: toolkit.slug,
    name: toolkit.name,
    type: "native" as const,
    is_local_toolkit: false,
    enabled: true,
    no_auth: toolkit.authSchemes.some((scheme) => scheme.type === "NO_AUTH"),
    auth_schemes: toolkit.authSchemes.map((scheme) => scheme.type),
    composio_managed_auth_schemes: [...managedSchemes],
    base_url: toolkit.baseUrl,
    meta: {
      description: toolkit.description,
      logo: toolkit.logo,
      tools_count: toolkit.toolCount,
      triggers_count: 0,
      version,
      available_versions: [version],
      created_at: CATALOG_DATE,
      updated_at: CATALOG_DATE,
    },
    deprecated: { toolkitId: toolkit.slug, rawProxyInfoByAuthSchemes: [] },
  };
}

/** A list item; `managedSchemes` from managedAuthSchemes(env, toolkit). */
export function toolkitView(toolkit: CatalogToolkit, managedSchemes: readonly string[]): z.infer<typeof ToolkitSchema> {
  const view = commonView(toolkit, managedSchemes);
  return { ...view, meta: { ...view.meta, categories: toolkit.categories.map((name) => ({ id: categoryId(name), name })) } };
}

export function toolkitDetailView(toolkit: CatalogToolkit, managedSchemes: readonly string[]): z.infer<typeof ToolkitDetailSchema> {
  const view = commonView(toolkit, managedSchemes);
  return {
    ...view,
    meta: { ...view.meta, categories: toolkit.categories.map((name) => ({ name, slug: categoryId(name) })) },
    auth_config_details: authConfigDetails(toolkit),
    composio_managed_auth: managedAuth(toolkit, managedSchemes),
  };
}
