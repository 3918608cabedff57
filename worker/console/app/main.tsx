import { render, useState } from "hono/jsx/dom";
import { loadSignIn, saveSignIn, type SignIn } from "./api.ts";
import { href, useRoute, type Route } from "./router.ts";
import { ConsoleContext } from "./state.ts";
import { AccountsView } from "./views/accounts.tsx";
import { AuthConfigsView } from "./views/auth-configs.tsx";
import { CatalogView } from "./views/catalog.tsx";
import { LogsView } from "./views/logs.tsx";
import { ProjectsView } from "./views/projects.tsx";
import { SessionsView } from "./views/sessions.tsx";
import { SignInView } from "./views/sign-in.tsx";

const PROJECT_SECTIONS = [
  ["auth-configs", "Auth configs"],
  ["accounts", "Accounts"],
  ["sessions", "Sessions"],
  ["logs", "Logs"],
  ["catalog", "Catalog"],
] as const;

function Nav(props: { signIn: SignIn; route: Route; onSignOut: () => void }) {
  const current = props.route.section;
  const link = (section: string, label: string) => (
    <a href={href(section)} class={current === section ? "current" : ""} aria-current={current === section ? "page" : undefined}>
      {label}
    </a>
  );
  return (
    <header class="top">
      <a class="brand" href={href(props.signIn.project ? "sessions" : "projects")}>
        Switchboard
      </a>
      <nav aria-label="Sections">
        {props.signIn.admin ? link("projects", "Projects") : null}
        {props.signIn.project ? PROJECT_SECTIONS.map(([section, label]) => link(section, label)) : null}
      </nav>
      <div class="who">
        {props.signIn.project ? (
          <span class="project-name" data-testid="current-project">
            {props.signIn.project.name}
          </span>
        ) : null}
        <button type="button" class="secondary" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}

function View(props: { route: Route; signIn: SignIn }) {
  const { section, rest } = props.route;
  if (section === "projects" && props.signIn.admin) return <ProjectsView projectId={rest[0]} />;
  if (!props.signIn.project) {
    return props.signIn.admin ? <ProjectsView projectId={rest[0]} /> : null;
  }
  switch (section) {
    case "auth-configs":
      return <AuthConfigsView />;
    case "accounts":
      return <AccountsView />;
    case "logs":
      return <LogsView logId={rest[0]} />;
    case "catalog":
      return <CatalogView toolkit={rest[0]} tool={rest[1]} />;
    default:
      return <SessionsView sessionId={section === "sessions" ? rest[0] : undefined} />;
  }
}

function Console() {
  const [signIn, setSignInState] = useState<SignIn>(loadSignIn());
  const route = useRoute();
  const setSignIn = (next: SignIn) => {
    saveSignIn(next);
    setSignInState(next);
  };
  const signedIn = Boolean(signIn.admin || signIn.project);
  return (
    <ConsoleContext.Provider value={{ signIn, setSignIn }}>
      {signedIn ? <Nav signIn={signIn} route={route} onSignOut={() => setSignIn({})} /> : null}
      <main>{signedIn ? <View route={route} signIn={signIn} /> : <SignInView />}</main>
    </ConsoleContext.Provider>
  );
}

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  render(<Console />, root);
}
