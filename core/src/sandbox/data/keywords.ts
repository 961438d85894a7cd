// Data module: how Plivo's carrier side treats STOP / HELP / START, per its "DND Service" page
// (https://docs.plivo.com/docs/messaging/concepts/dnd-service/) and its support answer "Can I reply to customers
// who have opted out?" (https://support.plivo.com/hc/en-us/articles/360041786171). Which texts are keywords comes
// from core's webhook keyword table (OPT_KEYWORDS); the algorithm is in ../keywords.ts.
//
// - Plivo's DND is on by default for long codes and toll-free numbers in the US and Canada: Plivo answers HELP/INFO,
//   blocks a number that texted STOP (later sends fail with error 200) and confirms the opt-out; START opts back in.
//   The application still receives every keyword message, with `MessageIntent` set.
// - Elsewhere Plivo does nothing with keywords: they reach the application as ordinary texts (no MessageIntent), and
//   answering, confirming and honouring opt-outs is the application's job.
// - After a STOP, one message may still reach the opted-out phone within five minutes (an acknowledgement). When
//   the carrier confirms the opt-out itself, that confirmation is the one message (see ../keywords.ts for why).
import type { MessageIntent } from '../../webhooks/index.js';

export type KeywordHandling = 'carrier' | 'application';

/** Countries whose long codes and toll-free numbers get Plivo's keyword handling by default. */
export const CARRIER_KEYWORD_COUNTRIES: readonly string[] = ['US', 'CA'];

/**
 * The carrier's answers, worded as Plivo documents them. Plivo documents no answer to START on long codes, so the
 * sandbox sends none (the application sees MessageIntent=optin and may answer).
 */
export const CARRIER_KEYWORD_REPLIES: Readonly<Record<MessageIntent, string | null>> = {
  help: 'Text STOP to stop receiving messages from this number. Message and data rates may apply.',
  optout: 'You have been unsubscribed and will not receive any more messages from this number.',
  optin: null,
};

/** How long after a STOP the one acknowledgement may still be delivered (Plivo: five minutes). */
export const OPT_OUT_ACKNOWLEDGEMENT_WINDOW_MS = 5 * 60_000;
