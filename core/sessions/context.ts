import type { ConnectLink } from "../connect/create-link.ts";
import type { Database } from "../db/client.ts";
import type { ExecutionLogDraft } from "../executor/log-credential.ts";
import type { FileStore } from "../workbench/file-store.ts";
import type { AccountPool } from "./accounts.ts";
import type { SessionConfig } from "./config.ts";
import type { StoredCustomTool } from "./custom-tools/definitions.ts";

/** Where a call entered the session; kept in the session's log. */
export type Via = "rest" | "meta" | "multi" | "mcp" | "workbench" | "bash";

/** A step of a long call, for the client that asked to hear about it (MCP `notifications/progress`). */
export interface ProgressUpdate {
  progress: number;
  total?: number;
  message?: string;
}

/** One row of the session's own execution log (SQLite in its SessionObject). */
export interface SessionLogEntry {
  id: string;
  toolSlug: string;
  toolkitSlug: string;
  /** `helper`: a file or proxy call made by workbench code (app tools it runs are `app`). */
  kind: "app" | "meta" | "helper";
  via: Via;
  parentId: string | null;
  status: "success" | "error";
  error: string | null;
  connectedAccountId: string | null;
  durationMs: number;
  createdAt: number;
}

/** The variables a session's workbench code keeps between runs (in its SessionObject's storage). */
export interface WorkbenchVariables {
  load(): Record<string, unknown>;
  /** Replaces them all: a variable the code deleted is gone. */
  replaceAll(variables: Record<string, unknown>): void;
}

/** Takes a session's workbench and shell runs one at a time, whatever the outcome of the one before. */
export interface WorkbenchRunQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** What every tool result looks like, meta or app (Composio's `{ data, error, successful }` plus the log id). */
export interface ToolResult {
  data: Record<string, unknown>;
  error: string | null;
  successful: boolean;
  log_id: string;
}

/**
 * Everything a session call can reach: the config snapshot, storage for its log and
 * account choices, and the wait for a connection to complete. Built by the SessionObject
 * per call, so nothing here outlives the request or leaks over RPC.
 */
export interface SessionContext {
  env: Env;
  db: Database;
  sessionId: string;
  projectId: string;
  config: SessionConfig;
  /** The application's custom tools (SDK `experimental_createTool`): found and described here, run by the SDK. */
  customTools: readonly StoredCustomTool[];
  /** The gateway's public origin, for Connect Links (or the session's `link_url_overwrite`). */
  publicUrl: string;
  log(entry: SessionLogEntry): void;
  /**
   * Queues a call's row for the project's execution log in D1 (durably, in the session's storage;
   * sent in batches after), with the credential of the request that made the call.
   */
  recordExecution(row: ExecutionLogDraft): void;
  /** The user's accounts and their auth configs: the session's copy, read from D1 only when cold or changed. */
  accounts(): Promise<AccountPool>;
  /** The account connected through this session for a toolkit, if any. */
  linkedAccount(toolkitSlug: string): string | undefined;
  /** Remembers a Connect Link this session started, so a waiting call can report it. */
  rememberLink(toolkitSlug: string, link: ConnectLink): void;
  /** A counter of the session's connection events; read it before reading connection state. */
  connectionEpoch(): number;
  /**
   * Resolves true once a connection event newer than `seen` (an earlier `connectionEpoch()`)
   * has happened, false when `timeoutMs` passes first.
   */
  nextConnectionEvent(timeoutMs: number, seen: number): Promise<boolean>;
  /** The session's workbench state: its files, the variables its code keeps between runs, and the queue its runs take turns in. */
  workbench: { files: FileStore; variables: WorkbenchVariables; queue: WorkbenchRunQueue };
  /** Set when the caller asked for progress; long calls report each step through it. */
  progress?: ((message: string) => void) | undefined;
}
