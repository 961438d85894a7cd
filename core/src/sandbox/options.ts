// Options of startSandbox(): one zod schema gives validation, defaults and the types.
import { z } from 'zod/v4';
import { TextbridgeError } from '../errors/index.js';
import { OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS } from './data/keywords.js';
import { VERIFY_DEFAULTS } from './data/verify.js';

/** Fixed demo credentials, printed by the CLI: the sandbox is local test infrastructure, never a real account. */
export const SANDBOX_DEFAULT_AUTH_ID = 'MATEXTBRIDGESANDBOX1';
export const SANDBOX_DEFAULT_AUTH_TOKEN = 'TextbridgeSandboxDemoAuthToken0000000000';
/** Numbers the demo account owns: a US long code, a US toll-free number, a Canadian and a British mobile number. */
export const SANDBOX_DEFAULT_NUMBERS = ['+14155552671', '+18885550199', '+16045550199', '+447520123456'] as const;

const probability = z.number().min(0).max(1);
const nonNegativeInt = z.number().int().min(0);

/** A carrier answer: the text, or null for none. */
const replyText = z.string().trim().min(1).nullable();

const keywordSettingsSchema = z.object({
  /**
   * Who deals with STOP / HELP / START texts to this number: `carrier` (Plivo's DND: answers, blocks opted-out
   * phones, sets MessageIntent) or `application` (they arrive as ordinary texts). Default: `carrier` for US and
   * Canadian numbers, `application` elsewhere, as on Plivo.
   */
  handling: z.enum(['carrier', 'application']).optional(),
  /** The carrier's answers by intent (default: Plivo's documented texts; null sends none). */
  replies: z.object({ help: replyText.optional(), optout: replyText.optional(), optin: replyText.optional() }).optional(),
});

const sandboxNumberSchema = z.object({
  number: z.string().min(1),
  alias: z.string().nullable().optional(),
  numberType: z.enum(['local', 'tollfree', 'mobile']).optional(),
  keywords: keywordSettingsSchema.optional(),
});

const windowSchema = z.object({ requests: z.number().int().min(1), windowMs: z.number().int().min(1) });

export const sandboxOptionsSchema = z.object({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  authId: z
    .string()
    .regex(/^(MA|SA)[A-Z0-9]{18}$/, 'an Auth ID is 20 capital letters and digits starting with MA or SA')
    .default(SANDBOX_DEFAULT_AUTH_ID),
  authToken: z.string().min(8).default(SANDBOX_DEFAULT_AUTH_TOKEN),
  /** Added to every API answer. */
  latencyMs: nonNegativeInt.default(0),
  /** Plivo's limits; `false` turns limiting off (benchmarks). */
  rateLimit: z
    .union([
      z.literal(false),
      z.object({
        requests: z.number().int().min(1).default(300),
        windowMs: z.number().int().min(1).default(5000),
        /** The List Messages API has its own, much lower limit; `false` lifts it. */
        listMessages: z.union([z.literal(false), windowSchema]).default({ requests: 20, windowMs: 60_000 }),
      }),
    ])
    .default({ requests: 300, windowMs: 5000, listMessages: { requests: 20, windowMs: 60_000 } }),
  /** Probabilities per API request (drawn from the seeded generator). See faults.ts for when each one strikes. */
  faults: z
    .object({
      error500: probability.default(0),
      error503: probability.default(0),
      reset: probability.default(0),
      slow: z.object({ probability, ms: nonNegativeInt }).optional(),
    })
    .default({ error500: 0, error503: 0, reset: 0 }),
  /** Time each lifecycle step takes: queued -> sent/failed, then sent -> delivered/undelivered. */
  deliveryDelayMs: nonNegativeInt.default(500),
  /** Waits before the retries of a status callback that got no 2xx answer (Plivo: 60 s, 120 s, 240 s). */
  callbackRetryDelaysMs: z.array(nonNegativeInt).default([60_000, 120_000, 240_000]),
  /** How long a webhook receiver may take to answer before the attempt counts as failed (Plivo: 8 s). */
  callbackTimeoutMs: z.number().int().min(1).default(8000),
  /** Numbers the account owns (E.164, or Plivo's digits); the first one is the default sender of the page. */
  numbers: z.array(z.union([z.string().min(1), sandboxNumberSchema])).min(1).default([...SANDBOX_DEFAULT_NUMBERS]),
  /** Seed of the generator behind fault injection. */
  seed: z.number().int().default(1),
  /**
   * Multiplies `message_expiry` waits and the Verify code expiry, so a test can watch a congested message or a
   * verification code expire in milliseconds (e.g. 0.001 turns the 5 s minimum into 5 ms).
   */
  expiryScale: z.number().positive().default(1),
  /** How long a Verify code (and its session) stays valid, like a Verify application's code expiry (Plivo: 10 min). */
  verifyCodeExpirySeconds: z.number().int().min(1).default(VERIFY_DEFAULTS.codeExpirySeconds),
  /** ISO 3166 alpha-2 countries outside the account's geo permissions: sends there get Plivo's 403. */
  blockedCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
  /**
   * After a STOP, how long one more message to the phone is still delivered (Plivo: 5 minutes, for the
   * application's acknowledgement; used up by the carrier's own confirmation when it sends one).
   */
  optOutAcknowledgementWindowMs: nonNegativeInt.default(OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS),
  /**
   * Folder keeping the sandbox's state between runs (numbers' wiring, applications, media, messages, opt-outs);
   * created if missing. Without it the sandbox forgets everything when it stops. See state-store.ts.
   */
  dataDir: z.string().trim().min(1).optional(),
});

export type SandboxOptions = z.input<typeof sandboxOptionsSchema>;
export type ResolvedSandboxOptions = z.output<typeof sandboxOptionsSchema>;
export type SandboxNumberInput = z.input<typeof sandboxNumberSchema>;
export type SandboxKeywordSettings = z.input<typeof keywordSettingsSchema>;
export type SandboxFaultOptions = ResolvedSandboxOptions['faults'];

export function resolveSandboxOptions(options: unknown): ResolvedSandboxOptions {
  const parsed = sandboxOptionsSchema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'options';
  throw new TextbridgeError('INVALID_INPUT', `Sandbox option "${field}" is invalid: ${issue?.message ?? 'unknown problem'}.`, {
    field,
    hint: 'Check the options passed to startSandbox() (or the CLI flags); see the SandboxOptions type for each one.',
  });
}
