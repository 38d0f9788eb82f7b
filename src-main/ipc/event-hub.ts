/** Typed push events from main to every connected renderer, whatever its transport. */
import type { EventName } from '../../src-shared/channels';
import type { EventPayload } from '../../src-shared/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  /** Sends an event to every subscriber. A failing subscriber does not stop the others. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A closed window or socket must not break delivery to the rest.
      }
    }
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
