// Data module: whole-message keywords that mean opt-out, opt-in or help on US/CA long codes and toll-free
// numbers. Used only when Plivo's own `MessageIntent` is absent (short codes, other countries, older payloads).
//
// Which keywords are honoured, and why:
// - Opt-out: Plivo's current STOP, END, QUIT plus the older CANCEL, UNSUB, UNSUBSCRIBE, STOP ALL, and the CTIA
//   spelling STOPALL. Missing an opt-out is a compliance failure; none of these words is an ordinary reply.
// - Help: HELP, INFO.
// - Opt-in: START, UNSTOP, and the older RESUME. The older YES and GO are NOT honoured: they are everyday answers
//   ("Reply YES to confirm your appointment"), and reading them as an opt-in would re-subscribe people or
//   mislabel ordinary replies. When Plivo itself sends MessageIntent=optin for them, that intent is kept.
import type { MessageIntent } from './intent-types.js';

export const OPT_KEYWORDS: Readonly<Record<MessageIntent, readonly string[]>> = {
  optout: ['STOP', 'STOP ALL', 'STOPALL', 'END', 'QUIT', 'CANCEL', 'UNSUB', 'UNSUBSCRIBE'],
  optin: ['START', 'UNSTOP', 'RESUME'],
  help: ['HELP', 'INFO'],
};

/** Older keywords deliberately not read as opt-in (see above). */
export const IGNORED_OPT_IN_KEYWORDS: readonly string[] = ['YES', 'GO'];
