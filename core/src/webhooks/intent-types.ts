/** Plivo's `MessageIntent` values for inbound messages (empty when none). */
export const MESSAGE_INTENTS = ['optout', 'optin', 'help'] as const;

export type MessageIntent = (typeof MESSAGE_INTENTS)[number];
