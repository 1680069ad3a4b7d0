import type { CaptureResolvers } from "../generated/graphql.ts";
import { captureFlashcards } from "./lists.ts";

/** Looked up among the viewer's topics, so another user's capture has no topic and no cards here. */
export const Capture: CaptureResolvers = {
  topic: (capture, _, ctx) => ctx.loaders.topicByCaptureId.load(capture.id),
  // By capture, not by its topic: the cards load beside the topic, not after it.
  flashcards: (capture, args, ctx) => captureFlashcards(ctx, capture.id, args),
};
