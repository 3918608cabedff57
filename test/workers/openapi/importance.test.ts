import { describe, expect, it } from "vitest";
import { importantSlugs, type ImportanceCandidate } from "../../../worker/openapi/importance.ts";

const operations: ImportanceCandidate[] = [
  { slug: "LIST_TAGS", method: "GET", path: "/v1/tags" },
  { slug: "CREATE_TAG", method: "POST", path: "/v1/tags" },
  { slug: "GET_TAG", method: "GET", path: "/v1/tags/{tag}" },
  { slug: "DELETE_TAG", method: "DELETE", path: "/v1/tags/{tag}" },
  { slug: "RENAME_TAG", method: "PUT", path: "/v1/tags/{tag}" },
  { slug: "GET_TRACKING_INFORMATION", method: "GET", path: "/v1/tracking/{carrier}/{number}" },
  { slug: "START_TRACKING", method: "POST", path: "/v1/tracking/start" },
  { slug: "LIST_WEBHOOKS", method: "GET", path: "/v1/webhooks" },
];

describe("importantSlugs", () => {
  it("marks core operations of the resources with the most operations, up to the share", () => {
    // Collections before items, then the resource with more operations: tags (5) before webhooks (1).
    expect(importantSlugs(operations, 0.3)).toEqual(new Set(["LIST_TAGS", "CREATE_TAG", "LIST_WEBHOOKS"]));
  });

  it("puts the resources the toolkit's description names first", () => {
    // "track" names /tracking: both its operations come before the tags'.
    expect(importantSlugs(operations, 0.3, "Create shipping labels and track packages.")).toEqual(new Set(["GET_TRACKING_INFORMATION", "START_TRACKING", "CREATE_TAG"]));
  });

  it("counts a PUT on a collection as core, as APIs that create with it do (Xero's invoices)", () => {
    const xero: ImportanceCandidate[] = [
      { slug: "LIST_INVOICES", method: "GET", path: "/Invoices" },
      { slug: "CREATE_INVOICES", method: "PUT", path: "/Invoices" },
      { slug: "GET_INVOICE", method: "GET", path: "/Invoices/{InvoiceID}" },
      { slug: "GET_INVOICE_PDF", method: "GET", path: "/Invoices/{InvoiceID}/pdf" },
      { slug: "GET_INVOICE_HISTORY", method: "GET", path: "/Invoices/{InvoiceID}/History" },
    ];
    expect(importantSlugs(xero, 0.5)).toEqual(new Set(["LIST_INVOICES", "CREATE_INVOICES", "GET_INVOICE"]));
  });

  it("counts a Google-style custom method that updates an item as core, and no other custom method", () => {
    const google: ImportanceCandidate[] = [
      { slug: "CREATE_DOCUMENTS", method: "POST", path: "/v1/documents" },
      { slug: "GET_DOCUMENT", method: "GET", path: "/v1/documents/{documentId}" },
      { slug: "BATCH_UPDATE_DOCUMENTS", method: "POST", path: "/v1/documents/{documentId}:batchUpdate" },
      { slug: "COPY_DOCUMENT", method: "POST", path: "/v1/documents/{documentId}:copy" },
    ];
    expect(importantSlugs(google, 0.75)).toEqual(new Set(["CREATE_DOCUMENTS", "GET_DOCUMENT", "BATCH_UPDATE_DOCUMENTS"]));
  });

  it("ranks an operation on one item before its bulk twin across items (DigitalOcean's droplet actions)", () => {
    const digitalocean: ImportanceCandidate[] = [
      { slug: "LIST_DROPLETS", method: "GET", path: "/v2/droplets" },
      { slug: "GET_DROPLET", method: "GET", path: "/v2/droplets/{droplet_id}" },
      { slug: "ACT_ON_TAGGED_DROPLETS", method: "POST", path: "/v2/droplets/actions" },
      { slug: "INITIATE_A_DROPLET_ACTION", method: "POST", path: "/v2/droplets/{droplet_id}/actions" },
      { slug: "LIST_DROPLET_NEIGHBORS", method: "GET", path: "/v2/droplets/{droplet_id}/neighbors" },
    ];
    // The bulk twin's shorter path used to take the third place.
    expect(importantSlugs(digitalocean, 0.6)).toEqual(new Set(["LIST_DROPLETS", "GET_DROPLET", "INITIATE_A_DROPLET_ACTION"]));
  });
});
