import { randomUUID } from "node:crypto";
import { badUserInput, forbidden, notFound, rateLimited } from "@kai/errors";
import { ownerFilter, requireViewer } from "@kai/service";
import { findTopicsByIds } from "../../db/topics.repo.ts";
import type { MutationResolvers } from "../../generated/graphql.ts";
import { writeApkg } from "../apkg-format.ts";
import { writeCsv } from "../csv-format.ts";
import { findCardsOfTopics, findSubtree } from "../deck.repo.ts";
import { deckOf, exportFileName } from "../deck-export.ts";
import { countOpenExports, insertDeckExport } from "../deck-exports.repo.ts";
import { signedDownloadUrl } from "../download-url.ts";
import { exportKey, FORMAT_TYPES } from "../export-key.ts";

/** Export files one user may have waiting at once; each is a whole deck in the blob store. */
export const MAX_OPEN_EXPORTS = 10;

export const exportDeck: MutationResolvers["exportDeck"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const { secret, baseUrl, blobs } = ctx.decks;
  if (!secret) throw forbidden("Deck exports are not configured on this server");
  const now = new Date();
  if ((await countOpenExports(ctx.db, viewer.id, now)) >= MAX_OPEN_EXPORTS)
    throw rateLimited(
      `At most ${MAX_OPEN_EXPORTS} exports may wait for download at once; try again later`,
      ctx.env.DECK_EXPORT_URL_TTL_SECONDS,
    );
  const [root] = await findTopicsByIds(ctx.db, [args.topicId], ownerFilter(viewer));
  if (!root) throw notFound("Topic", args.topicId);
  const max = ctx.env.DECK_MAX_CARDS;
  const tree = await findSubtree(ctx.db, root.id);
  const cards = await findCardsOfTopics(
    ctx.db,
    tree.map((topic) => topic.id),
    max + 1,
  );
  if (cards.length > max)
    throw badUserInput(`A deck export holds at most ${max} cards; export a sub-topic`, "topicId");
  const deck = deckOf(root, tree, cards);
  const bytes = args.format === "APKG" ? await writeApkg(deck, now) : writeCsv(deck);
  const exportId = randomUUID();
  const expiresAt = new Date(now.getTime() + ctx.env.DECK_EXPORT_URL_TTL_SECONDS * 1000);
  // The row first, so the sweeper knows of every file that may exist.
  await insertDeckExport(ctx.db, { id: exportId, ownerId: viewer.id, expiresAt });
  await blobs.put(exportKey(exportId), bytes, FORMAT_TYPES[args.format]);
  const fileName = exportFileName(root.name, args.format);
  return {
    url: signedDownloadUrl(baseUrl(), { exportId, fileName, expiresAt }, secret),
    expiresAt,
    fileName,
    cardCount: deck.length,
  };
};
