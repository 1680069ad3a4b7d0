import { type BlobStore, checkKey, uploadKey } from "./blob-store.ts";

/**
 * Who an upload belongs to, written by captures beside the bytes: a subgraph that reads an
 * upload (learning's deck import) checks the owner here, never in captures' database.
 */
export interface UploadRecord {
  ownerId: string;
  contentType: string;
  size: number;
}

const recordKey = (uploadId: string) => checkKey(`upload-records/${uploadId.toLowerCase()}`);

/** Stores an upload's bytes and its record; the record goes first, so bytes never lack one. */
export async function writeUpload(
  blobs: BlobStore,
  uploadId: string,
  bytes: Uint8Array,
  record: UploadRecord,
): Promise<void> {
  const json = new TextEncoder().encode(JSON.stringify(record));
  await blobs.put(recordKey(uploadId), json, "application/json");
  await blobs.put(uploadKey(uploadId), bytes, record.contentType);
}

/** The upload's bytes and record, or undefined when either is missing. */
export async function readUpload(
  blobs: BlobStore,
  uploadId: string,
): Promise<{ bytes: Uint8Array; record: UploadRecord } | undefined> {
  const [json, bytes] = await Promise.all([
    blobs.get(recordKey(uploadId)),
    blobs.get(uploadKey(uploadId)),
  ]);
  if (!json || !bytes) return undefined;
  return { bytes, record: JSON.parse(new TextDecoder().decode(json)) as UploadRecord };
}

/** Removes an upload's bytes and record; removing a missing one is no error. */
export async function deleteUpload(blobs: BlobStore, uploadId: string): Promise<void> {
  await blobs.delete(uploadKey(uploadId));
  await blobs.delete(recordKey(uploadId));
}
