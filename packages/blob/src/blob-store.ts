/**
 * Where uploaded bytes live. Keys are opaque paths (`uploads/<id>`) the caller chooses; a
 * store never interprets them beyond keeping them inside itself.
 */
export interface BlobStore {
  /** Names the backend in logs: "local" or "s3". */
  readonly kind: string;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under `key`, or undefined when nothing is stored there. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Removes `key`; removing a missing key is no error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/_-]{0,199}$/;

/** Refuses keys that could step outside the store (`..`, absolute paths) or surprise S3. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes("//")) throw new RangeError(`not a blob key: ${key}`);
  return key;
}

/** The key of an upload's bytes; captures writes it, learning and deck import read it. */
export function uploadKey(uploadId: string): string {
  return checkKey(`uploads/${uploadId.toLowerCase()}`);
}
