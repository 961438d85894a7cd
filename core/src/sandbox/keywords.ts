// Keyword handling per number, the way Plivo's carrier side does it. Sources, defaults and texts: data/keywords.ts.
import { matchOptKeyword, type MessageIntent } from '../webhooks/index.js';
import { CARRIER_KEYWORD_COUNTRIES, CARRIER_KEYWORD_REPLIES, type KeywordHandling } from './data/keywords.js';
import type { SandboxKeywordSettings } from './options.js';
import type { SandboxMessage, SandboxNumber, SandboxOptOut } from './state.js';

export function defaultKeywordHandling(countryIso2: string): KeywordHandling {
  return CARRIER_KEYWORD_COUNTRIES.includes(countryIso2) ? 'carrier' : 'application';
}

/** A number's keyword settings: the given ones over the defaults of its country. */
export function resolveKeywordSettings(
  settings: SandboxKeywordSettings | undefined,
  countryIso2: string,
): Pick<SandboxNumber, 'keywordHandling' | 'keywordReplies'> {
  const replies = settings?.replies ?? {};
  return {
    keywordHandling: settings?.handling ?? defaultKeywordHandling(countryIso2),
    keywordReplies: {
      help: replies.help === undefined ? CARRIER_KEYWORD_REPLIES.help : replies.help,
      optout: replies.optout === undefined ? CARRIER_KEYWORD_REPLIES.optout : replies.optout,
      optin: replies.optin === undefined ? CARRIER_KEYWORD_REPLIES.optin : replies.optin,
    },
  };
}

/**
 * Plivo's `MessageIntent` for a text reaching `number`: the keyword's meaning where the carrier handles keywords,
 * '' elsewhere (there the application reads keywords itself; core's webhook parser falls back to its table).
 */
export function carrierIntent(number: SandboxNumber, text: string): MessageIntent | '' {
  if (number.keywordHandling !== 'carrier') return '';
  return matchOptKeyword(text)?.intent ?? '';
}

/**
 * Whether a message to a phone that opted out still goes through. Plivo's DND page says the carrier confirms the
 * opt-out; its support answer lets at most one message reach an opted-out phone, within five minutes of the STOP.
 * Read together: one message after a STOP — the carrier's confirmation, or, when the number's carrier sends none,
 * the application's first message inside the window. The carrier's own answers (origin `auto-reply`) always pass.
 * Records the message that uses the allowance.
 */
export function passesOptOut(optOut: SandboxOptOut, message: SandboxMessage, windowMs: number): boolean {
  if (message.origin === 'auto-reply') return true;
  // Asked again for the message that already used the allowance (resumed after a restart): still let through.
  if (optOut.acknowledgedBy !== null) return optOut.acknowledgedBy === message.uuid;
  if (message.createdAt - optOut.at >= windowMs) return false;
  optOut.acknowledgedBy = message.uuid;
  return true;
}
