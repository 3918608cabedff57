import { ApiError } from "../http/errors.ts";
import { newId } from "../ids.ts";
import type { SessionContext, ToolResult } from "../sessions/context.ts";
import { isMetaToolSlug } from "../sessions/meta-tools/meta-tool.ts";
import { runAppTool } from "../sessions/run-tool.ts";
import { SessionProxyBody, sessionProxy } from "../sessions/session-proxy.ts";
import type { FileEntry } from "./file-store.ts";
import type { SandboxCapabilities } from "./sandbox/index.ts";

/** Files bigger than this are refused by `files.read`: text that size belongs in bash (`head`, `jq`). */
const MAX_READ_CHARS = 8 * 1024 * 1024;

/** An error the sandboxed code sees as a thrown Error with this message. */
class HelperError extends Error {}

/**
 * The capabilities handed to one workbench run, and nothing else: the session's tools with
 * its auth, its proxy (when the session allows it), and its files. Every call lands in the
 * session's log under the run's log id, so the log shows what the code did.
 */
export function workbenchHelpers(ctx: SessionContext, runLogId: string): SandboxCapabilities {
  const { files } = ctx.workbench;

  const logged = <T>(slug: string, toolkitSlug: string, run: () => T): T => {
    const started = Date.now();
    const entry = { id: newId("log"), toolSlug: slug, toolkitSlug, kind: "helper" as const, via: "workbench" as const, parentId: runLogId, connectedAccountId: null, createdAt: started };
    try {
      const value = run();
      ctx.log({ ...entry, status: "success", error: null, durationMs: Date.now() - started });
      return value;
    } catch (err) {
      ctx.log({ ...entry, status: "error", error: errorMessage(err), durationMs: Date.now() - started });
      throw asHelperError(err);
    }
  };

  return {
    async: {
      async run_composio_tool(slug: unknown, args: unknown = {}, account?: unknown): Promise<ToolResult> {
        if (typeof slug !== "string" || slug.length === 0) throw new HelperError("run_composio_tool(slug, args): slug must be a tool slug such as GITHUB_LIST_ISSUES.");
        if (isMetaToolSlug(slug)) throw new HelperError(`${slug} is a meta tool; workbench code can run app tools only.`);
        if (args === null || typeof args !== "object" || Array.isArray(args)) throw new HelperError("run_composio_tool(slug, args): args must be an object of the tool's arguments.");
        ctx.progress?.(`Running ${slug}`);
        try {
          return await runAppTool(ctx, {
            toolSlug: slug,
            arguments: args as Record<string, unknown>,
            account: typeof account === "string" ? account : undefined,
            via: "workbench",
            parentId: runLogId,
          });
        } catch (err) {
          throw asHelperError(err);
        }
      },

      /** Composio's signature: proxy_execute(method, endpoint, toolkit, query_params?, body?, headers?). */
      async proxy_execute(method: unknown, endpoint: unknown, toolkit: unknown, queryParams?: unknown, body?: unknown, headers?: unknown) {
        if (!ctx.config.workbench.proxy_execution_enabled) {
          throw new HelperError("proxy_execute is off for this session: create it with workbench.enable_proxy_execution = true, or use run_composio_tool.");
        }
        const parameters = [
          ...Object.entries(asRecord(queryParams)).map(([name, value]) => ({ name, value, type: "query" })),
          ...Object.entries(asRecord(headers)).map(([name, value]) => ({ name, value, type: "header" })),
        ];
        const parsed = SessionProxyBody.safeParse({ method: typeof method === "string" ? method.toUpperCase() : method, endpoint, toolkit_slug: toolkit, body, parameters });
        if (!parsed.success) {
          throw new HelperError(`proxy_execute(method, endpoint, toolkit, query_params, body, headers): ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
        }
        const started = Date.now();
        const entry = { id: newId("log"), toolSlug: "PROXY_EXECUTE", toolkitSlug: parsed.data.toolkit_slug, kind: "helper" as const, via: "workbench" as const, parentId: runLogId, createdAt: started };
        try {
          const result = await sessionProxy(ctx, parsed.data);
          ctx.log({ ...entry, status: result.status < 400 ? "success" : "error", error: result.status < 400 ? null : `HTTP ${result.status}`, connectedAccountId: null, durationMs: Date.now() - started });
          return result;
        } catch (err) {
          ctx.log({ ...entry, status: "error", error: errorMessage(err), connectedAccountId: null, durationMs: Date.now() - started });
          throw asHelperError(err);
        }
      },
    },
    sync: {
      "files.read": (path: unknown) =>
        logged("FILES_READ", "workbench", () => {
          const entry = files.stat(String(path));
          if (entry?.kind === "file" && entry.size > MAX_READ_CHARS) {
            throw new HelperError(`${entry.path} is ${entry.size} bytes; files.read returns at most ${MAX_READ_CHARS}. Use COMPOSIO_REMOTE_BASH_TOOL (head, grep, jq) on it.`);
          }
          return files.readText(String(path));
        }),
      "files.write": (path: unknown, content: unknown) =>
        logged("FILES_WRITE", "workbench", () => entryView(files.write(String(path), typeof content === "string" ? content : JSON.stringify(content, null, 2)))),
      "files.list": (dir?: unknown) => logged("FILES_LIST", "workbench", () => files.list(dir === undefined ? "." : String(dir)).map(entryView)),
      "files.exists": (path: unknown) => logged("FILES_EXISTS", "workbench", () => files.stat(String(path)) !== null),
      "files.remove": (path: unknown) => logged("FILES_REMOVE", "workbench", () => files.remove(String(path), { recursive: true })),
    },
  };
}

function entryView(entry: FileEntry) {
  return { path: entry.path, kind: entry.kind, size: entry.size, modified: new Date(entry.updatedAt).toISOString() };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Only our own messages reach the sandbox; anything unexpected is logged and described generically. */
function asHelperError(err: unknown): Error {
  if (err instanceof HelperError) return err;
  if (err instanceof ApiError && err.status < 500) return new HelperError(err.suggestedFix ? `${err.message} ${err.suggestedFix}` : err.message);
  console.error(JSON.stringify({ level: "error", message: "workbench helper failed", error: errorMessage(err) }));
  return new HelperError("The gateway could not complete this call.");
}
