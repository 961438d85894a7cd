// Plays AWS Lambda for a Zapier build: run as `node lambda-runner.mjs <unzipped build>/zapierwrapper.js` with an IPC
// channel, on Zapier's runtime Node. It loads the handler the build put in zapierwrapper.js once, as a cold start
// does, then runs each event the parent sends through it, one after the other, as a warm container does.
// Kept as plain JavaScript: it runs on the runtime Node, outside the repository's TypeScript tooling.
import { pathToFileURL } from 'node:url';

const send = (message) => new Promise((resolve) => process.send(message, resolve));

/** Errors cross the IPC channel as plain data: what a Zapier error carries (name, message) and where it came from. */
const describe = (error) => ({
  name: error?.name ?? 'Error',
  message: String(error?.message ?? error),
  stack: String(error?.stack ?? ''),
});

let handler;
try {
  ({ handler } = await import(pathToFileURL(process.argv[2]).href));
} catch (error) {
  await send({ type: 'load-failed', error: describe(error) });
  process.exit(1);
}

process.on('message', async ({ id, event }) => {
  try {
    await send({ type: 'result', id, output: await handler(event, {}) });
  } catch (error) {
    await send({ type: 'result', id, error: describe(error) });
  }
});
process.on('disconnect', () => process.exit(0));
await send({ type: 'ready', node: process.version, handlerArity: handler.length });
