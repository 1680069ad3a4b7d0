export { type BlobStore, checkKey, uploadKey } from "./blob-store.ts";
export { type BlobEnv, blobEnv, createBlobStore, requireCompleteS3 } from "./env.ts";
export { IMAGE_TYPES, type ImageType, isImageType, sniffImageType } from "./image-type.ts";
export { localBlobStore } from "./local-blob-store.ts";
export { type S3Settings, s3BlobStore } from "./s3-blob-store.ts";
export { macMatches, selfAddress, urlMac } from "./signed-url.ts";
export { deleteUpload, readUpload, type UploadRecord, writeUpload } from "./upload-record.ts";
export { bytesMatchType, DECK_TYPES, UPLOAD_TYPES, type UploadType } from "./upload-types.ts";
