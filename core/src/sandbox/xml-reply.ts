// Reads the `<Response><Message …>text</Message></Response>` XML a message_url may answer with, so the sandbox can
// send those replies like Plivo does. Only the Message element matters for messaging; anything else is ignored.

export interface XmlReplyMessage {
  src?: string;
  dst?: string;
  type?: string;
  callbackUrl?: string;
  callbackMethod?: string;
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

function decodeCdataAndEntities(text: string): string {
  return text
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeEntities(part)))
    .join('');
}

function readAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const name = match[1];
    if (name) attributes[name] = decodeEntities(match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** The Message elements of a `<Response>` document; empty for any other body (an empty 2xx is a valid answer). */
export function parseXmlReply(body: string): XmlReplyMessage[] {
  if (!/<Response[\s>/]/.test(body)) return [];
  const messages: XmlReplyMessage[] = [];
  for (const match of body.matchAll(/<Message(\s[^>]*)?>([\s\S]*?)<\/Message\s*>/g)) {
    const attributes = readAttributes(match[1] ?? '');
    const message: XmlReplyMessage = { text: decodeCdataAndEntities(match[2] ?? '').trim() };
    if (attributes.src !== undefined) message.src = attributes.src;
    if (attributes.dst !== undefined) message.dst = attributes.dst;
    if (attributes.type !== undefined) message.type = attributes.type;
    if (attributes.callbackUrl !== undefined) message.callbackUrl = attributes.callbackUrl;
    if (attributes.callbackMethod !== undefined) message.callbackMethod = attributes.callbackMethod;
    messages.push(message);
  }
  return messages;
}
