// What every route handler gets: the sandbox's parts and the parsed request.
import type { SandboxCarrier } from './carrier.js';
import type { SandboxEventBus } from './events.js';
import type { Params } from './http.js';
import type { ResolvedSandboxOptions } from './options.js';
import type { SandboxState } from './state.js';

export interface SandboxContext {
  options: ResolvedSandboxOptions;
  state: SandboxState;
  carrier: SandboxCarrier;
  events: SandboxEventBus;
  startedAt: number;
  /** Forgets traffic and counters and cancels in-flight deliveries (numbers and applications stay); see Sandbox.reset. */
  reset(): void;
}

export interface ApiRequest {
  method: string;
  url: URL;
  /** Query parameters merged with the body parameters (body wins). */
  params: Params;
  /** Captures of the route pattern, e.g. the message UUID. */
  pathParams: string[];
  requesterIp: string;
  /** `http://host:port` the client used, for absolute URLs in answers. */
  origin: string;
  ctx: SandboxContext;
}
