// A tiny publish/subscribe bus: the carrier and the server publish, the page's Server-Sent Events stream subscribes.

export type SandboxEventType =
  | 'message.created'
  | 'message.status'
  | 'callback.attempt'
  | 'inbound.webhook'
  | 'optout.changed'
  /** A Verify session sent a code or had one checked. */
  | 'verify.session'
  | 'request'
  | 'fault'
  | 'reset'
  /** The data folder could not be written (see state-store.ts). */
  | 'storage';

export interface SandboxEvent {
  id: number;
  type: SandboxEventType;
  at: number;
  summary: string;
  data: Record<string, unknown>;
}

export type SandboxEventListener = (event: SandboxEvent) => void;

export class SandboxEventBus {
  private nextId = 1;
  private readonly listeners = new Set<SandboxEventListener>();

  publish(type: SandboxEventType, summary: string, data: Record<string, unknown> = {}): void {
    if (this.listeners.size === 0) return; // nobody watching (e.g. benchmarks): skip building events
    const event: SandboxEvent = { id: this.nextId++, type, at: Date.now(), summary, data };
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: SandboxEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
