import { accountsChanged } from "../../core/sessions/account-events.ts";

/**
 * Tells the sessions of each user whose accounts a job changed, once per project and user
 * however many of their accounts changed. Sequential: a run's calls are few, and one slow
 * object should not hold many connections open.
 */
export async function tellUsers(env: Env, changed: { projectId: string; userId: string }[]): Promise<number> {
  const users = new Map(changed.map((c) => [JSON.stringify([c.projectId, c.userId]), c]));
  for (const { projectId, userId } of users.values()) await accountsChanged(env, projectId, userId);
  return users.size;
}
