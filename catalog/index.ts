import type { ToolkitInput } from "./definition.ts";
import { discord } from "./toolkits/discord.ts";
import { gmail } from "./toolkits/gmail.ts";
import { googlecalendar } from "./toolkits/googlecalendar.ts";
import { googledrive } from "./toolkits/googledrive.ts";
import { googlesheets } from "./toolkits/googlesheets.ts";
import { hackernews } from "./toolkits/hackernews.ts";
import { hubspot } from "./toolkits/hubspot.ts";
import { jira } from "./toolkits/jira.ts";
import { linear } from "./toolkits/linear.ts";
import { notion } from "./toolkits/notion.ts";
import { outlook } from "./toolkits/outlook.ts";
import { slack } from "./toolkits/slack.ts";

/**
 * The hand-curated toolkits. `npm run catalog:build` validates them, together with the
 * generated ones in catalog/generated/, and writes catalog/dist/, which the Worker bundles.
 */
export const toolkitSources: ToolkitInput[] = [
  discord,
  gmail,
  googlecalendar,
  googledrive,
  googlesheets,
  hackernews,
  hubspot,
  jira,
  linear,
  notion,
  outlook,
  slack,
];
