/** The light query: one fetch, to users. */
export const LIGHT = "{ me { id name } }";

/** The dashboard's newest captures, each with its topic and cards (captures → learning). */
export const DASHBOARD_CAPTURES = `captures(first: 50) { totalCount edges { node { id status tags
  topic { name } flashcards(first: 20) { front back interval } } } }`;

/** The dashboard's progress (progress, beside captures). */
export const DASHBOARD_PROGRESS = "progress { points level streak }";

/**
 * The dashboard a signed-in user opens: their name, their captures page and their progress.
 * The user has 30 processed captures, so learning resolves 30 topics and their cards. The
 * cards hang off the capture (`Capture.flashcards`, the same cards as `topic.flashcards`) to
 * stay within the default depth limit of 6. Its plan: bench/README.md, "Plan".
 */
export const DASHBOARD = `{ me { name ${DASHBOARD_CAPTURES} ${DASHBOARD_PROGRESS} } }`;
