import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Why an event is being written: the user acting and, when a consumer writes in reaction to
 * another event, that event. It travels with the async call chain, so an event built anywhere
 * below a gRPC call or a consumed event carries it without each call site passing it on.
 */
export interface EventCause {
  /** The user whose request (directly or through the events it caused) led to the change. */
  actorId?: string;
  /** Id of the event whose handling made this change. */
  causationId?: string;
}

const current = new AsyncLocalStorage<EventCause>();

/** Runs `fn` with `cause` as the cause of every event built inside it. */
export function withEventCause<T>(cause: EventCause, fn: () => T): T {
  return current.run(cause, fn);
}

/** The cause of the work in progress; empty outside any. */
export function currentEventCause(): EventCause {
  return current.getStore() ?? {};
}
