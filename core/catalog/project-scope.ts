import { AsyncLocalStorage } from "node:async_hooks";
import type { ToolDefinition } from "../../catalog/definition.ts";
import type { ToolkitInfo } from "./catalog-files.ts";
import type { ToolEntry } from "./catalog-tool.ts";
import type { SearchIndex } from "./search-index.ts";

/**
 * A project's own toolkits (imported from its OpenAPI descriptions), as the catalog sees them
 * while one of that project's requests runs. The registry's lookups consult the scope of the
 * running request, so every route, meta tool and the executor see the project's toolkits
 * beside the shared catalog, and no other project ever does, without each caller passing the
 * project along. (AsyncLocalStorage: concurrent requests in one isolate each keep their own.)
 */
export interface ProjectCatalog {
  projectId: string;
  toolkits: ToolkitInfo[];
  entries: ToolEntry[];
  /** By slug, upper case. */
  entryBySlug: Map<string, ToolEntry>;
  definitions: Map<string, ToolDefinition>;
  /** Built on the first search that needs it. */
  searchIndex: () => SearchIndex;
}

const scope = new AsyncLocalStorage<ProjectCatalog>();

/** Runs `work` with a project's toolkits visible to the catalog's lookups. */
export function withProjectCatalog<T>(catalog: ProjectCatalog, work: () => T): T {
  return scope.run(catalog, work);
}

/** The project toolkits of the request running now, if it has any. */
export function currentProjectCatalog(): ProjectCatalog | undefined {
  const catalog = scope.getStore();
  return catalog && catalog.toolkits.length > 0 ? catalog : undefined;
}
