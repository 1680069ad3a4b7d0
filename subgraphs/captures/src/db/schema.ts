import { getTableColumns, type SQL, sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { CAPTURE_STATUSES, CAPTURE_TYPES, type CaptureMetadata } from "../domain/capture.ts";
import { UPLOAD_STATUSES } from "../domain/upload.ts";

export { erasedUsers, outbox, processedEvents } from "@kai/events";

export const captureType = pgEnum("capture_type", CAPTURE_TYPES);
export const captureStatus = pgEnum("capture_status", CAPTURE_STATUSES);
export const uploadStatus = pgEnum("upload_status", UPLOAD_STATUSES);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

// Millisecond precision, as JavaScript dates have: a cursor made from a row's createdAt
// must compare equal to that row, or keyset pagination would skip or repeat it.
const instant = (name: string) =>
  timestamp(name, { withTimezone: true, precision: 3 }).notNull().defaultNow();

/**
 * What full-text search reads: the page title weighs most, then the user's own words, then
 * text Kai extracted (a page, a screenshot) and the source. A stored generated column, so
 * every write keeps it current and the GIN index serves `@@` on PostgreSQL and PGlite alike.
 */
const searchDocument = (): SQL =>
  sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', content), 'B') || setweight(to_tsvector('english', coalesce(extracted_text, '')), 'C') || setweight(to_tsvector('english', coalesce(source, '')), 'D')`;

/** A client's upload: announced by createUploadUrl, filled by one PUT, then held by a capture. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").notNull(),
    contentType: text("content_type").notNull(),
    /** The size the client declared; the PUT must send exactly this many bytes or fewer. */
    declaredSize: integer("declared_size").notNull(),
    /** Bytes actually stored; null until the PUT succeeds. */
    size: integer("size"),
    status: uploadStatus("status").notNull().default("PENDING"),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    createdAt: instant("created_at"),
  },
  (t) => [
    // Serves the per-owner cap on open upload URLs and the erasure of an owner's uploads.
    index("uploads_owner_idx").on(t.ownerId, t.status),
    // Serves the sweep of uploads nobody finished or used.
    index("uploads_sweep_idx").on(t.status, t.expiresAt),
  ],
);

export type UploadRow = typeof uploads.$inferSelect;

export const captures = pgTable(
  "captures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The users subgraph's user id; no foreign key, as users live in another database. */
    ownerId: uuid("owner_id").notNull(),
    type: captureType("type").notNull(),
    content: text("content").notNull(),
    source: text("source"),
    status: captureStatus("status").notNull().default("PENDING"),
    failureReason: text("failure_reason"),
    tags: text("tags").array().notNull().default([]),
    metadata: jsonb("metadata").$type<CaptureMetadata>().notNull().default({}),
    /** A fetched page's title; null for other captures. */
    title: text("title"),
    /** Text Kai read out of the capture (a page's article, a screenshot's OCR). */
    extractedText: text("extracted_text"),
    uploadId: uuid("upload_id").references(() => uploads.id, { onDelete: "set null" }),
    search: tsvector("search").notNull().generatedAlwaysAs(searchDocument),
    createdAt: instant("created_at"),
    updatedAt: instant("updated_at"),
  },
  (t) => [
    // Serves every page: one owner's captures, newest first, ties broken by id.
    index("captures_owner_page_idx").on(t.ownerId, t.createdAt.desc(), t.id.desc()),
    index("captures_tags_idx").using("gin", t.tags),
    index("captures_search_idx").using("gin", t.search),
  ],
);

const { search: _searchDocument, ...stored } = getTableColumns(captures);

/** Every column but the search document: it serves WHERE clauses, never a reader. */
export const captureColumns = stored;

export type CaptureRow = Omit<typeof captures.$inferSelect, "search">;

const { content: _content, extractedText: _extractedText, ...listed } = stored;

/**
 * What a page of captures reads: every column but the two long texts (up to 20,000 and
 * 50,000 characters), which a page of 50 would otherwise carry whether a client asks for
 * them or not. A client that does gets them by id, in one statement for the page.
 */
export const captureListColumns = listed;

export type CaptureListRow = Omit<CaptureRow, "content" | "extractedText">;

/** A capture as its resolvers see it: a whole row, or a page's row without the long texts. */
export type CaptureRecord = CaptureListRow & Partial<Pick<CaptureRow, "content" | "extractedText">>;
