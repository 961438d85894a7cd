// Sandbox-only endpoints under /__sandbox/ (no auth, never part of Plivo's API): a state snapshot for the page and
// tests, reset, texts from virtual phones, and the live event stream (Server-Sent Events).
import type { ServerResponse } from 'node:http';
import { z } from 'zod/v4';
import type { ApiRequest, SandboxContext } from '../context.js';
import { DELIVERY_RULES } from '../data/delivery-rules.js';
import type { SandboxEvent } from '../events.js';
import { plivoRequestError, type Reply } from '../http.js';
import { parsePlivoNumber } from '../numbers.js';
import { accountPath, newApiId } from '../shapes.js';
import type { SandboxMessage } from '../state.js';
import { sessionStatus } from '../verify-session.js';

const inboundSchema = z.object({
  from: z.union([z.string(), z.number().transform(String)]),
  to: z.union([z.string(), z.number().transform(String)]),
  text: z.string().default(''),
  type: z.enum(['sms', 'mms']).default('sms'),
  media_urls: z.union([z.string().transform((url) => [url]), z.array(z.string())]).default([]),
});

export type InboundRequest = z.input<typeof inboundSchema>;

/** Validates a text from a virtual phone and hands it to the carrier. */
export function receiveFromPhone(ctx: SandboxContext, input: unknown): SandboxMessage {
  const parsed = inboundSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'request');
    throw plivoRequestError(400, `${field} is missing or invalid: send {"from", "to", "text"}`, field);
  }
  const { from, to, text, type, media_urls: mediaUrls } = parsed.data;
  const phone = parsePlivoNumber(from);
  if (!phone) throw plivoRequestError(400, `'${from}' is not a valid phone number.`, 'from');
  const toDigits = parsePlivoNumber(to)?.digits ?? to.replace(/\D/g, '');
  const number = ctx.state.numbers.get(toDigits);
  if (!number) throw plivoRequestError(404, `'${to}' is not a number of this account`, 'to');
  if (text.trim() === '' && mediaUrls.length === 0) throw plivoRequestError(400, 'text is required', 'text');
  if (phone.digits === number.number) throw plivoRequestError(400, 'from and to cannot be the same number', 'from');
  return ctx.carrier.receiveInbound({ from: phone, to: number, text, type, mediaUrls });
}

export function postInbound(request: ApiRequest): Reply {
  const message = receiveFromPhone(request.ctx, request.params);
  return { status: 202, body: { api_id: newApiId(), message: 'message received', message_uuid: message.uuid } };
}

const DEFAULT_SNAPSHOT_MESSAGES = 500;

export function snapshot(ctx: SandboxContext, messageLimit = DEFAULT_SNAPSHOT_MESSAGES): Record<string, unknown> {
  const { state, options } = ctx;
  return {
    account: { authId: options.authId, resourceUri: accountPath(options.authId) },
    settings: {
      deliveryDelayMs: options.deliveryDelayMs,
      latencyMs: options.latencyMs,
      rateLimit: options.rateLimit,
      faults: options.faults,
    },
    numbers: [...state.numbers.values()].map((number) => ({
      ...number,
      application: number.appId === null ? null : (state.applications.get(number.appId) ?? null),
    })),
    applications: [...state.applications.values()],
    messageCount: state.messages.length,
    messages: state.messages.slice(-messageLimit),
    optOuts: state.optOuts,
    faultCounts: state.faultCounts,
    requestCounts: state.requestCounts,
    callbacks: state.callbacks.slice(-messageLimit),
    // With their codes, for tests and demos: what the person would read on their phone.
    verifySessions: [...state.verifySessions.values()].slice(-messageLimit).map((session) => ({
      ...session,
      status: sessionStatus(session, Date.now()),
    })),
    deliveryRules: DELIVERY_RULES,
  };
}

export function getState(request: ApiRequest): Reply {
  const raw = request.url.searchParams.get('limit');
  const limit = raw !== null && /^\d+$/.test(raw) ? Number(raw) : DEFAULT_SNAPSHOT_MESSAGES;
  return { status: 200, body: snapshot(request.ctx, limit) };
}

export function postReset(request: ApiRequest): Reply {
  request.ctx.reset();
  return { status: 200, body: { message: 'reset' } };
}

const HEARTBEAT_MS = 15_000;

/** Keeps a Server-Sent Events stream open, forwarding every sandbox event; returns a function that closes it. */
export function openEventStream(ctx: SandboxContext, res: ServerResponse): () => void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 1000\n\n');
  const send = (event: SandboxEvent): void => {
    res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const unsubscribe = ctx.events.subscribe(send);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  };
  res.on('close', close);
  return close;
}
