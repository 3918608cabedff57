import app from "./app.ts";

export { AccountWatchersObject } from "../durable-objects/account-watchers.ts";
export { AccountTokenObject } from "../durable-objects/account-token.ts";
export { SessionObject } from "../durable-objects/session-object.ts";

export default app satisfies ExportedHandler<Env>;
