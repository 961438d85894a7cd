// Preloaded into n8n (NODE_OPTIONS=--import) by the n8n benchmark and the peer comparison. n8n's built-in Plivo and
// Twilio nodes hard-code https://api.plivo.com and https://api.twilio.com; this answers those origins from loopback
// servers instead (the Textbridge sandbox; the comparison's recording stand-in for Twilio), inside the n8n process,
// with nock forwarding each request (method, path, query, Basic auth, body) and returning the answer. Other loopback
// traffic passes through; any other host is refused. Inert unless TEXTBRIDGE_NOCK_PATH and a target are set.
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { URL, pathToFileURL } from 'node:url';

const nockPath = process.env.TEXTBRIDGE_NOCK_PATH;
/** Each redirected origin and the loopback server answering it. */
const targets = [
  ['https://api.plivo.com', process.env.TEXTBRIDGE_PLIVO_REDIRECT_TARGET],
  ['https://api.twilio.com', process.env.TEXTBRIDGE_TWILIO_REDIRECT_TARGET],
].filter(([, target]) => target);
const FORWARDED_HEADERS = ['authorization', 'content-type', 'accept', 'user-agent'];

if (targets.length > 0 && nockPath) {
  const { default: nock } = await import(pathToFileURL(nockPath).href);
  const agent = new Agent({ keepAlive: true });

  /** Sends the intercepted request (a Fetch API Request, as nock 15 hands it) to `target`; nock's reply array. */
  const forward = (target) => async (intercepted) => {
    const { pathname, search } = new URL(intercepted.url);
    const payload = intercepted.method === 'GET' ? '' : await intercepted.text();
    const headers = {};
    for (const name of FORWARDED_HEADERS) {
      const value = intercepted.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    if (payload !== '') headers['content-length'] = String(Buffer.byteLength(payload));
    return await new Promise((resolve, reject) => {
      const req = request(new URL(pathname + search, target), { method: intercepted.method, headers, agent }, (res) => {
        const parts = [];
        res.on('data', (part) => parts.push(part));
        res.on('end', () => {
          const contentType = res.headers['content-type'] ?? 'application/json';
          resolve([res.statusCode ?? 502, Buffer.concat(parts).toString('utf8'), { 'content-type': contentType }]);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  };

  // Loopback only, as everywhere in this project: nothing from this n8n process may reach another host.
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  for (const [origin, target] of targets) {
    const scope = nock(origin).persist();
    for (const method of ['GET', 'POST', 'DELETE']) scope.intercept(() => true, method).reply(forward(target));
  }
}
