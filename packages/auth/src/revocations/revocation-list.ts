/**
 * How long a revocation is remembered. Every access token lives less than this (the verifier
 * refuses a token whose `iat` is older), so a revocation older than this voids nothing that
 * could still verify, and is forgotten: the list stays as small as a day's revocations.
 */
export const REVOCATION_RETENTION_MS = 24 * 60 * 60 * 1000;

/** What a verifier asks of revocations; kept in memory, so asking costs no I/O. */
export interface Revocations {
  /** Whether `userId`'s access token issued at `issuedAt` has been revoked. */
  isRevoked(userId: string, issuedAt: Date): boolean;
  /**
   * Calls `listener` with the user's id each time their tokens are revoked, after the list
   * already says so (a listener may re-verify a token). Returns what stops the calls.
   */
  onRevoked(listener: (userId: string) => void): () => void;
}

export interface RevocationListOptions {
  /** Default REVOCATION_RETENTION_MS. */
  retainMs?: number;
  /** Default the system clock; tests pass their own. */
  now?: () => number;
}

/**
 * Per user, the instant before which their access tokens are void ("tokens issued before T"):
 * one entry revokes every token of theirs at once, whichever replica issued it, and tokens
 * issued afterwards (a new sign-in) verify again. Pure and in memory; nats-revocations.ts
 * fills it from the shared bucket.
 */
export class RevocationList implements Revocations {
  private readonly cutoffs = new Map<string, number>();
  private readonly listeners = new Set<(userId: string) => void>();
  private readonly retainMs: number;
  private readonly now: () => number;
  private lastPruned = 0;

  constructor(options: RevocationListOptions = {}) {
    this.retainMs = options.retainMs ?? REVOCATION_RETENTION_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * Voids the user's tokens issued before `notBefore`. A cut-off earlier than the one held
   * changes nothing (entries arrive from many writers, in any order); answers whether it did.
   */
  revoke(userId: string, notBefore: Date): boolean {
    const cutoff = notBefore.getTime();
    if (Number.isNaN(cutoff) || cutoff <= (this.cutoffs.get(userId) ?? -Infinity)) return false;
    if (cutoff <= this.now() - this.retainMs) return false;
    this.cutoffs.set(userId, cutoff);
    this.prune();
    for (const listener of [...this.listeners]) listener(userId);
    return true;
  }

  isRevoked(userId: string, issuedAt: Date): boolean {
    const cutoff = this.cutoffs.get(userId);
    return cutoff !== undefined && issuedAt.getTime() < cutoff;
  }

  onRevoked(listener: (userId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Users with a revocation still remembered. */
  get size(): number {
    return this.cutoffs.size;
  }

  // At most once a minute: a burst of revocations does not rescan the list each time.
  private prune(): void {
    const now = this.now();
    if (now - this.lastPruned < 60_000) return;
    this.lastPruned = now;
    for (const [userId, cutoff] of this.cutoffs) {
      if (cutoff <= now - this.retainMs) this.cutoffs.delete(userId);
    }
  }
}
