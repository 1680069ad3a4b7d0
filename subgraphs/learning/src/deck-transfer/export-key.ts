import { checkKey } from "@kai/blob";

/** Where an export's file is kept in the blob store until its download URL is used. */
export const exportKey = (exportId: string) => checkKey(`deck-exports/${exportId.toLowerCase()}`);

/** The media type of each format's file. */
export const FORMAT_TYPES = { APKG: "application/apkg", CSV: "text/csv; charset=utf-8" } as const;
