import type { z } from "@hono/zod-openapi";
import { DurableObject } from "cloudflare:workers";
import type { ConnectLink } from "../core/connect/create-link.ts";
import { database } from "../core/db/client.ts";
import { withCredential, type CallerCredential } from "../core/executor/log-credential.ts";
import type { ProxyResult } from "../core/executor/proxy.ts";
import { ApiError } from "../core/http/errors.ts";
import { pageOfList } from "../core/http/pagination.ts";
import { applyPatch, type PatchSessionInput, type SessionConfig } from "../core/sessions/config.ts";
import type { ProgressUpdate, SessionContext, ToolResult, Via } from "../core/sessions/context.ts";
import type { StoredCustomTool } from "../core/sessions/custom-tools/definitions.ts";
import { CUSTOM_TOOL_SCHEMA, CustomToolStore } from "./sessions/custom-tools/store.ts";
import { isMetaToolSlug, runMetaTool, type MetaToolSlug } from "../core/sessions/meta-tools/index.ts";
import { searchTools, type SearchInput } from "../core/sessions/meta-tools/search-tools.ts";
import { capture, sessionExpired, sessionNotFound, type RpcResult } from "../core/sessions/rpc.ts";
import { runAppTool } from "../core/sessions/run-tool.ts";
import { startSessionLink } from "../core/sessions/session-link.ts";
import { sessionProxy, type SessionProxyBody } from "../core/sessions/session-proxy.ts";
import { AccountCache } from "./sessions/account-cache.ts";
import { loadAccountPool } from "../core/sessions/accounts.ts";
import { LOG_OUTBOX_SCHEMA, LogOutbox } from "./log-outbox.ts";
import { EXPIRY_NOTE_MS, SESSION_LIFETIME_SCHEMA, SessionLifetime } from "./session-lifetime.ts";
import { SESSION_LOG_SCHEMA, SessionLog, type SessionLogView } from "./session-log.ts";
import { applySchemaVersions, type SchemaVersion } from "./schema-versions.ts";
import { ConnectionWaiters } from "./connection-waiters.ts";
import { SESSION_RECORD_SCHEMA, SessionRecord } from "./session-record.ts";
import { EventStreams } from "./event-streams.ts";
import { SessionStreams } from "./session-streams.ts";
import { listSessionToolkits, type ToolkitsQuery } from "../core/sessions/toolkit-list.ts";
import { validateConfig } from "../core/sessions/validate.ts";
import { listMount } from "../core/workbench/file-mount.ts";
import { FILE_STORE_SCHEMA, FileStore } from "../core/workbench/file-store.ts";
import { FILE_TICKET_SCHEMA, FileTickets, type TicketOp } from "./workbench/file-tickets.ts";
import { offloadResult } from "../core/workbench/offload.ts";
import { deleteFile, downloadByTicket, fileUrl, uploadByTicket, type SessionFiles } from "./workbench/session-files.ts";
import { RunQueue } from "./workbench/run-queue.ts";
import { VARIABLE_STORE_SCHEMA, VariableStore } from "./workbench/variable-store.ts";
import { sessionToolViews, type SessionState } from "../core/sessions/views.ts";
import { inProjectCatalog } from "../core/catalog/project-catalog.ts";
import { currentProjectCatalog, type ProjectCatalog } from "../core/catalog/project-scope.ts";
import { mcpToolListJson } from "./sessions/mcp-tool-list.ts";
import { loadCatalog } from "../core/catalog/registry.ts";
import { markSessionExpired } from "../core/repositories/sessions.ts";

/** Who is calling, already checked by the Worker against the D1 index, and where links should point. */
export interface SessionCall {
  projectId: string;
  publicUrl: string;
  /** The project's session time-to-live as of this call: every use extends the session by it. */
  sessionTtlMs: number;
  /**
   * The credential the request was made with, which the calls' execution logs name. Absent from
   * an RPC sent by a Worker of the previous deploy: those rows name none, as old rows do.
   */
  credential?: CallerCredential | undefined;
}

/** Sent by the OAuth callback (core/connect/finish-connection.ts) when a link of this session completes. */
export interface ConnectionEvent {
  projectId: string;
  toolkitSlug: string;
  connectedAccountId: string;
  status: "ACTIVE" | "FAILED";
}

/** The object's storage, version by version (schema-versions.ts): add a version, never edit one. */
const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    adds: "the session, its config history, account choices, pending links, log, log outbox, workbench files, variables, file tickets and custom tools",
    statements: [
      ...SESSION_RECORD_SCHEMA,
      ...SESSION_LOG_SCHEMA,
      ...LOG_OUTBOX_SCHEMA,
      ...FILE_STORE_SCHEMA,
      ...VARIABLE_STORE_SCHEMA,
      ...FILE_TICKET_SCHEMA,
      ...CUSTOM_TOOL_SCHEMA,
    ],
  },
  { version: 2, adds: "the session's lifetime (last use, TTL) and the note an expired session leaves", statements: SESSION_LIFETIME_SCHEMA },
];

const MAX_COMMIT_ATTEMPTS = 3;
/** Open live-log streams per session: watchers (an operator's console tabs), not agents, so a few suffice. */
const MAX_LOG_STREAMS = 20;
/** Log rows wait this long for company before they go to D1 together. */
const LOG_FLUSH_DELAY_MS = 500;
/** How soon a flush D1 refused is tried again. */
const LOG_FLUSH_RETRY_MS = 5_000;

/** MCP wants progress to increase with every notification; a best-effort send, since a client that went away must not fail the call. */
function progressReporter(onProgress: (update: ProgressUpdate) => unknown): (message: string) => void {
  let step = 0;
  return (message) => void Promise.resolve(onProgress({ progress: ++step, message })).catch(() => {});
}

function conflict(expected: number, actual: number): ApiError {
  return new ApiError(409, "session_config_conflict", `The session's config is at version ${actual}, not ${expected}: it changed since you read it.`, {
    suggestedFix: "Read the session again (GET), reapply your change, and send the new config_version as expected_config_version.",
  });
}

/**
 * One object per session id (`env.SESSIONS.getByName(id)`): the session's config and its
 * versions, the accounts it connected, the links it started, and a log of every call made
 * through it, in the object's SQLite storage, so all of it survives eviction. Calls that
 * wait for a connection wait here, on a promise the OAuth callback resolves over RPC.
 */
export class SessionObject extends DurableObject<Env> {
  readonly #waiters = new ConnectionWaiters();
  readonly #log: SessionLog;
  readonly #workbench: SessionContext["workbench"];
  readonly #files: SessionFiles;
  readonly #customTools: CustomToolStore;
  /** MCP clients' standalone GET streams, told when the session's tool list may have changed. */
  #streams = new SessionStreams();
  /** Live views of the session's log (GET …/logs/stream): each call is sent as it is written. */
  readonly #logStreams = new EventStreams({ maxStreams: MAX_LOG_STREAMS });
  readonly #outbox: LogOutbox;
  readonly #lifetime: SessionLifetime;
  /** Whether an alarm is known to be set for the outbox, so a busy session does not ask storage on every call. */
  #flushScheduled = false;
  readonly #record: SessionRecord;
  /** The last MCP tool list, with what it was built from. */
  #toolList: { configText: string; catalog: ProjectCatalog | undefined; json: string } | undefined;
  /** The user's accounts, kept between calls; made on first use, when the session's user is known. */
  #accounts: { userId: string; cache: AccountCache } | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#log = new SessionLog(ctx.storage);
    this.#workbench = { files: new FileStore(ctx.storage), variables: new VariableStore(ctx.storage), queue: new RunQueue() };
    this.#files = { files: this.#workbench.files, tickets: new FileTickets(ctx.storage) };
    this.#customTools = new CustomToolStore(ctx.storage);
    this.#outbox = new LogOutbox(ctx.storage);
    this.#lifetime = new SessionLifetime(ctx.storage);
    this.#record = new SessionRecord(ctx.storage);
    // The catalog is read once per isolate; no call is served before it and the schema are ready.
    void ctx.blockConcurrencyWhile(async () => {
      this.#migrate();
      // Rows left by an object that stopped before its alarm ran still go to D1.
      if (this.#outbox.size > 0) await this.#scheduleFlush();
      await loadCatalog(env);
    });
  }

  /**
   * One alarm serves two clocks. It sends the execution-log rows waiting in the outbox to D1
   * (while D1 refuses, they wait and the flush is tried again), then ends the session if it has
   * expired, or sets itself for when it will: uses extend a session without moving the alarm,
   * which finds the new expiry when it fires.
   */
  override async alarm(): Promise<void> {
    this.#flushScheduled = false;
    try {
      await this.#outbox.flushAll(database(this.env));
      const now = Date.now();
      const note = this.#lifetime.expiredNote();
      if (note && now >= note.at + EXPIRY_NOTE_MS) await this.ctx.storage.deleteAll();
      else if (this.#lifetime.expired(now)) await this.#expire(now);
      else await this.#armExpiry();
    } catch (err) {
      console.error(JSON.stringify({ level: "warn", message: "the session's alarm will run again: D1 refused", waiting: this.#outbox.size, error: String(err) }));
      this.#flushScheduled = true;
      await this.ctx.storage.setAlarm(Date.now() + LOG_FLUSH_RETRY_MS);
    }
  }

  /** Told by AccountWatchersObject that the user's accounts or the project's auth configs changed. */
  async accountsChanged(projectId: string): Promise<void> {
    const row = this.#record.row();
    if (row && row.project_id !== projectId) return;
    this.#accounts?.cache.invalidate();
    // A wait for a connection re-reads the accounts: one completed outside this session counts too.
    this.#waiters.wake();
  }

  async open(session: {
    id: string;
    projectId: string;
    config: SessionConfig;
    customTools: readonly StoredCustomTool[];
    createdAt: number;
    sessionTtlMs: number;
  }): Promise<RpcResult<SessionState>> {
    return capture(async () => {
      if (this.#record.row()) throw new ApiError(409, "session_exists", `Session ${session.id} already exists.`);
      this.#record.create(session);
      this.#customTools.replace(session.customTools);
      this.#lifetime.start(session.sessionTtlMs, session.createdAt);
      await this.#armExpiry();
      return this.#described(session.projectId);
    });
  }

  async describe(call: SessionCall): Promise<RpcResult<SessionState>> {
    return this.#used(call, () => this.#described(call.projectId));
  }

  /** `composio.use(id, { customTools })`: the SDK's definitions as of now replace the stored ones. */
  async attachCustomTools(call: SessionCall, customTools: readonly StoredCustomTool[]): Promise<RpcResult<SessionState>> {
    return this.#used(call, () => {
      this.#state(call.projectId);
      this.#customTools.replace(customTools);
      return this.#described(call.projectId);
    });
  }

  /** Applies a PATCH; commits only on the version it was computed from (optimistic concurrency). */
  async reconfigure(call: SessionCall, patch: PatchSessionInput): Promise<RpcResult<SessionState>> {
    return this.#scoped(call, async () => {
      for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
        const before = this.#state(call.projectId);
        const expected = patch.expected_config_version;
        if (expected !== undefined && expected !== before.configVersion) throw conflict(expected, before.configVersion);
        const next = applyPatch(before.config, patch);
        await validateConfig(database(this.env), call.projectId, next);
        // Another update may have landed while D1 was read: commit only on top of `before`.
        const now = this.#state(call.projectId);
        if (now.configVersion !== before.configVersion) {
          if (expected !== undefined) throw conflict(expected, now.configVersion);
          continue;
        }
        this.#record.commit({ version: before.configVersion, config: before.config }, next, Date.now());
        this.#streams.toolListChanged();
        return this.#state(call.projectId);
      }
      throw new ApiError(409, "session_config_conflict", "The session's config kept changing while this update was checked.", {
        suggestedFix: "Read the session again and retry the update.",
      });
    });
  }

  async configHistory(call: SessionCall, page: { limit: number; cursor?: string | undefined }) {
    return this.#used(call, () => {
      const state = this.#state(call.projectId);
      const items = [
        { version: state.configVersion, created_at: new Date(state.updatedAt).toISOString(), is_current: true, config: state.config },
        ...this.#record.history().map((archived) => ({
          version: archived.version,
          created_at: new Date(archived.archivedAt).toISOString(),
          is_current: false,
          config: archived.config,
        })),
      ];
      return pageOfList(items, page.limit, page.cursor);
    });
  }

  /** Ends the session: its storage goes, and anything waiting on it wakes up. */
  async end(call: SessionCall): Promise<RpcResult<{ session_id: string; deleted: true }>> {
    return capture(async () => {
      const state = this.#state(call.projectId);
      // The project's log keeps the session's calls after the session is gone.
      await this.#outbox.flushAll(database(this.env));
      await this.#wipe(state.projectId, state.id, "deleted");
      return { session_id: state.id, deleted: true as const };
    });
  }

  /**
   * Told by the project's deletion (worker/lifecycle/deleted-projects.ts): the session ends as a
   * DELETE would end it, and from then on answers 404 `session_not_found`. Its waiting log rows
   * are dropped, not sent: the project's logs are being deleted too.
   */
  async projectDeleted(projectId: string): Promise<void> {
    const row = this.#record.row();
    if (!row || row.project_id !== projectId) return;
    const dropped = this.#outbox.size;
    await this.#wipe(projectId, row.id, "deleted");
    console.log(JSON.stringify({ level: "info", message: "session ended: its project was deleted", session_id: row.id, project_id: projectId, log_rows_dropped: dropped }));
  }

  /** Runs a tool by slug (meta or app), as POST …/execute and an MCP `tools/call` do. */
  /** `onProgress` is an RPC callback into the Worker (MCP progress); long calls report through it. */
  async execute(
    call: SessionCall,
    request: { toolSlug: string; arguments: Record<string, unknown>; account?: string | undefined },
    via: Via,
    onProgress?: (update: ProgressUpdate) => unknown,
  ): Promise<RpcResult<ToolResult>> {
    return this.#scoped(call, async () => {
      const ctx = this.#context(call, onProgress);
      const slug = request.toolSlug.toUpperCase();
      if (isMetaToolSlug(slug)) return runMetaTool(ctx, slug, request.arguments, via);
      const result = await runAppTool(ctx, { toolSlug: request.toolSlug, arguments: request.arguments, account: request.account, via });
      // A model reading MCP results gets large responses as a workbench file; REST callers get them whole.
      return via === "mcp" ? offloadResult(ctx, request.toolSlug, result) : result;
    });
  }

  async executeMeta(call: SessionCall, slug: MetaToolSlug, args: unknown, via: Via): Promise<RpcResult<ToolResult>> {
    return this.#scoped(call, () => runMetaTool(this.#context(call), slug, args, via));
  }

  async search(call: SessionCall, input: z.output<typeof SearchInput>): Promise<RpcResult<Record<string, unknown>>> {
    return this.#scoped(call, () => searchTools(this.#context(call), input));
  }

  async tools(call: SessionCall, page: { limit: number; cursor?: string | undefined }) {
    return this.#scoped(call, async () => pageOfList(await sessionToolViews(this.env, this.#state(call.projectId).config), page.limit, page.cursor));
  }

  /** MCP `tools/list` as JSON text, rebuilt only when the config or the project's toolkits changed. */
  async mcpToolList(call: SessionCall): Promise<RpcResult<string>> {
    return this.#scoped(call, async () => {
      // Checked first, as every method does: another project's caller gets "not found", never the cached list.
      const { config } = this.#state(call.projectId);
      const configText = this.#record.row()?.config ?? "";
      const catalog = currentProjectCatalog();
      const kept = this.#toolList;
      if (kept && kept.configText === configText && kept.catalog === catalog) return kept.json;
      const json = await mcpToolListJson(this.env, config);
      this.#toolList = { configText, catalog, json };
      return json;
    });
  }

  async toolkits(call: SessionCall, query: z.output<typeof ToolkitsQuery>) {
    return this.#scoped(call, () => listSessionToolkits(this.#context(call), query));
  }

  async link(call: SessionCall, body: { toolkit: string; callback_url?: string | undefined; alias?: string | undefined }): Promise<RpcResult<ConnectLink>> {
    return this.#scoped(call, () => startSessionLink(this.#context(call), body.toolkit, { callbackUrl: body.callback_url, alias: body.alias }));
  }

  async proxy(call: SessionCall, body: z.output<typeof SessionProxyBody>): Promise<RpcResult<ProxyResult>> {
    return this.#scoped(call, () => sessionProxy(this.#context(call), body));
  }

  /** An MCP client's standalone SSE stream (GET on the session's MCP endpoint, or what feeds its 2026-07-28 listen), open until it leaves. */
  async openStream(call: SessionCall): Promise<RpcResult<Response>> {
    return this.#used(call, () => {
      this.#state(call.projectId);
      return this.#streams.open();
    });
  }

  /**
   * The session's log as it is written: an SSE stream that starts with `ready`, then sends each
   * call as a `log` event (the view `logs` pages through), until the client leaves, the stream
   * reaches its maximum age, or the session ends (a last `end` event says how).
   */
  async openLogStream(call: SessionCall): Promise<RpcResult<Response>> {
    return this.#used(call, () => {
      const state = this.#state(call.projectId);
      return this.#logStreams.open({ event: "ready", data: { session_id: state.id } });
    });
  }

  /** The session's own log, newest first. */
  async logs(call: SessionCall, page: { limit: number; cursor?: string | undefined }): Promise<RpcResult<{ items: SessionLogView[]; next_cursor: string | null }>> {
    return this.#used(call, () => {
      this.#state(call.projectId);
      return this.#log.page(page);
    });
  }

  /** Told by the OAuth callback that a link this session started has completed. */
  async connectionChanged(event: ConnectionEvent): Promise<void> {
    const row = this.#record.row();
    if (!row || row.project_id !== event.projectId) return;
    const now = Date.now();
    this.#accounts?.cache.invalidate();
    this.#record.linkFinished(event, now);
    if (event.status === "ACTIVE") this.#streams.toolListChanged();
    this.#waiters.wake();
  }

  /** The account choices as stored: pinned by config, or connected through this session. */
  async accountChoices(call: SessionCall) {
    return this.#used(call, () => {
      this.#state(call.projectId);
      return this.#record.choices();
    });
  }

  /** The workbench files on the SDK's `files` mount (`session.experimental.files`). */
  async listFiles(call: SessionCall, query: { prefix?: string | undefined; limit: number; cursor?: string | undefined }) {
    return this.#used(call, () => {
      this.#state(call.projectId);
      return listMount(this.#workbench.files, query);
    });
  }

  async fileUrl(call: SessionCall, request: { relativePath: string; op: TicketOp; mimetype?: string | undefined }) {
    return this.#used(call, () => fileUrl(this.#files, { publicUrl: call.publicUrl, sessionId: this.#state(call.projectId).id }, request));
  }

  async deleteFile(call: SessionCall, relativePath: string) {
    return this.#used(call, () => {
      this.#state(call.projectId);
      return deleteFile(this.#files, relativePath);
    });
  }

  /** Download and upload URLs carry their own authority (a ticket); no key or project is involved. */
  async downloadFile(token: string) {
    return capture(() => downloadByTicket(this.#files, token));
  }

  async uploadFile(token: string, bytes: Uint8Array) {
    return capture(() => uploadByTicket(this.#files, token, bytes));
  }

  #migrate(): void {
    applySchemaVersions(this.ctx.storage, SCHEMA_VERSIONS);
  }

  /** The session as stored, for its own project only: anything else is "not found", as in the Worker. */
  #state(projectId: string): SessionState {
    const row = this.#record.row();
    if (!row) {
      const note = this.#lifetime.expiredNote();
      // Only an isolate that already knew the session's owner gets here: it is the session's project asking.
      if (note) throw sessionExpired(note.sessionId, note.at);
    }
    if (!row || row.project_id !== projectId) throw sessionNotFound(this.ctx.id.name ?? row?.id ?? "(unnamed)");
    return {
      id: row.id,
      projectId: row.project_id,
      config: this.#record.config(row),
      configVersion: row.config_version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      expiresAt: this.#lifetime.expiresAt(),
    };
  }


  /** The session with its custom tools, for the responses that show them (create, get, attach). */
  #described(projectId: string): SessionState {
    return { ...this.#state(projectId), customToolsJson: this.#customTools.readJson() };
  }

  /** `capture`, with the project's own toolkits visible to the catalog while `run` runs (project-scope.ts). */
  #scoped<T>(call: SessionCall, run: () => T | Promise<T>): Promise<RpcResult<T>> {
    return this.#used(call, () => inProjectCatalog(database(this.env), call.projectId, async () => run()));
  }

  /** `capture`, counting the call as a use of the session (which extends its life). */
  #used<T>(call: SessionCall, run: () => T | Promise<T>): Promise<RpcResult<T>> {
    return capture(() => {
      this.#touch(call);
      return run();
    });
  }

  #context(call: SessionCall, onProgress?: (update: ProgressUpdate) => unknown): SessionContext {
    const state = this.#state(call.projectId);
    return {
      workbench: this.#workbench,
      progress: onProgress && progressReporter(onProgress),
      env: this.env,
      db: database(this.env),
      sessionId: state.id,
      projectId: state.projectId,
      config: state.config,
      customTools: this.#customTools.read(),
      publicUrl: call.publicUrl,
      log: (entry) => this.#logStreams.send("log", this.#log.write(entry)),
      recordExecution: (row) => {
        this.#outbox.add(withCredential(row, call.credential));
        if (!this.#flushScheduled) {
          this.#scheduleFlush().catch((err: unknown) => {
            // The row is safe in the outbox; the next call (or a restart) schedules the flush again.
            this.#flushScheduled = false;
            console.error(JSON.stringify({ level: "warn", message: "could not schedule the log flush", error: String(err) }));
          });
        }
      },
      accounts: () => this.#accountCache(state).pool(),
      linkedAccount: (toolkitSlug) => this.#record.linkedAccount(toolkitSlug),
      rememberLink: (toolkitSlug, link) => this.#record.rememberLink(toolkitSlug, link, Date.now()),
      connectionEpoch: () => this.#waiters.epoch,
      nextConnectionEvent: (timeoutMs, seen) => this.#waiters.next(timeoutMs, seen),
    };
  }

  /** The cache for the session's user, watched through the project's AccountWatchersObject. */
  #accountCache(state: SessionState): AccountCache {
    const userId = state.config.user_id;
    if (this.#accounts?.userId !== userId) {
      const watchers = this.env.ACCOUNT_WATCHERS.getByName(state.projectId);
      const cache = new AccountCache({
        watch: () => watchers.watch(state.id, userId),
        load: () => loadAccountPool(database(this.env), state.projectId, userId),
      });
      this.#accounts = { userId, cache };
    }
    return this.#accounts.cache;
  }

  async #scheduleFlush(): Promise<void> {
    this.#flushScheduled = true;
    // The alarm may be set for the session's expiry, days away: the flush comes first.
    await this.#alarmNoLaterThan(Date.now() + LOG_FLUSH_DELAY_MS);
  }

  /** Sets the alarm for the session's expiry, unless one is due sooner (a log flush). */
  async #armExpiry(): Promise<void> {
    const expiresAt = this.#lifetime.expiresAt();
    if (expiresAt !== undefined) await this.#alarmNoLaterThan(expiresAt);
  }

  /** One alarm serves both clocks: it is moved only when `at` is sooner than the one set. */
  async #alarmNoLaterThan(at: number): Promise<void> {
    const set = await this.ctx.storage.getAlarm();
    if (set === null || set > at) await this.ctx.storage.setAlarm(at);
  }

  /** A call from the session's own project extends its life; a probe from another project does not. */
  #touch(call: SessionCall): void {
    const row = this.#record.row();
    if (!row || row.project_id !== call.projectId) return;
    const now = Date.now();
    if (this.#lifetime.expiresAt() === undefined) {
      // A session made before sessions expired: its clock starts at this use.
      this.#lifetime.start(call.sessionTtlMs, now);
      void this.#armExpiry().catch(() => {});
    } else {
      this.#lifetime.touch(call.sessionTtlMs, now);
    }
  }

  /**
   * The session has gone unused for its time-to-live: the index row in D1 is marked expired
   * first (so `composio.use()` then says so, and a failure here leaves the session whole for the
   * next alarm), then the object's storage goes — config, files, variables, log.
   */
  async #expire(now: number): Promise<void> {
    const row = this.#record.row();
    if (!row) return;
    await markSessionExpired(database(this.env), row.project_id, row.id, new Date(now));
    await this.#wipe(row.project_id, row.id, "expired");
    this.#lifetime.noteExpired(row.id, now);
    await this.ctx.storage.setAlarm(now + EXPIRY_NOTE_MS);
    console.log(JSON.stringify({ level: "info", message: "session expired", session_id: row.id, project_id: row.project_id }));
  }

  /** Deletes everything the object holds and wakes whatever waits on it (end and expiry alike). */
  async #wipe(projectId: string, sessionId: string, reason: "deleted" | "expired"): Promise<void> {
    // Unwatching only spares the watchers a wasted notice: a failure must not keep the session alive.
    if (this.#accounts) await this.env.ACCOUNT_WATCHERS.getByName(projectId).unwatch(sessionId).catch(() => {});
    this.#accounts = undefined;
    await this.ctx.storage.deleteAlarm();
    this.#flushScheduled = false;
    await this.ctx.storage.deleteAll();
    this.#record.forget();
    this.#toolList = undefined;
    this.#lifetime.forget();
    this.#migrate();
    this.#waiters.wake();
    this.#streams.closeAll();
    this.#logStreams.closeAll({ event: "end", data: { session_id: sessionId, reason } });
  }
}
