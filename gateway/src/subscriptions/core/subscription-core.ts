import type { Revocations, TokenVerifier } from "@kai/auth";
import type { EventEnvelope, EventFields, EventType } from "@kai/events";
import {
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  GraphQLError,
  getOperationAST,
  Kind,
} from "graphql";
import { argumentFilter } from "./argument-filter.ts";
import {
  authenticate,
  type ConnectionParams,
  REFUSALS,
  type Refusal,
  type Session,
} from "./authenticate.ts";
import { type Clock, systemClock } from "./clock.ts";
import { EventQueue } from "./event-queue.ts";
import { EventResults } from "./event-results.ts";
import { type ConnectionSlots, type SubscriptionLimits, SubscriptionSlots } from "./limits.ts";
import { executionKey, operationKey, SharedExecutions } from "./shared-executions.ts";
import { whenExpired } from "./token-expiry.ts";

/** Where the core gets one user's events: live, and replayed for a resuming client. */
export interface UserEventSource {
  /** Calls `listener` with each live event of `type` for `userId`; returns the unsubscribe. */
  listen(type: EventType, userId: string, listener: (event: EventEnvelope) => void): () => void;
  /** The events of `type` for `userId` that occurred after `since`, oldest first. */
  replay(type: EventType, userId: string, since: Date): Promise<readonly EventEnvelope[]>;
  /** Upstream subjects listened to now. */
  readonly subjects: number;
}

/** A subscribe message, after the transport parsed and validated it. */
export interface SubscriptionRequest<C> {
  document: DocumentNode;
  variables: Readonly<Record<string, unknown>> | undefined;
  operationName: string | undefined;
  /** The operation's context, handed to `execute` untouched. */
  context: C;
}

export interface SubscriptionCoreOptions<C> {
  verifier: TokenVerifier;
  /**
   * The verifier's revocations: when a user's tokens are revoked (their account deleted),
   * each of their connections whose token no longer verifies ends at once, not at expiry.
   */
  revocations: Pick<Revocations, "onRevoked">;
  /** Each Subscription field and the event type feeding it (the supergraph's `@event`s). */
  fields: EventFields;
  events: UserEventSource;
  /** Resolves the client's selection for one event across the supergraph. */
  execute(event: EventEnvelope, request: SubscriptionRequest<C>): Promise<ExecutionResult>;
  limits: SubscriptionLimits;
  /** Events held per subscription for a slow client; see EventQueueOptions. Default 100. */
  bufferLimit?: number;
  /** How long an event's result is reused by identical subscriptions. Default 30 s. */
  shareResultsMs?: number;
  /** Default the system clock; tests pass a ManualClock. */
  clock?: Clock;
}

export interface SubscriptionConnection<C> {
  readonly session: Session;
  /**
   * Starts a subscription: its events as results, replayed ones first when the connection
   * resumes. A refusal (over a limit, no event for the field) is a single result with errors.
   */
  subscribe(
    request: SubscriptionRequest<C>,
  ): AsyncIterableIterator<ExecutionResult> | ExecutionResult;
  /** Ends every subscription of the connection and forgets it; safe to call again. */
  close(): void;
}

export interface SubscriptionStats {
  connections: number;
  subscriptions: number;
  /** Upstream (NATS) subjects listened to: one per user and event type, however many sockets. */
  subjects: number;
}

export interface SubscriptionCore<C> {
  /**
   * Authenticates a new connection, or says why not. `onExpired` runs once, when the token
   * runs out or is revoked, for the transport to end the connection (it then calls `close`).
   */
  open(
    params: ConnectionParams,
    onExpired: (reason: Refusal) => void,
  ): Promise<SubscriptionConnection<C> | Refusal>;
  stats(): SubscriptionStats;
}

/**
 * The subscription server without a transport, as graphql-ws's `makeServer` is to its `ws`
 * adapter: authentication and token expiry, limits and their counters, replay before live
 * events, and one execution per event shared by identical subscriptions. It never touches a
 * socket; `use-ws.ts` wires it to graphql-ws.
 */
export function createSubscriptionCore<C>(
  options: SubscriptionCoreOptions<C>,
): SubscriptionCore<C> {
  const clock = options.clock ?? systemClock;
  const slots = new SubscriptionSlots(options.limits);
  const executions = new SharedExecutions<ExecutionResult>(options.shareResultsMs, clock);
  const open = new Set<Connection<C>>();
  const shared: Shared<C> = {
    options,
    executions,
    clock,
    forget: (connection) => open.delete(connection),
  };
  // The revoked user's connections verify their token again: a revocation voids the tokens
  // issued before it, so a connection opened with a newer one (a new sign-in) goes on.
  options.revocations.onRevoked((userId) => {
    for (const connection of open) {
      if (connection.session.viewer.id === userId) void connection.verifyAgain();
    }
  });

  return {
    async open(params, onExpired) {
      const session = await authenticate(params, options.verifier, clock.now());
      if (typeof session === "string") return session;
      const connection = new Connection(session, slots.forConnection(), shared, onExpired);
      connection.expireAtTokenExpiry();
      open.add(connection);
      return connection;
    },
    stats: () => ({
      connections: open.size,
      subscriptions: slots.total,
      subjects: options.events.subjects,
    }),
  };
}

interface Shared<C> {
  options: SubscriptionCoreOptions<C>;
  executions: SharedExecutions<ExecutionResult>;
  clock: Clock;
  forget(connection: Connection<C>): void;
}

class Connection<C> implements SubscriptionConnection<C> {
  private readonly streams = new Set<EventResults<EventEnvelope>>();
  private cancelExpiry = () => {};
  private closed = false;
  private ended = false;

  constructor(
    readonly session: Session,
    private readonly slots: ConnectionSlots,
    private readonly shared: Shared<C>,
    private readonly onEnded: (reason: Refusal) => void,
  ) {}

  expireAtTokenExpiry(): void {
    this.cancelExpiry = whenExpired(this.session.viewer.expiresAt, this.shared.clock, () =>
      this.end(REFUSALS.expired),
    );
  }

  /** Ends the connection when its token no longer verifies (it was revoked). */
  async verifyAgain(): Promise<void> {
    if (!(await this.tokenVerifies())) this.end(REFUSALS.revoked);
  }

  private tokenVerifies(): Promise<boolean> {
    return this.shared.options.verifier.verify(this.session.token).then(
      () => true,
      () => false,
    );
  }

  /**
   * An event's result, or undefined when a subgraph refused this connection's token because it
   * ran out (or was revoked) while the event was on its way. The connection then ends with
   * 4401, and the event is not sent as an error: the client's resume point stays before it, so
   * it comes again, replayed, once the client is back with a fresh token.
   */
  private async resultOf(event: EventEnvelope, request: SubscriptionRequest<C>, operation: string) {
    const { options, executions, clock } = this.shared;
    const key = executionKey(event.id, operation);
    const result = await executions.run(key, () => options.execute(event, request));
    if (!refusesToken(result)) return result;
    // No later run may meet this refusal: not the replay, nor another of the user's devices.
    executions.forget(key);
    if (await this.tokenVerifies()) {
      // The refused token may be another connection's, whose run this one shared: resolved
      // again with this one's own. Refused again (a subgraph misconfigured), the client gets
      // the error rather than reconnecting for ever.
      return options.execute(event, request);
    }
    const expired = this.session.viewer.expiresAt.getTime() <= clock.now();
    this.end(expired ? REFUSALS.expired : REFUSALS.revoked);
    return undefined;
  }

  // Once, and never after close: the transport ends the socket, which then calls close.
  private end(reason: Refusal): void {
    if (this.ended || this.closed) return;
    this.ended = true;
    this.onEnded(reason);
  }

  subscribe(
    request: SubscriptionRequest<C>,
  ): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    const { options } = this.shared;
    if (this.closed) return { errors: [new GraphQLError("This connection is closed")] };
    const root = rootField(request.document, request.operationName);
    const field = root?.name.value;
    const type = field === undefined ? undefined : options.fields.get(field);
    if (!type) return { errors: [new GraphQLError(`No event feeds subscription field ${field}`)] };
    const release = this.slots.take();
    if (release instanceof GraphQLError) return { errors: [release] };

    const { viewer, resumeAfter } = this.session;
    const operation = operationKey(request.document, request.variables);
    const queue = new EventQueue<EventEnvelope>({ limit: options.bufferLimit });
    let stopListening = () => {};
    const stream = new EventResults(
      queue,
      (event) => this.resultOf(event, request, operation),
      () => {
        stopListening();
        release();
        this.streams.delete(stream);
      },
    );
    // Results are shared by event id, so an event of another user that a source let through
    // would carry that user's payload: refused here whatever the source does.
    const asked = argumentFilter(root?.arguments ?? [], request.variables);
    const wanted = (event: EventEnvelope) => event.userId === viewer.id && asked(event);
    // Listening starts before the replay is asked for, so no event falls between the two.
    stopListening = options.events.listen(type, viewer.id, (event) => {
      if (wanted(event)) queue.push(event);
    });
    if (resumeAfter) {
      const missed = options.events.replay(type, viewer.id, resumeAfter);
      queue.replayFirst(missed.then((events) => events.filter(wanted)));
    }
    this.streams.add(stream);
    return stream;
  }

  close(): void {
    this.closed = true;
    this.cancelExpiry();
    for (const stream of [...this.streams]) stream.finish();
    this.shared.forget(this);
  }
}

const refusesToken = (result: ExecutionResult) =>
  result.errors?.some((error) => error.extensions?.code === "UNAUTHENTICATED") ?? false;

function rootField(
  document: DocumentNode,
  operationName: string | undefined,
): FieldNode | undefined {
  const selection = getOperationAST(document, operationName)?.selectionSet.selections[0];
  return selection?.kind === Kind.FIELD ? selection : undefined;
}
