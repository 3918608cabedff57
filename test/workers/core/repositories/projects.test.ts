import { describe, expect, it } from "vitest";
import { database } from "../../../../core/db/client.ts";
import { ApiError } from "../../../../core/http/errors.ts";
import { createProject, findProject, getProject, listProjects } from "../../../../core/repositories/projects.ts";
import { idPattern } from "../../../../core/ids.ts";
import { countRows, env } from "../../helpers.ts";

const db = () => database(env);

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const err: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe("projects repository", () => {
  it("creates, finds and gets a project", async () => {
    const created = await createProject(db(), { name: "repo-one", isProduction: true });
    expect(created.id).toMatch(idPattern("proj"));
    expect(await findProject(db(), created.id)).toEqual(created);
    expect(await getProject(db(), created.id)).toEqual(created);
  });

  it("refuses a taken name with 409 project_name_taken, writing nothing", async () => {
    await createProject(db(), { name: "repo-dup", isProduction: false });
    const err = await apiErrorOf(createProject(db(), { name: "repo-dup", isProduction: true }));
    expect([err.status, err.code]).toEqual([409, "project_name_taken"]);
    expect(await countRows("projects", "name = ?", "repo-dup")).toBe(1);
  });

  it("keeps names case-sensitive", async () => {
    await createProject(db(), { name: "Repo-Case", isProduction: false });
    await expect(createProject(db(), { name: "repo-case", isProduction: false })).resolves.toMatchObject({ name: "repo-case" });
  });

  it("answers an unknown id: undefined from find, 404 project_not_found from get", async () => {
    expect(await findProject(db(), "proj_AAAAAAAAAAAAAAAAAAAAAA")).toBeUndefined();
    const err = await apiErrorOf(getProject(db(), "proj_AAAAAAAAAAAAAAAAAAAAAA"));
    expect([err.status, err.code]).toEqual([404, "project_not_found"]);
  });

  it("lists in (created_at, id) order with one look-ahead row, resuming after a cursor", async () => {
    for (let i = 0; i < 4; i++) await createProject(db(), { name: `repo-list-${i}`, isProduction: false });
    const all = await listProjects(db(), { limit: 1000 });
    const sorted = [...all].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(all).toEqual(sorted);
    const first = await listProjects(db(), { limit: 2 });
    expect(first).toHaveLength(3);
    const pivot = first[1];
    if (!pivot) throw new Error("expected a second row");
    const rest = await listProjects(db(), { limit: 1000, after: { createdAt: pivot.createdAt.getTime(), id: pivot.id } });
    expect(rest).toEqual(all.slice(2));
  });
});
