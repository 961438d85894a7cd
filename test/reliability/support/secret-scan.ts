// Collects everything a part of the suite shows to a user or a log (console lines, process output, error messages and
// their JSON, node and Zapier outputs, child-process logs) and finds auth tokens in it.

/** The forms an auth token takes on the wire: itself, and the Basic Authorization value (with and without "Basic "). */
export function secretForms(authId: string, authToken: string): string[] {
  const basic = Buffer.from(`${authId}:${authToken}`).toString('base64');
  return [authToken, basic, `Basic ${basic}`];
}

export interface SecretLedger {
  /** Adds text (or anything: objects are JSON-serialised, errors with their message, stack and JSON). */
  record(what: string, value: unknown): void;
  /** How many texts were recorded. */
  size(): number;
  /** Every recorded text holding a secret form, with where it came from. */
  leaks(secrets: readonly string[]): { what: string; secret: string }[];
  /** Starts copying console and stdout/stderr writes into the ledger; returns the function that stops it. */
  captureProcessOutput(): () => void;
}

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof Error) {
    const texts = [value.message, value.stack ?? ''];
    try {
      texts.push(JSON.stringify(value));
    } catch {
      // A circular cause: message and stack are still checked.
    }
    if (value.cause !== undefined) texts.push(...textsOf(value.cause));
    return texts;
  }
  try {
    return [JSON.stringify(value) ?? String(value)];
  } catch {
    return [String(value)];
  }
}

export function createSecretLedger(): SecretLedger {
  const entries: { what: string; text: string }[] = [];
  const record = (what: string, value: unknown): void => {
    for (const text of textsOf(value)) entries.push({ what, text });
  };
  return {
    record,
    size: () => entries.length,
    leaks: (secrets) =>
      entries.flatMap(({ what, text }) => secrets.filter((secret) => text.includes(secret)).map((secret) => ({ what, secret }))),
    captureProcessOutput: () => {
      const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
      const originals = methods.map((name) => console[name]);
      methods.forEach((name, i) => {
        console[name] = (...args: unknown[]) => {
          args.forEach((arg) => record(`console.${name}`, arg));
          originals[i]!.apply(console, args);
        };
      });
      const streams = [process.stdout, process.stderr] as const;
      const writes = streams.map((stream) => stream.write);
      streams.forEach((stream, i) => {
        stream.write = ((chunk: unknown, ...rest: unknown[]) => {
          record(i === 0 ? 'stdout' : 'stderr', Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
          return (writes[i] as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
        }) as typeof stream.write;
      });
      return () => {
        methods.forEach((name, i) => (console[name] = originals[i]!));
        streams.forEach((stream, i) => (stream.write = writes[i]!));
      };
    },
  };
}
