import type { ToolkitInput } from "../definition.ts";

/**
 * Google Drive through the Drive API v3 (https://developers.google.com/drive/api/reference/rest/v3).
 * Finding, copying, sharing and deleting files the app did not create needs the full `drive`
 * scope (`drive.file` only reaches files the app created or was handed), so that is the one scope.
 * Uploading file content (a multipart request on www.googleapis.com/upload) is left out: the
 * executor sends JSON bodies. Files can be created empty (e.g. a new Google Doc) and their content
 * read back with GOOGLEDRIVE_EXPORT_FILE or GOOGLEDRIVE_DOWNLOAD_FILE.
 */

const VERSION = "20261101_00";
const DRIVE = "https://www.googleapis.com/auth/drive";

const READ = ["readOnlyHint", "openWorldHint", "files"];
const WRITE = ["openWorldHint", "files"];
const UPDATE = ["destructiveHint", "idempotentHint", "openWorldHint", "files"];
const DESTRUCTIVE = ["destructiveHint", "idempotentHint", "openWorldHint", "files"];

const fileId = { type: "string", description: "The file or folder id (the `id` from GOOGLEDRIVE_LIST_FILES, or the long id in its drive.google.com URL)." };
const supportsAllDrives = {
  type: "boolean",
  description: "Set true when the file may live in a shared drive (default true).",
  default: true,
};
const fileFields = (dflt: string) => ({
  type: "string",
  description: `Which file fields to return, in Drive's fields syntax, e.g. "id, name, mimeType, webViewLink"; "*" returns everything.`,
  default: dflt,
});
const FILE_FIELDS = "id, name, mimeType, parents, webViewLink, modifiedTime";
const parents = {
  type: "array",
  items: { type: "string", description: "A folder id." },
  description: "The id of the folder to put it in (one id); omit for the root of My Drive.",
};
const mimeTypeHint =
  "Google-native types: application/vnd.google-apps.document (Docs), application/vnd.google-apps.spreadsheet (Sheets), application/vnd.google-apps.presentation (Slides), application/vnd.google-apps.folder (folder).";

export const googledrive: ToolkitInput = {
  slug: "googledrive",
  name: "Google Drive",
  description: "Find, read, create, copy, move, share and delete files and folders in Google Drive, including shared drives.",
  categories: ["files", "productivity"],
  logo: "https://www.gstatic.com/images/branding/product/2x/drive_2020q4_48dp.png",
  baseUrl: "https://www.googleapis.com/drive/v3",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
      tokenUrl: "https://oauth2.googleapis.com/token",
      revokeUrl: "https://oauth2.googleapis.com/revoke",
      defaultScopes: [DRIVE],
      scopeSeparator: " ",
      pkce: true,
      tokenEndpointAuthMethod: "client_secret_post",
      authorizeParams: { access_type: "offline", prompt: "consent" },
    },
    { type: "BEARER_TOKEN" },
  ],
  tools: [
    {
      slug: "GOOGLEDRIVE_LIST_FILES",
      name: "List or search files",
      description:
        "List or search files and folders with a Drive query, e.g. q = \"name contains 'budget' and trashed = false\", \"'<folderId>' in parents\", \"mimeType = 'application/vnd.google-apps.folder'\", \"fullText contains 'invoice'\", \"modifiedTime > '2026-01-01T00:00:00'\". Returns ids, names and types, with a page token.",
      inputSchema: {
        type: "object",
        properties: {
          q: {
            type: "string",
            description:
              "Drive search query. Terms: name, fullText, mimeType, modifiedTime, createdTime, trashed, starred, parents, owners, sharedWithMe; operators: contains, =, !=, <, >, in, and, or, not. Quote strings with single quotes. Add \"trashed = false\" to skip the trash.",
          },
          page_size: { type: "integer", description: "How many files per page (1-1000, default 100)." },
          page_token: { type: "string", description: "The `nextPageToken` from a previous call, to fetch the next page." },
          order_by: {
            type: "string",
            description: "Sort keys, comma-separated, each optionally followed by \"desc\": createdTime, folder, modifiedByMeTime, modifiedTime, name, quotaBytesUsed, recency, sharedWithMeTime, starred, viewedByMeTime. E.g. \"modifiedTime desc\".",
          },
          fields: {
            type: "string",
            description: "Which fields to return, in Drive's fields syntax; keep nextPageToken and wrap file fields in files(…).",
            default: "nextPageToken, files(id, name, mimeType, parents, modifiedTime, size, webViewLink, owners(emailAddress))",
          },
          corpora: {
            type: "string",
            enum: ["user", "drive", "domain", "allDrives"],
            description: "Where to search: the user's files (default), one shared drive (with drive_id), the whole domain, or everything the user can reach.",
          },
          drive_id: { type: "string", description: "The shared drive to search, with corpora \"drive\"." },
          include_items_from_all_drives: {
            type: "boolean",
            description: "Include shared-drive items in the results (default true).",
            default: true,
          },
          supports_all_drives: supportsAllDrives,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "GET",
        path: "/files",
        args: {
          q: "query",
          page_size: "query",
          page_token: "query",
          order_by: "query",
          fields: "query",
          corpora: "query",
          drive_id: "query",
          include_items_from_all_drives: "query",
          supports_all_drives: "query",
        },
        wireNames: {
          page_size: "pageSize",
          page_token: "pageToken",
          order_by: "orderBy",
          drive_id: "driveId",
          include_items_from_all_drives: "includeItemsFromAllDrives",
          supports_all_drives: "supportsAllDrives",
        },
      },
    },
    {
      slug: "GOOGLEDRIVE_GET_FILE_METADATA",
      name: "Get file metadata",
      description: "Get a file's or folder's metadata: name, type, size, parent folders, owners, sharing link, timestamps. Ask for more with fields (\"*\" for all).",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          fields: fileFields("id, name, mimeType, description, parents, size, createdTime, modifiedTime, owners(emailAddress, displayName), webViewLink, shared, trashed"),
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "GET",
        path: "/files/{file_id}",
        args: { file_id: "path", fields: "query", supports_all_drives: "query" },
        wireNames: { supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_EXPORT_FILE",
      name: "Export Google Docs, Sheets or Slides",
      description:
        "Read the content of a Google Docs, Sheets, Slides or Drawings file (up to 10 MB) by exporting it to another format, e.g. text/plain or text/markdown for a Doc, text/csv for the first sheet of a spreadsheet. For other (uploaded) files use GOOGLEDRIVE_DOWNLOAD_FILE.",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          mime_type: {
            type: "string",
            description:
              "The format to export to: text/plain, text/markdown, text/html, application/pdf or application/vnd.openxmlformats-officedocument.wordprocessingml.document for Docs; text/csv, application/pdf or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet for Sheets; text/plain or application/pdf for Slides.",
          },
        },
        required: ["file_id", "mime_type"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "GET",
        path: "/files/{file_id}/export",
        args: { file_id: "path", mime_type: "query" },
        wireNames: { mime_type: "mimeType" },
      },
    },
    {
      slug: "GOOGLEDRIVE_DOWNLOAD_FILE",
      name: "Download file content",
      description:
        "Get the stored content of an uploaded (non-Google) file such as a .txt, .csv, .json or .pdf. Google Docs, Sheets and Slides have no stored content: use GOOGLEDRIVE_EXPORT_FILE for them.",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          alt: { type: "string", enum: ["media"], description: "Always \"media\": asks Drive for the file's content rather than its metadata.", default: "media" },
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id", "alt"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "GET",
        path: "/files/{file_id}",
        args: { file_id: "path", alt: "query", supports_all_drives: "query" },
        wireNames: { supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_CREATE_FOLDER",
      name: "Create folder",
      description: "Create a new folder, in My Drive's root or inside another folder.",
      inputSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: "The folder's name." },
          mime_type: {
            type: "string",
            enum: ["application/vnd.google-apps.folder"],
            description: "Always \"application/vnd.google-apps.folder\" (this is what makes it a folder).",
            default: "application/vnd.google-apps.folder",
          },
          parents: { ...parents, description: "The id of the parent folder (one id); omit for the root of My Drive." },
          description: { type: "string", description: "An optional description of the folder." },
          fields: fileFields(FILE_FIELDS),
          supports_all_drives: supportsAllDrives,
        },
        required: ["name", "mime_type"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "POST",
        path: "/files",
        args: { name: "body", mime_type: "body", parents: "body", description: "body", fields: "query", supports_all_drives: "query" },
        wireNames: { mime_type: "mimeType", supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_CREATE_FILE",
      name: "Create empty file",
      description:
        "Create a new, empty file from metadata alone, most usefully a blank Google Doc, Sheet or Slides deck to fill in afterwards with the Docs or Sheets tools. Does not upload content.",
      inputSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: "The file's name." },
          mime_type: { type: "string", description: `The file's type. ${mimeTypeHint}` },
          parents,
          description: { type: "string", description: "An optional description of the file." },
          fields: fileFields(FILE_FIELDS),
          supports_all_drives: supportsAllDrives,
        },
        required: ["name", "mime_type"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "POST",
        path: "/files",
        args: { name: "body", mime_type: "body", parents: "body", description: "body", fields: "query", supports_all_drives: "query" },
        wireNames: { mime_type: "mimeType", supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_COPY_FILE",
      name: "Copy file",
      description: "Make a copy of a file (not a folder), optionally with a new name and in another folder. Google Docs, Sheets and Slides copies stay editable Google files.",
      inputSchema: {
        type: "object",
        properties: {
          file_id: { ...fileId, description: "The id of the file to copy." },
          name: { type: "string", description: "The copy's name (default \"Copy of <name>\")." },
          parents: { ...parents, description: "The id of the folder to put the copy in (one id); default: the original's folder." },
          fields: fileFields(FILE_FIELDS),
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "POST",
        path: "/files/{file_id}/copy",
        args: { file_id: "path", name: "body", parents: "body", fields: "query", supports_all_drives: "query" },
        wireNames: { supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_UPDATE_FILE_METADATA",
      name: "Rename or update file",
      description: "Rename a file or folder, or change its description or star. Only the fields given change.",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          name: { type: "string", description: "The new name." },
          description: { type: "string", description: "The new description." },
          starred: { type: "boolean", description: "Star (true) or unstar (false) the file." },
          fields: fileFields(FILE_FIELDS),
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id"],
        additionalProperties: false,
      },
      tags: UPDATE,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "PATCH",
        path: "/files/{file_id}",
        args: { file_id: "path", name: "body", description: "body", starred: "body", fields: "query", supports_all_drives: "query" },
        wireNames: { supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_MOVE_FILE",
      name: "Move file",
      description:
        "Move a file or folder to another folder: add the new parent and remove the current one (its id is in `parents` from GOOGLEDRIVE_GET_FILE_METADATA).",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          add_parents: { type: "string", description: "The id of the destination folder (comma-separate several)." },
          remove_parents: { type: "string", description: "The id of the folder to take it out of, usually its current parent (comma-separate several)." },
          fields: fileFields(FILE_FIELDS),
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id", "add_parents"],
        additionalProperties: false,
      },
      tags: ["idempotentHint", "openWorldHint", "files"],
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "PATCH",
        path: "/files/{file_id}",
        args: { file_id: "path", add_parents: "query", remove_parents: "query", fields: "query", supports_all_drives: "query" },
        wireNames: { add_parents: "addParents", remove_parents: "removeParents", supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_TRASH_FILE",
      name: "Trash or restore file",
      description:
        "Move a file or folder to the trash (trashed true), where Drive deletes it for good after 30 days, or restore it from the trash (trashed false). Prefer this to GOOGLEDRIVE_DELETE_FILE.",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          trashed: { type: "boolean", description: "true moves it to the trash; false restores it.", default: true },
          fields: fileFields("id, name, trashed"),
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id", "trashed"],
        additionalProperties: false,
      },
      tags: UPDATE,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "PATCH",
        path: "/files/{file_id}",
        args: { file_id: "path", trashed: "body", fields: "query", supports_all_drives: "query" },
        wireNames: { supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_DELETE_FILE",
      name: "Delete file permanently",
      description:
        "Permanently delete a file or folder the user owns, skipping the trash; deleting a folder deletes everything in it. This cannot be undone: use GOOGLEDRIVE_TRASH_FILE unless permanent deletion is really wanted.",
      inputSchema: {
        type: "object",
        properties: { file_id: fileId, supports_all_drives: supportsAllDrives },
        required: ["file_id"],
        additionalProperties: false,
      },
      tags: DESTRUCTIVE,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "DELETE",
        path: "/files/{file_id}",
        args: { file_id: "path", supports_all_drives: "query" },
        wireNames: { supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_ADD_FILE_SHARING_PREFERENCE",
      name: "Share file",
      description:
        "Share a file or folder: grant a role (reader, commenter, writer…) to a person or group by email, to everyone in a domain, or to anyone with the link.",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          role: {
            type: "string",
            enum: ["reader", "commenter", "writer", "fileOrganizer", "organizer", "owner"],
            description: "The access to grant. fileOrganizer and organizer apply to shared drives; owner transfers ownership (needs transfer_ownership).",
          },
          type: {
            type: "string",
            enum: ["user", "group", "domain", "anyone"],
            description: "Who gets it: a user or group (give email_address), a whole domain (give domain), or anyone with the link.",
          },
          email_address: { type: "string", description: "The person's or group's email address, for type user or group." },
          domain: { type: "string", description: "The domain, e.g. example.com, for type domain." },
          allow_file_discovery: {
            type: "boolean",
            description: "For type domain or anyone: whether the file can be found by search (default false: link only).",
          },
          send_notification_email: {
            type: "boolean",
            description: "Email the person or group about the share (default true for users and groups).",
          },
          email_message: { type: "string", description: "A message to include in the notification email." },
          transfer_ownership: { type: "boolean", description: "Must be true when role is owner." },
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id", "role", "type"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "POST",
        path: "/files/{file_id}/permissions",
        args: {
          file_id: "path",
          role: "body",
          type: "body",
          email_address: "body",
          domain: "body",
          allow_file_discovery: "body",
          send_notification_email: "query",
          email_message: "query",
          transfer_ownership: "query",
          supports_all_drives: "query",
        },
        wireNames: {
          email_address: "emailAddress",
          allow_file_discovery: "allowFileDiscovery",
          send_notification_email: "sendNotificationEmail",
          email_message: "emailMessage",
          transfer_ownership: "transferOwnership",
          supports_all_drives: "supportsAllDrives",
        },
      },
    },
    {
      slug: "GOOGLEDRIVE_LIST_PERMISSIONS",
      name: "List sharing permissions",
      description: "List who a file or folder is shared with: each permission's id, role, type and email address or domain.",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          fields: {
            type: "string",
            description: "Which fields to return, in Drive's fields syntax.",
            default: "nextPageToken, permissions(id, type, role, emailAddress, domain, displayName)",
          },
          page_token: { type: "string", description: "The `nextPageToken` from a previous call, to fetch the next page." },
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "GET",
        path: "/files/{file_id}/permissions",
        args: { file_id: "path", fields: "query", page_token: "query", supports_all_drives: "query" },
        wireNames: { page_token: "pageToken", supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_DELETE_PERMISSION",
      name: "Remove sharing permission",
      description: "Stop sharing a file or folder with someone by deleting one permission (its id comes from GOOGLEDRIVE_LIST_PERMISSIONS).",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          permission_id: { type: "string", description: "The permission id to remove." },
          supports_all_drives: supportsAllDrives,
        },
        required: ["file_id", "permission_id"],
        additionalProperties: false,
      },
      tags: DESTRUCTIVE,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "DELETE",
        path: "/files/{file_id}/permissions/{permission_id}",
        args: { file_id: "path", permission_id: "path", supports_all_drives: "query" },
        wireNames: { supports_all_drives: "supportsAllDrives" },
      },
    },
    {
      slug: "GOOGLEDRIVE_LIST_COMMENTS",
      name: "List comments",
      description: "List the comments on a file, with their replies, authors and the text they are anchored to.",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          fields: {
            type: "string",
            description: "Which fields to return, in Drive's fields syntax (Drive requires this for comments).",
            default: "nextPageToken, comments(id, content, author(displayName, emailAddress), createdTime, resolved, quotedFileContent, replies(id, content, author(displayName), createdTime))",
          },
          include_deleted: { type: "boolean", description: "Include deleted comments (default false)." },
          page_size: { type: "integer", description: "How many comments per page (1-100, default 20)." },
          page_token: { type: "string", description: "The `nextPageToken` from a previous call, to fetch the next page." },
        },
        required: ["file_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "GET",
        path: "/files/{file_id}/comments",
        args: { file_id: "path", fields: "query", include_deleted: "query", page_size: "query", page_token: "query" },
        wireNames: { include_deleted: "includeDeleted", page_size: "pageSize", page_token: "pageToken" },
      },
    },
    {
      slug: "GOOGLEDRIVE_CREATE_COMMENT",
      name: "Add comment",
      description: "Add a comment to a file (unanchored: it applies to the whole file).",
      inputSchema: {
        type: "object",
        properties: {
          file_id: fileId,
          content: { type: "string", description: "The comment's text." },
          fields: {
            type: "string",
            description: "Which fields of the new comment to return (Drive requires this for comments).",
            default: "id, content, createdTime",
          },
        },
        required: ["file_id", "content"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [DRIVE],
      http: { method: "POST", path: "/files/{file_id}/comments", args: { file_id: "path", content: "body", fields: "query" } },
    },
    {
      slug: "GOOGLEDRIVE_LIST_SHARED_DRIVES",
      name: "List shared drives",
      description: "List the shared drives (team drives) the user is a member of, with their ids for searching inside them.",
      inputSchema: {
        type: "object",
        properties: {
          q: { type: "string", description: "Optional filter, e.g. \"name contains 'Marketing'\"." },
          page_size: { type: "integer", description: "How many per page (1-100, default 10)." },
          page_token: { type: "string", description: "The `nextPageToken` from a previous call, to fetch the next page." },
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [DRIVE],
      http: {
        method: "GET",
        path: "/drives",
        args: { q: "query", page_size: "query", page_token: "query" },
        wireNames: { page_size: "pageSize", page_token: "pageToken" },
      },
    },
    {
      slug: "GOOGLEDRIVE_GET_ABOUT",
      name: "Get account and storage info",
      description: "Get the connected user's name and email address and their Drive storage quota and usage.",
      inputSchema: {
        type: "object",
        properties: {
          fields: {
            type: "string",
            description: "Which fields to return (Drive requires this), e.g. \"user, storageQuota\".",
            default: "user, storageQuota",
          },
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [DRIVE],
      http: { method: "GET", path: "/about", args: { fields: "query" } },
    },
  ],
  aliases: {
    GOOGLEDRIVE_FIND_FILE: "GOOGLEDRIVE_LIST_FILES",
    GOOGLEDRIVE_FIND_FOLDER: "GOOGLEDRIVE_LIST_FILES",
    GOOGLEDRIVE_CREATE_PERMISSION: "GOOGLEDRIVE_ADD_FILE_SHARING_PREFERENCE",
    GOOGLEDRIVE_GOOGLE_DRIVE_DELETE_FOLDER_OR_FILE_ACTION: "GOOGLEDRIVE_DELETE_FILE",
    GOOGLEDRIVE_EXPORT_GOOGLE_WORKSPACE_FILE: "GOOGLEDRIVE_EXPORT_FILE",
    GOOGLEDRIVE_ABOUT_GET: "GOOGLEDRIVE_GET_ABOUT",
  },
};
