import app from "./app.ts";
import { runCleanup } from "./lifecycle/cleanup.ts";

export { AccountWatchersObject } from "../durable-objects/account-watchers.ts";
export { AccountTokenObject } from "../durable-objects/account-token.ts";
export { SessionObject } from "../durable-objects/session-object.ts";

export default {
  fetch: app.fetch,
  // The cron trigger (wrangler.toml). Judged against the scheduled time rather than the clock, so a
  // run that starts late removes what was due when it was meant to run, no more.
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runCleanup(env, { now: new Date(controller.scheduledTime) }).then(() => undefined));
  },
} satisfies ExportedHandler<Env>;
