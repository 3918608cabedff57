import type { ToolkitInput } from "../definition.ts";

/**
 * Discord HTTP API v10 (https://discord.com/developers/docs/reference). Channel, message and
 * guild management tools need a bot token (API key scheme, sent as `Authorization: Bot …`);
 * an OAuth2 user token only reaches the /users/@me tools.
 */

const VERSION = "20261101_00";
const READ = ["readOnlyHint", "openWorldHint", "chat"];
const CREATE = ["openWorldHint", "chat"];
const IDEMPOTENT = ["idempotentHint", "openWorldHint", "chat"];
const OVERWRITE = ["destructiveHint", "idempotentHint", "openWorldHint", "chat"];

const channel_id = { type: "string", description: "Channel (or thread) ID, a snowflake such as \"1123581321345589144\"." };
const message_id = { type: "string", description: "Message ID (a snowflake)." };
const guild_id = { type: "string", description: "Guild (server) ID (a snowflake)." };
const user_id = { type: "string", description: "User ID (a snowflake)." };
const emoji = {
  type: "string",
  description: "A Unicode emoji such as \"👍\", or a custom emoji as \"name:id\", e.g. \"party_parrot:123456789012345678\".",
};
const content = { type: "string", description: "Message text, up to 2000 characters; supports Discord Markdown and mentions like <@USER_ID>." };
const embeds = {
  type: "array",
  description: "Up to 10 rich embeds, e.g. [{\"title\":\"Build passed\",\"description\":\"main @ 1a2b3c\",\"color\":5763719}].",
  items: { type: "object", description: "An embed object (title, description, url, color, fields, footer, image…)." },
};
const allowed_mentions = {
  type: "object",
  description: "Which mentions in the content may ping, e.g. {\"parse\":[]} to ping no one or {\"parse\":[\"users\"]}.",
  properties: {
    parse: {
      type: "array",
      items: { type: "string", enum: ["roles", "users", "everyone"], description: "A mention type to allow." },
      description: "Mention types parsed from the content.",
    },
    users: { type: "array", items: { type: "string", description: "A user ID." }, description: "User IDs allowed to be pinged." },
    roles: { type: "array", items: { type: "string", description: "A role ID." }, description: "Role IDs allowed to be pinged." },
    replied_user: { type: "boolean", description: "Whether to ping the author of the replied-to message." },
  },
};
const auto_archive_duration = {
  type: "integer",
  enum: [60, 1440, 4320, 10080],
  description: "Minutes of inactivity before the thread is archived.",
  default: 1440,
};
const msgPath = { channel_id: "path", message_id: "path" } as const;

export const discord: ToolkitInput = {
  slug: "discord",
  name: "Discord",
  description:
    "Send, read, edit and react to messages, manage threads, channels and roles, and look up guilds and members on Discord. Most tools need a bot token; OAuth covers the user's own profile and servers.",
  categories: ["chat", "communication"],
  logo: "https://discord.com/favicon.ico",
  baseUrl: "https://discord.com/api/v10",
  authSchemes: [
    // A bot token from the Developer Portal, sent as `Authorization: Bot <token>`.
    { type: "API_KEY", in: "header", name: "Authorization", prefix: "Bot " },
    {
      type: "OAUTH2",
      authorizeUrl: "https://discord.com/oauth2/authorize",
      tokenUrl: "https://discord.com/api/oauth2/token",
      revokeUrl: "https://discord.com/api/oauth2/token/revoke",
      defaultScopes: ["identify", "email", "guilds", "guilds.members.read"],
      pkce: true,
      tokenEndpointAuthMethod: "client_secret_basic",
    },
  ],
  tools: [
    {
      slug: "DISCORD_SEND_MESSAGE",
      name: "Send message",
      description:
        "Post a message in a channel, thread or DM channel, optionally as a reply or with embeds. Needs a bot with Send Messages permission there.",
      inputSchema: {
        type: "object",
        properties: {
          channel_id,
          content,
          embeds,
          tts: { type: "boolean", description: "Send as text-to-speech.", default: false },
          message_reference: {
            type: "object",
            description: "Make the message a reply: {\"message_id\":\"…\"}.",
            properties: {
              message_id: { type: "string", description: "ID of the message to reply to." },
              fail_if_not_exists: { type: "boolean", description: "Fail if the replied-to message was deleted (default true)." },
            },
            required: ["message_id"],
          },
          allowed_mentions,
          sticker_ids: { type: "array", items: { type: "string", description: "A sticker ID." }, description: "Up to 3 sticker IDs." },
          flags: { type: "integer", description: "Message flags bitfield, e.g. 4 to suppress embeds, 4096 to send silently." },
        },
        required: ["channel_id"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      http: { method: "POST", path: "/channels/{channel_id}/messages", args: { channel_id: "path" } },
    },
    {
      slug: "DISCORD_GET_MESSAGES",
      name: "Get messages",
      description: "Read recent messages in a channel, newest first, or those before, after or around a given message.",
      inputSchema: {
        type: "object",
        properties: {
          channel_id,
          limit: { type: "integer", description: "Number of messages (1–100).", default: 50 },
          before: { type: "string", description: "Get messages before this message ID." },
          after: { type: "string", description: "Get messages after this message ID." },
          around: { type: "string", description: "Get messages around this message ID." },
        },
        required: ["channel_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/channels/{channel_id}/messages", args: { channel_id: "path" } },
    },
    {
      slug: "DISCORD_GET_MESSAGE",
      name: "Get message",
      description: "Get one message by channel and message ID.",
      inputSchema: {
        type: "object",
        properties: { channel_id, message_id },
        required: ["channel_id", "message_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/channels/{channel_id}/messages/{message_id}", args: msgPath },
    },
    {
      slug: "DISCORD_EDIT_MESSAGE",
      name: "Edit message",
      description: "Edit the content or embeds of a message the bot sent.",
      inputSchema: {
        type: "object",
        properties: {
          channel_id,
          message_id,
          content,
          embeds,
          allowed_mentions,
          flags: { type: "integer", description: "Message flags bitfield; only SUPPRESS_EMBEDS (4) can be changed." },
        },
        required: ["channel_id", "message_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: { method: "PATCH", path: "/channels/{channel_id}/messages/{message_id}", args: msgPath },
    },
    {
      slug: "DISCORD_DELETE_MESSAGE",
      name: "Delete message",
      description: "Delete a message: the bot's own, or anyone's with Manage Messages permission.",
      inputSchema: {
        type: "object",
        properties: { channel_id, message_id },
        required: ["channel_id", "message_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: { method: "DELETE", path: "/channels/{channel_id}/messages/{message_id}", args: msgPath },
    },
    {
      slug: "DISCORD_ADD_REACTION",
      name: "Add reaction",
      description: "React to a message with an emoji as the bot.",
      inputSchema: {
        type: "object",
        properties: { channel_id, message_id, emoji },
        required: ["channel_id", "message_id", "emoji"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT,
      version: VERSION,
      http: {
        method: "PUT",
        path: "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
        args: { ...msgPath, emoji: "path" },
      },
    },
    {
      slug: "DISCORD_REMOVE_REACTION",
      name: "Remove own reaction",
      description: "Remove the bot's own emoji reaction from a message.",
      inputSchema: {
        type: "object",
        properties: { channel_id, message_id, emoji },
        required: ["channel_id", "message_id", "emoji"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: {
        method: "DELETE",
        path: "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
        args: { ...msgPath, emoji: "path" },
      },
    },
    {
      slug: "DISCORD_CREATE_THREAD",
      name: "Create thread",
      description:
        "Start a new thread in a text channel, or a new post in a forum channel (give `message` for the opening post).",
      inputSchema: {
        type: "object",
        properties: {
          channel_id: { ...channel_id, description: "ID of the text, announcement or forum channel." },
          name: { type: "string", description: "Thread name, 1–100 characters." },
          type: {
            type: "integer",
            enum: [10, 11, 12],
            description: "Thread type in a text channel: 11 public, 12 private, 10 announcement. Ignored for forum posts.",
            default: 11,
          },
          auto_archive_duration,
          invitable: { type: "boolean", description: "Whether non-moderators can add others to a private thread." },
          rate_limit_per_user: { type: "integer", description: "Slow mode: seconds between messages per user (0–21600)." },
          message: {
            type: "object",
            description: "Forum channels only: the opening post, e.g. {\"content\":\"What do you think?\"}.",
            properties: {
              content: { type: "string", description: "Opening post text." },
              embeds: { ...embeds, description: "Embeds for the opening post." },
            },
          },
          applied_tags: { type: "array", items: { type: "string", description: "A forum tag ID." }, description: "Forum tag IDs to apply." },
        },
        required: ["channel_id", "name"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      http: { method: "POST", path: "/channels/{channel_id}/threads", args: { channel_id: "path" } },
    },
    {
      slug: "DISCORD_CREATE_THREAD_FROM_MESSAGE",
      name: "Create thread from message",
      description: "Start a public thread attached to an existing message.",
      inputSchema: {
        type: "object",
        properties: {
          channel_id,
          message_id,
          name: { type: "string", description: "Thread name, 1–100 characters." },
          auto_archive_duration,
          rate_limit_per_user: { type: "integer", description: "Slow mode: seconds between messages per user (0–21600)." },
        },
        required: ["channel_id", "message_id", "name"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      http: { method: "POST", path: "/channels/{channel_id}/messages/{message_id}/threads", args: msgPath },
    },
    {
      slug: "DISCORD_GET_CHANNEL",
      name: "Get channel",
      description: "Get a channel or thread by ID: its name, type, topic, guild and parent.",
      inputSchema: {
        type: "object",
        properties: { channel_id },
        required: ["channel_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/channels/{channel_id}", args: { channel_id: "path" } },
    },
    {
      slug: "DISCORD_LIST_GUILD_CHANNELS",
      name: "List guild channels",
      description: "List a server's channels and categories (not threads), e.g. to find a channel ID by name.",
      inputSchema: {
        type: "object",
        properties: { guild_id },
        required: ["guild_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/guilds/{guild_id}/channels", args: { guild_id: "path" } },
    },
    {
      slug: "DISCORD_CREATE_CHANNEL",
      name: "Create channel",
      description: "Create a channel or category in a server. Needs Manage Channels permission.",
      inputSchema: {
        type: "object",
        properties: {
          guild_id,
          name: { type: "string", description: "Channel name, 1–100 characters." },
          type: {
            type: "integer",
            enum: [0, 2, 4, 5, 13, 15, 16],
            description: "0 text, 2 voice, 4 category, 5 announcement, 13 stage, 15 forum, 16 media.",
            default: 0,
          },
          topic: { type: "string", description: "Channel topic, up to 1024 characters." },
          parent_id: { type: "string", description: "ID of the category to put the channel in." },
          nsfw: { type: "boolean", description: "Mark the channel age-restricted." },
          rate_limit_per_user: { type: "integer", description: "Slow mode: seconds between messages per user (0–21600)." },
          position: { type: "integer", description: "Sort position in the channel list." },
        },
        required: ["guild_id", "name"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      http: { method: "POST", path: "/guilds/{guild_id}/channels", args: { guild_id: "path" } },
    },
    {
      slug: "DISCORD_GET_GUILD",
      name: "Get guild",
      description: "Get a server's name, owner, features and settings, optionally with approximate member counts.",
      inputSchema: {
        type: "object",
        properties: {
          guild_id,
          with_counts: { type: "boolean", description: "Include approximate member and online counts.", default: true },
        },
        required: ["guild_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/guilds/{guild_id}", args: { guild_id: "path" } },
    },
    {
      slug: "DISCORD_LIST_GUILD_MEMBERS",
      name: "List guild members",
      description:
        "List a server's members in user-ID order. The bot needs the privileged Server Members intent enabled.",
      inputSchema: {
        type: "object",
        properties: {
          guild_id,
          limit: { type: "integer", description: "Number of members (1–1000).", default: 100 },
          after: { type: "string", description: "Return members with a user ID greater than this one (for paging)." },
        },
        required: ["guild_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/guilds/{guild_id}/members", args: { guild_id: "path" } },
    },
    {
      slug: "DISCORD_SEARCH_GUILD_MEMBERS",
      name: "Search guild members",
      description: "Find server members whose username or nickname starts with a string, e.g. to get a user ID.",
      inputSchema: {
        type: "object",
        properties: {
          guild_id,
          query: { type: "string", description: "Prefix to match against usernames and nicknames." },
          limit: { type: "integer", description: "Number of members (1–1000).", default: 25 },
        },
        required: ["guild_id", "query"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/guilds/{guild_id}/members/search", args: { guild_id: "path" } },
    },
    {
      slug: "DISCORD_LIST_GUILD_ROLES",
      name: "List guild roles",
      description: "List a server's roles with their IDs, names, colors and permissions.",
      inputSchema: {
        type: "object",
        properties: { guild_id },
        required: ["guild_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/guilds/{guild_id}/roles", args: { guild_id: "path" } },
    },
    {
      slug: "DISCORD_ADD_GUILD_MEMBER_ROLE",
      name: "Add role to member",
      description: "Give a server member a role. Needs Manage Roles, and the role must be below the bot's highest role.",
      inputSchema: {
        type: "object",
        properties: { guild_id, user_id, role_id: { type: "string", description: "Role ID (from DISCORD_LIST_GUILD_ROLES)." } },
        required: ["guild_id", "user_id", "role_id"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT,
      version: VERSION,
      http: {
        method: "PUT",
        path: "/guilds/{guild_id}/members/{user_id}/roles/{role_id}",
        args: { guild_id: "path", user_id: "path", role_id: "path" },
      },
    },
    {
      slug: "DISCORD_REMOVE_GUILD_MEMBER_ROLE",
      name: "Remove role from member",
      description: "Take a role away from a server member. Needs Manage Roles.",
      inputSchema: {
        type: "object",
        properties: { guild_id, user_id, role_id: { type: "string", description: "Role ID to remove." } },
        required: ["guild_id", "user_id", "role_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: {
        method: "DELETE",
        path: "/guilds/{guild_id}/members/{user_id}/roles/{role_id}",
        args: { guild_id: "path", user_id: "path", role_id: "path" },
      },
    },
    {
      slug: "DISCORD_CREATE_DM",
      name: "Open DM channel",
      description: "Open (or get) the bot's direct-message channel with a user; send to it with DISCORD_SEND_MESSAGE.",
      inputSchema: {
        type: "object",
        properties: { recipient_id: { type: "string", description: "ID of the user to message." } },
        required: ["recipient_id"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT,
      version: VERSION,
      http: { method: "POST", path: "/users/@me/channels" },
    },
    {
      slug: "DISCORD_GET_USER",
      name: "Get user",
      description: "Get a user's public profile (username, global name, avatar, bot flag) by ID.",
      inputSchema: {
        type: "object",
        properties: { user_id },
        required: ["user_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/users/{user_id}", args: { user_id: "path" } },
    },
    {
      slug: "DISCORD_GET_CURRENT_USER",
      name: "Get current user",
      description: "Get the authenticated user's (or bot's) own profile; email is included with the email scope.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      tags: READ,
      version: VERSION,
      scopes: ["identify"],
      http: { method: "GET", path: "/users/@me" },
    },
    {
      slug: "DISCORD_LIST_MY_GUILDS",
      name: "List my guilds",
      description: "List the servers the authenticated user (or bot) is a member of, with their IDs.",
      inputSchema: {
        type: "object",
        properties: {
          limit: { type: "integer", description: "Number of guilds (1–200).", default: 200 },
          before: { type: "string", description: "Return guilds before this guild ID." },
          after: { type: "string", description: "Return guilds after this guild ID." },
          with_counts: { type: "boolean", description: "Include approximate member and online counts.", default: false },
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["guilds"],
      http: { method: "GET", path: "/users/@me/guilds" },
    },
    {
      slug: "DISCORD_GET_MY_GUILD_MEMBER",
      name: "Get my guild membership",
      description: "Get the authenticated user's membership in one server: nickname, roles and join date. OAuth user tokens only.",
      inputSchema: {
        type: "object",
        properties: { guild_id },
        required: ["guild_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["guilds.members.read"],
      http: { method: "GET", path: "/users/@me/guilds/{guild_id}/member", args: { guild_id: "path" } },
    },
  ],
  aliases: {
    DISCORD_GET_MY_USER: "DISCORD_GET_CURRENT_USER",
    // Composio splits bot-token operations into a separate "discordbot" toolkit.
    DISCORDBOT_CREATE_MESSAGE: "DISCORD_SEND_MESSAGE",
    DISCORDBOT_LIST_MESSAGES: "DISCORD_GET_MESSAGES",
    DISCORDBOT_GET_MESSAGE: "DISCORD_GET_MESSAGE",
    DISCORDBOT_UPDATE_MESSAGE: "DISCORD_EDIT_MESSAGE",
    DISCORDBOT_DELETE_MESSAGE: "DISCORD_DELETE_MESSAGE",
    DISCORDBOT_ADD_MY_MESSAGE_REACTION: "DISCORD_ADD_REACTION",
    DISCORDBOT_CREATE_THREAD: "DISCORD_CREATE_THREAD",
    DISCORDBOT_CREATE_THREAD_FROM_MESSAGE: "DISCORD_CREATE_THREAD_FROM_MESSAGE",
    DISCORDBOT_GET_CHANNEL: "DISCORD_GET_CHANNEL",
    DISCORDBOT_LIST_GUILD_CHANNELS: "DISCORD_LIST_GUILD_CHANNELS",
    DISCORDBOT_CREATE_GUILD_CHANNEL: "DISCORD_CREATE_CHANNEL",
    DISCORDBOT_GET_GUILD: "DISCORD_GET_GUILD",
    DISCORDBOT_LIST_GUILD_MEMBERS: "DISCORD_LIST_GUILD_MEMBERS",
    DISCORDBOT_SEARCH_GUILD_MEMBERS: "DISCORD_SEARCH_GUILD_MEMBERS",
    DISCORDBOT_LIST_GUILD_ROLES: "DISCORD_LIST_GUILD_ROLES",
    DISCORDBOT_ADD_GUILD_MEMBER_ROLE: "DISCORD_ADD_GUILD_MEMBER_ROLE",
    DISCORDBOT_DELETE_GUILD_MEMBER_ROLE: "DISCORD_REMOVE_GUILD_MEMBER_ROLE",
    DISCORDBOT_CREATE_DM: "DISCORD_CREATE_DM",
    DISCORDBOT_GET_USER: "DISCORD_GET_USER",
  },
};
