import { call, looksLikeProjectKey } from "../api.ts";
import { Failure, Field, formValues } from "../components.tsx";
import { navigate } from "../router.ts";
import { useAction, useConsole } from "../state.ts";

interface KeyInfo {
  project: { id: string; name: string; display_name: string | null };
}

/**
 * One field for either key: a project key opens its project only (the API enforces it); the
 * admin key manages projects and their keys. The key is checked against the API before it is kept.
 */
export function SignInView() {
  const { setSignIn } = useConsole();
  const action = useAction();
  const onSubmit = (event: Event) => {
    const key = formValues(event).key ?? "";
    void action.run(async () => {
      if (looksLikeProjectKey(key)) {
        const signIn = { project: { key, id: "", name: "" } };
        const info = await call<KeyInfo>("project", signIn, "/api/v3.1/auth/session/info");
        setSignIn({ project: { key, id: info.project.id, name: info.project.display_name ?? info.project.name } });
        navigate("sessions");
      } else {
        await call("admin", { admin: key }, "/api/admin/projects", { query: { limit: 1 } });
        setSignIn({ admin: key });
        navigate("projects");
      }
    });
  };
  return (
    <section class="sign-in">
      <h1>Switchboard console</h1>
      <p class="muted">Sign in with the operator's admin key to manage projects and their keys, or with a project API key to work inside that project.</p>
      <form onSubmit={onSubmit} class="stack">
        <Field label="Admin key or project API key" hint="Kept in this tab only, and forgotten when you close it.">
          <input name="key" type="password" autocomplete="off" required spellcheck={false} />
        </Field>
        <button type="submit" disabled={action.busy}>
          {action.busy ? "Checking…" : "Sign in"}
        </button>
      </form>
      <Failure error={action.error} />
    </section>
  );
}
