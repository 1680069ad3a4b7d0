/** A deck file that cannot be read at all; its message is the job's failure reason. */
export class DeckFileError extends Error {}
