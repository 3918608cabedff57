import type { ToolkitInput } from "../definition.ts";

/**
 * Google Sheets through the Sheets API v4 (https://developers.google.com/sheets/api/reference/rest).
 * Every tool needs only the `spreadsheets` scope. Finding a spreadsheet by name is a Drive search
 * (GOOGLEDRIVE_LIST_FILES with mimeType = 'application/vnd.google-apps.spreadsheet'), left to the
 * Drive toolkit so that Sheets does not have to ask for Drive access.
 *
 * Structural edits go through `spreadsheets.batchUpdate`, whose body is a list of typed requests;
 * each such tool here declares the one request type it sends, so the model fills in a typed
 * object rather than free-form JSON.
 */

const VERSION = "20261101_00";
const SHEETS = "https://www.googleapis.com/auth/spreadsheets";

const READ = ["readOnlyHint", "openWorldHint", "spreadsheets"];
const WRITE = ["openWorldHint", "spreadsheets"];
const OVERWRITE = ["destructiveHint", "idempotentHint", "openWorldHint", "spreadsheets"];

const spreadsheetId = {
  type: "string",
  description: "The spreadsheet id: the long id between /d/ and /edit in its URL.",
};
const sheetId = {
  type: "integer",
  description: "The numeric id of a sheet (tab), not its title: `sheetId` in GOOGLESHEETS_GET_SPREADSHEET_INFO, or the gid= in the URL. The first sheet is often 0.",
};
const a1Range = (what: string) => ({
  type: "string",
  description: `${what} in A1 notation, e.g. "Sheet1!A1:D10", "Sheet1!A:C" (whole columns), "'My Sheet'!A2" (quote titles with spaces) or just "Sheet1" (the whole sheet).`,
});
const values = {
  type: "array",
  description:
    "The cells as rows (or columns with major_dimension COLUMNS): a list of lists, e.g. [[\"Name\", \"Score\"], [\"Ana\", \"42\"]]. Give every cell as a string; with value_input_option USER_ENTERED, \"42\" is stored as a number, \"2026-11-03\" as a date and \"=SUM(B2:B9)\" as a formula. An empty string leaves a cell empty.",
  items: { type: "array", description: "One row.", items: { type: "string", description: "One cell." } },
};
const majorDimension = {
  type: "string",
  enum: ["ROWS", "COLUMNS"],
  description: "Whether each inner list is a row (ROWS, the default) or a column (COLUMNS).",
};
const valueInputOption = {
  type: "string",
  enum: ["USER_ENTERED", "RAW"],
  description: "USER_ENTERED parses input as if typed into the UI (numbers, dates, formulas); RAW stores the strings as they are.",
  default: "USER_ENTERED",
};
const valueRenderOption = {
  type: "string",
  enum: ["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"],
  description: "How to render values: as displayed (FORMATTED_VALUE, default), as raw numbers (UNFORMATTED_VALUE) or showing formulas (FORMULA).",
};
const dateTimeRenderOption = {
  type: "string",
  enum: ["SERIAL_NUMBER", "FORMATTED_STRING"],
  description: "How dates are rendered when value_render_option is not FORMATTED_VALUE (default SERIAL_NUMBER).",
};
const dimensionRange = {
  type: "object",
  description: "The rows or columns: a sheet, a dimension and a zero-based, end-exclusive index range (rows 2-4 in the UI are startIndex 1, endIndex 4).",
  properties: {
    sheetId,
    dimension: { type: "string", enum: ["ROWS", "COLUMNS"], description: "Rows or columns." },
    startIndex: { type: "integer", description: "Zero-based first row/column, inclusive." },
    endIndex: { type: "integer", description: "Zero-based last row/column, exclusive." },
  },
  required: ["sheetId", "dimension", "startIndex", "endIndex"],
};
const oneRequest = (what: string, item: Record<string, unknown>) => ({
  type: "array",
  description: `A list holding one request object: ${what}`,
  items: { type: "object", description: "One request.", ...item },
});

export const googlesheets: ToolkitInput = {
  slug: "googlesheets",
  name: "Google Sheets",
  description: "Create spreadsheets, read, write, append and clear cell values, and add, rename or delete sheets, rows and columns in Google Sheets.",
  categories: ["spreadsheets", "productivity"],
  logo: "https://www.gstatic.com/images/branding/product/2x/sheets_2020q4_48dp.png",
  baseUrl: "https://sheets.googleapis.com/v4",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
      tokenUrl: "https://oauth2.googleapis.com/token",
      revokeUrl: "https://oauth2.googleapis.com/revoke",
      defaultScopes: [SHEETS],
      scopeSeparator: " ",
      pkce: true,
      tokenEndpointAuthMethod: "client_secret_post",
      authorizeParams: { access_type: "offline", prompt: "consent" },
    },
    { type: "BEARER_TOKEN" },
  ],
  tools: [
    {
      slug: "GOOGLESHEETS_CREATE_SPREADSHEET",
      name: "Create spreadsheet",
      description: "Create a new Google Sheets spreadsheet in the user's Drive, with a title and optionally named sheets (tabs). Returns its spreadsheetId and URL.",
      inputSchema: {
        type: "object",
        properties: {
          properties: {
            type: "object",
            description: "The spreadsheet's properties.",
            properties: {
              title: { type: "string", description: "The spreadsheet's title." },
              locale: { type: "string", description: "Locale for formatting, e.g. \"en_US\" or \"fr_FR\"." },
              timeZone: { type: "string", description: "IANA time zone, e.g. \"Europe/Paris\"." },
            },
            required: ["title"],
          },
          sheets: {
            type: "array",
            description: "Optional sheets (tabs) to create, in order; by default there is one sheet named \"Sheet1\".",
            items: {
              type: "object",
              description: "One sheet.",
              properties: {
                properties: {
                  type: "object",
                  description: "The sheet's properties.",
                  properties: { title: { type: "string", description: "The sheet's (tab's) title." } },
                  required: ["title"],
                },
              },
              required: ["properties"],
            },
          },
        },
        required: ["properties"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: { method: "POST", path: "/spreadsheets", args: { properties: "body", sheets: "body" } },
    },
    {
      slug: "GOOGLESHEETS_GET_SPREADSHEET_INFO",
      name: "Get spreadsheet info",
      description:
        "Get a spreadsheet's metadata, not its cell values: title, locale, and every sheet (tab) with its sheetId, title, index and row/column counts. Use it to learn sheet names and ids before reading or editing.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          fields: {
            type: "string",
            description: "Optional field mask to trim the response, e.g. \"properties.title,sheets.properties\".",
          },
        },
        required: ["spreadsheet_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [SHEETS],
      http: { method: "GET", path: "/spreadsheets/{spreadsheet_id}", args: { spreadsheet_id: "path", fields: "query" } },
    },
    {
      slug: "GOOGLESHEETS_GET_VALUES",
      name: "Get values",
      description: "Read the cell values of one range of a sheet, as a list of rows. Trailing empty rows and columns are left out.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          range: a1Range("The range to read"),
          major_dimension: majorDimension,
          value_render_option: valueRenderOption,
          date_time_render_option: dateTimeRenderOption,
        },
        required: ["spreadsheet_id", "range"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [SHEETS],
      http: {
        method: "GET",
        path: "/spreadsheets/{spreadsheet_id}/values/{range}",
        args: {
          spreadsheet_id: "path",
          range: "path",
          major_dimension: "query",
          value_render_option: "query",
          date_time_render_option: "query",
        },
        wireNames: {
          major_dimension: "majorDimension",
          value_render_option: "valueRenderOption",
          date_time_render_option: "dateTimeRenderOption",
        },
      },
    },
    {
      slug: "GOOGLESHEETS_BATCH_GET",
      name: "Get values from several ranges",
      description: "Read the cell values of several ranges (possibly on different sheets) in one call; returns one value range per requested range, in order.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          ranges: {
            type: "array",
            description: "The ranges to read, in A1 notation, e.g. [\"Sheet1!A1:D20\", \"Summary!B2\"].",
            items: { type: "string", description: "One A1 range." },
          },
          major_dimension: majorDimension,
          value_render_option: valueRenderOption,
          date_time_render_option: dateTimeRenderOption,
        },
        required: ["spreadsheet_id", "ranges"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [SHEETS],
      http: {
        method: "GET",
        path: "/spreadsheets/{spreadsheet_id}/values:batchGet",
        args: {
          spreadsheet_id: "path",
          ranges: "query",
          major_dimension: "query",
          value_render_option: "query",
          date_time_render_option: "query",
        },
        wireNames: {
          major_dimension: "majorDimension",
          value_render_option: "valueRenderOption",
          date_time_render_option: "dateTimeRenderOption",
        },
      },
    },
    {
      slug: "GOOGLESHEETS_UPDATE_VALUES",
      name: "Update values",
      description:
        "Write values into a range, overwriting what is there, starting at the range's top-left cell (e.g. range \"Sheet1!A1\" with a 3x2 block writes A1:B3). To add rows below existing data use GOOGLESHEETS_APPEND_VALUES instead.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          range: a1Range("Where to write"),
          values,
          major_dimension: majorDimension,
          value_input_option: valueInputOption,
          include_values_in_response: { type: "boolean", description: "Return the written values in the response (default false)." },
        },
        required: ["spreadsheet_id", "range", "values"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: {
        method: "PUT",
        path: "/spreadsheets/{spreadsheet_id}/values/{range}",
        args: {
          spreadsheet_id: "path",
          range: "path",
          values: "body",
          major_dimension: "body",
          value_input_option: "query",
          include_values_in_response: "query",
        },
        wireNames: {
          major_dimension: "majorDimension",
          value_input_option: "valueInputOption",
          include_values_in_response: "includeValuesInResponse",
        },
      },
    },
    {
      slug: "GOOGLESHEETS_BATCH_UPDATE_VALUES",
      name: "Update values in several ranges",
      description: "Write values into several ranges in one call, overwriting what is there. Each entry names a range and its block of values.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          data: {
            type: "array",
            description: "The ranges to write, e.g. [{\"range\": \"Sheet1!A1\", \"values\": [[\"Total\", \"=SUM(B2:B9)\"]]}].",
            items: {
              type: "object",
              description: "One range and its values.",
              properties: {
                range: a1Range("Where to write"),
                values,
                majorDimension: majorDimension,
              },
              required: ["range", "values"],
            },
          },
          value_input_option: valueInputOption,
          include_values_in_response: { type: "boolean", description: "Return the written values in the response (default false)." },
        },
        required: ["spreadsheet_id", "data"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: {
        method: "POST",
        path: "/spreadsheets/{spreadsheet_id}/values:batchUpdate",
        args: { spreadsheet_id: "path", data: "body", value_input_option: "body", include_values_in_response: "body" },
        wireNames: { value_input_option: "valueInputOption", include_values_in_response: "includeValuesInResponse" },
      },
    },
    {
      slug: "GOOGLESHEETS_APPEND_VALUES",
      name: "Append rows",
      description:
        "Add rows after the last row of the table found in a range, e.g. range \"Sheet1!A:D\" appends below the existing data in columns A-D. The usual way to log or add records.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          range: a1Range("The table to append to"),
          values,
          major_dimension: majorDimension,
          value_input_option: valueInputOption,
          insert_data_option: {
            type: "string",
            enum: ["INSERT_ROWS", "OVERWRITE"],
            description: "INSERT_ROWS inserts new rows for the data; OVERWRITE (default) writes into the empty cells after the table.",
          },
          include_values_in_response: { type: "boolean", description: "Return the appended values in the response (default false)." },
        },
        required: ["spreadsheet_id", "range", "values"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: {
        method: "POST",
        path: "/spreadsheets/{spreadsheet_id}/values/{range}:append",
        args: {
          spreadsheet_id: "path",
          range: "path",
          values: "body",
          major_dimension: "body",
          value_input_option: "query",
          insert_data_option: "query",
          include_values_in_response: "query",
        },
        wireNames: {
          major_dimension: "majorDimension",
          value_input_option: "valueInputOption",
          insert_data_option: "insertDataOption",
          include_values_in_response: "includeValuesInResponse",
        },
      },
    },
    {
      slug: "GOOGLESHEETS_CLEAR_VALUES",
      name: "Clear values",
      description: "Erase the values in a range, keeping formatting and the rows and columns themselves.",
      inputSchema: {
        type: "object",
        properties: { spreadsheet_id: spreadsheetId, range: a1Range("The range to clear") },
        required: ["spreadsheet_id", "range"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: {
        method: "POST",
        path: "/spreadsheets/{spreadsheet_id}/values/{range}:clear",
        args: { spreadsheet_id: "path", range: "path" },
      },
    },
    {
      slug: "GOOGLESHEETS_BATCH_CLEAR_VALUES",
      name: "Clear values in several ranges",
      description: "Erase the values in several ranges in one call, keeping formatting.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          ranges: {
            type: "array",
            description: "The ranges to clear, in A1 notation.",
            items: { type: "string", description: "One A1 range." },
          },
        },
        required: ["spreadsheet_id", "ranges"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: {
        method: "POST",
        path: "/spreadsheets/{spreadsheet_id}/values:batchClear",
        args: { spreadsheet_id: "path", ranges: "body" },
      },
    },
    {
      slug: "GOOGLESHEETS_ADD_SHEET",
      name: "Add sheet",
      description:
        "Add a new sheet (tab) to a spreadsheet. Send requests as [{\"addSheet\": {\"properties\": {\"title\": \"Q4\"}}}]; the reply carries the new sheet's sheetId.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          requests: oneRequest("{\"addSheet\": {\"properties\": {…}}}.", {
            properties: {
              addSheet: {
                type: "object",
                description: "The sheet to add.",
                properties: {
                  properties: {
                    type: "object",
                    description: "The new sheet's properties.",
                    properties: {
                      title: { type: "string", description: "The new sheet's title (must be unique)." },
                      index: { type: "integer", description: "Zero-based position among the tabs (default: last)." },
                      gridProperties: {
                        type: "object",
                        description: "Optional size and frozen rows/columns.",
                        properties: {
                          rowCount: { type: "integer", description: "Number of rows (default 1000)." },
                          columnCount: { type: "integer", description: "Number of columns (default 26)." },
                          frozenRowCount: { type: "integer", description: "Rows frozen at the top." },
                          frozenColumnCount: { type: "integer", description: "Columns frozen at the left." },
                        },
                      },
                    },
                    required: ["title"],
                  },
                },
                required: ["properties"],
              },
            },
            required: ["addSheet"],
          }),
        },
        required: ["spreadsheet_id", "requests"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: { method: "POST", path: "/spreadsheets/{spreadsheet_id}:batchUpdate", args: { spreadsheet_id: "path", requests: "body" } },
    },
    {
      slug: "GOOGLESHEETS_UPDATE_SHEET_PROPERTIES",
      name: "Rename or change sheet",
      description:
        "Rename, move, hide or freeze rows/columns of a sheet (tab). Send requests as [{\"updateSheetProperties\": {\"properties\": {\"sheetId\": 0, \"title\": \"Summary\"}, \"fields\": \"title\"}}]; `fields` lists the properties being changed.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          requests: oneRequest("{\"updateSheetProperties\": {\"properties\": {…}, \"fields\": \"…\"}}.", {
            properties: {
              updateSheetProperties: {
                type: "object",
                description: "The change.",
                properties: {
                  properties: {
                    type: "object",
                    description: "The sheet's id plus the new values.",
                    properties: {
                      sheetId,
                      title: { type: "string", description: "New title." },
                      index: { type: "integer", description: "New zero-based position." },
                      hidden: { type: "boolean", description: "Hide (true) or show (false) the sheet." },
                      gridProperties: {
                        type: "object",
                        description: "Frozen rows/columns.",
                        properties: {
                          frozenRowCount: { type: "integer", description: "Rows frozen at the top." },
                          frozenColumnCount: { type: "integer", description: "Columns frozen at the left." },
                        },
                      },
                    },
                    required: ["sheetId"],
                  },
                  fields: {
                    type: "string",
                    description: "Comma-separated list of the properties to change, e.g. \"title\", \"index\", \"hidden\", \"gridProperties.frozenRowCount\".",
                  },
                },
                required: ["properties", "fields"],
              },
            },
            required: ["updateSheetProperties"],
          }),
        },
        required: ["spreadsheet_id", "requests"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: { method: "POST", path: "/spreadsheets/{spreadsheet_id}:batchUpdate", args: { spreadsheet_id: "path", requests: "body" } },
    },
    {
      slug: "GOOGLESHEETS_DELETE_SHEET",
      name: "Delete sheet",
      description: "Delete a sheet (tab) and all its data from a spreadsheet. Send requests as [{\"deleteSheet\": {\"sheetId\": 123}}].",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          requests: oneRequest("{\"deleteSheet\": {\"sheetId\": …}}.", {
            properties: {
              deleteSheet: {
                type: "object",
                description: "The sheet to delete.",
                properties: { sheetId },
                required: ["sheetId"],
              },
            },
            required: ["deleteSheet"],
          }),
        },
        required: ["spreadsheet_id", "requests"],
        additionalProperties: false,
      },
      tags: ["destructiveHint", "openWorldHint", "spreadsheets"],
      version: VERSION,
      scopes: [SHEETS],
      http: { method: "POST", path: "/spreadsheets/{spreadsheet_id}:batchUpdate", args: { spreadsheet_id: "path", requests: "body" } },
    },
    {
      slug: "GOOGLESHEETS_INSERT_DIMENSION",
      name: "Insert rows or columns",
      description:
        "Insert empty rows or columns into a sheet, shifting the rest down or right. Send requests as [{\"insertDimension\": {\"range\": {\"sheetId\": 0, \"dimension\": \"ROWS\", \"startIndex\": 1, \"endIndex\": 3}}}] to insert two rows above row 2.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          requests: oneRequest("{\"insertDimension\": {\"range\": {…}, \"inheritFromBefore\": …}}.", {
            properties: {
              insertDimension: {
                type: "object",
                description: "Where to insert.",
                properties: {
                  range: dimensionRange,
                  inheritFromBefore: {
                    type: "boolean",
                    description: "Copy formatting from the row/column before (true) or after (false, default).",
                  },
                },
                required: ["range"],
              },
            },
            required: ["insertDimension"],
          }),
        },
        required: ["spreadsheet_id", "requests"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: { method: "POST", path: "/spreadsheets/{spreadsheet_id}:batchUpdate", args: { spreadsheet_id: "path", requests: "body" } },
    },
    {
      slug: "GOOGLESHEETS_DELETE_DIMENSION",
      name: "Delete rows or columns",
      description:
        "Delete rows or columns from a sheet, shifting the rest up or left. Send requests as [{\"deleteDimension\": {\"range\": {\"sheetId\": 0, \"dimension\": \"ROWS\", \"startIndex\": 4, \"endIndex\": 5}}}] to delete row 5.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          requests: oneRequest("{\"deleteDimension\": {\"range\": {…}}}.", {
            properties: {
              deleteDimension: {
                type: "object",
                description: "What to delete.",
                properties: { range: dimensionRange },
                required: ["range"],
              },
            },
            required: ["deleteDimension"],
          }),
        },
        required: ["spreadsheet_id", "requests"],
        additionalProperties: false,
      },
      tags: ["destructiveHint", "openWorldHint", "spreadsheets"],
      version: VERSION,
      scopes: [SHEETS],
      http: { method: "POST", path: "/spreadsheets/{spreadsheet_id}:batchUpdate", args: { spreadsheet_id: "path", requests: "body" } },
    },
    {
      slug: "GOOGLESHEETS_FIND_REPLACE",
      name: "Find and replace",
      description:
        "Find text in a sheet or the whole spreadsheet and replace it, like Edit > Find and replace. Send requests as [{\"findReplace\": {\"find\": \"2025\", \"replacement\": \"2026\", \"allSheets\": true}}]; the reply counts the changes.",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: spreadsheetId,
          requests: oneRequest("{\"findReplace\": {…}}.", {
            properties: {
              findReplace: {
                type: "object",
                description: "What to find and what to put instead. Give sheetId or allSheets.",
                properties: {
                  find: { type: "string", description: "The text (or regular expression) to find." },
                  replacement: { type: "string", description: "The replacement text." },
                  sheetId: { ...sheetId, description: "Only search this sheet." },
                  allSheets: { type: "boolean", description: "Search every sheet." },
                  matchCase: { type: "boolean", description: "Case-sensitive match (default false)." },
                  matchEntireCell: { type: "boolean", description: "Only match whole cell contents (default false)." },
                  searchByRegex: { type: "boolean", description: "Treat find as a regular expression (default false)." },
                  includeFormulas: { type: "boolean", description: "Also search inside formulas (default false)." },
                },
                required: ["find", "replacement"],
              },
            },
            required: ["findReplace"],
          }),
        },
        required: ["spreadsheet_id", "requests"],
        additionalProperties: false,
      },
      tags: ["destructiveHint", "openWorldHint", "spreadsheets"],
      version: VERSION,
      scopes: [SHEETS],
      http: { method: "POST", path: "/spreadsheets/{spreadsheet_id}:batchUpdate", args: { spreadsheet_id: "path", requests: "body" } },
    },
    {
      slug: "GOOGLESHEETS_COPY_SHEET_TO",
      name: "Copy sheet to spreadsheet",
      description: "Copy one sheet (tab) into another spreadsheet (or the same one), where it is added as \"Copy of <title>\".",
      inputSchema: {
        type: "object",
        properties: {
          spreadsheet_id: { ...spreadsheetId, description: "The id of the spreadsheet holding the sheet to copy." },
          sheet_id: { ...sheetId, description: "The numeric id of the sheet to copy (not its title)." },
          destination_spreadsheet_id: { type: "string", description: "The id of the spreadsheet to copy it into." },
        },
        required: ["spreadsheet_id", "sheet_id", "destination_spreadsheet_id"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [SHEETS],
      http: {
        method: "POST",
        path: "/spreadsheets/{spreadsheet_id}/sheets/{sheet_id}:copyTo",
        args: { spreadsheet_id: "path", sheet_id: "path", destination_spreadsheet_id: "body" },
        wireNames: { destination_spreadsheet_id: "destinationSpreadsheetId" },
      },
    },
  ],
  aliases: {
    GOOGLESHEETS_CREATE_GOOGLE_SHEET1: "GOOGLESHEETS_CREATE_SPREADSHEET",
    GOOGLESHEETS_VALUES_GET: "GOOGLESHEETS_GET_VALUES",
    GOOGLESHEETS_VALUES_UPDATE: "GOOGLESHEETS_UPDATE_VALUES",
    GOOGLESHEETS_UPDATE_VALUES_BATCH: "GOOGLESHEETS_BATCH_UPDATE_VALUES",
    GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND: "GOOGLESHEETS_APPEND_VALUES",
    GOOGLESHEETS_SPREADSHEETS_VALUES_BATCH_CLEAR: "GOOGLESHEETS_BATCH_CLEAR_VALUES",
    GOOGLESHEETS_SPREADSHEETS_SHEETS_COPY_TO: "GOOGLESHEETS_COPY_SHEET_TO",
  },
};
