/** The light query: one fetch, to users. */
export const LIGHT = "{ me { id name } }";

/**
 * The dashboard a signed-in user opens: their newest captures, each with its topic and cards
 * (users → captures → learning), and their progress (progress, beside captures). Three
 * sequential fetches in the plan; the user has 30 processed captures, so learning resolves 30
 * topics and their cards. The cards hang off the capture (`Capture.flashcards`, the same
 * cards as `topic.flashcards`) to stay within the default depth limit of 6.
 */
export const DASHBOARD = `{ me { name
  captures(first: 50) { totalCount edges { node { id status tags topic { name }
    flashcards(first: 20) { front back interval } } } }
  progress { points level streak } } }`;
