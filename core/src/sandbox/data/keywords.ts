// Data module: the auto-replies the sandbox carrier sends for keyword messages, like Plivo does on US/CA long codes
// and toll-free numbers. Which texts are keywords comes from core's webhook keyword table (OPT_KEYWORDS).
import type { MessageIntent } from '../../webhooks/index.js';

export const AUTO_REPLIES: Readonly<Partial<Record<MessageIntent, string>>> = {
  help: 'Textbridge Sandbox: this is a test number. Reply STOP to unsubscribe, START to resubscribe. Msg&data rates may apply.',
};
