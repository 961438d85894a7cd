// The account's numbers as the options give them: parsed, typed, and with their keyword handling resolved.
import { analyzeMessage } from '../encoding/index.js';
import { TextbridgeError } from '../errors/index.js';
import { MESSAGE_INTENTS } from '../webhooks/index.js';
import { resolveKeywordSettings } from './keywords.js';
import { parsePlivoNumber } from './numbers.js';
import type { ResolvedSandboxOptions } from './options.js';
import type { SandboxNumber } from './state.js';

function invalidNumberOption(field: string, message: string, hint: string): TextbridgeError {
  return new TextbridgeError('INVALID_INPUT', `Sandbox option "${field}" ${message}`, { field, hint });
}

export function accountNumbers(options: ResolvedSandboxOptions): SandboxNumber[] {
  const addedAt = Date.now();
  return options.numbers.map((entry, index) => {
    const input = typeof entry === 'string' ? { number: entry } : entry;
    const parsed = parsePlivoNumber(input.number);
    if (!parsed) {
      throw invalidNumberOption(`numbers[${index}]`, `is not a valid phone number: ${input.number}.`, 'Give each sandbox number in E.164 form, e.g. +14155552671.');
    }
    const keywords = resolveKeywordSettings(input.keywords, parsed.countryIso2);
    for (const intent of MESSAGE_INTENTS) {
      const reply = keywords.keywordReplies[intent];
      if (reply !== null && analyzeMessage(reply).exceedsPlivoLimit) {
        throw invalidNumberOption(
          `numbers[${index}].keywords.replies.${intent}`,
          'is longer than one SMS may be (1,600 GSM-7 or 737 Unicode characters).',
          'Shorten the reply text.',
        );
      }
    }
    const domestic = parsed.countryIso2 === 'US' || parsed.countryIso2 === 'CA';
    return {
      number: parsed.digits,
      e164: parsed.e164,
      alias: input.alias ?? null,
      appId: null,
      numberType:
        input.numberType ?? (parsed.type === 'toll-free' ? 'tollfree' : parsed.type === 'mobile' ? 'mobile' : 'local'),
      countryIso2: parsed.countryIso2,
      smsEnabled: true,
      mmsEnabled: domestic,
      voiceEnabled: true,
      addedAt,
      ...keywords,
    };
  });
}
