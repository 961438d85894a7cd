// The built package as n8n loads it: plain Node `require()` of every file listed in package.json's `n8n` section
// (run `npm run build` first; the root `npm test` does). It must expose the classes n8n looks for, load without
// undici, and require nothing at runtime but n8n-workflow, zod (both provided by n8n), crypto and its own files.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

const probe = `
const Module = require('node:module');
const path = require('node:path');
const required = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { required.add(request); return load.call(this, request, ...rest); };
const pkg = require(path.join(process.cwd(), 'package.json'));
const loaded = [];
for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) {
  const exported = require(path.join(process.cwd(), file));
  const className = path.basename(file).split('.')[0];
  const instance = new exported[className]();
  const description = instance.description ?? instance;
  loaded.push({ file, className, name: description.name, icon: description.icon });
}
const external = [...required].filter((request) => !request.startsWith('.') && !path.isAbsolute(request));
console.log(JSON.stringify({ loaded, external }));
`;

describe('built dist', () => {
  it('loads every credential and node with require(), without undici', () => {
    expect(existsSync(join(packageDir, 'dist')), 'run `npm run build` first').toBe(true);
    const out = execFileSync(process.execPath, ['-e', probe], { cwd: packageDir, encoding: 'utf8' });
    const { loaded, external } = JSON.parse(out) as {
      loaded: { className: string; name: string; icon: { light: string; dark: string } }[];
      external: string[];
    };

    expect(loaded.map((entry) => [entry.className, entry.name])).toEqual([
      ['PlivoSmsApi', 'plivoSmsApi'],
      ['PlivoSms', 'plivoSms'],
      ['PlivoSmsTrigger', 'plivoSmsTrigger'],
      ['PlivoSmsPollTrigger', 'plivoSmsPollTrigger'],
    ]);
    for (const entry of loaded) expect(entry.icon.light).not.toBe(entry.icon.dark);
    expect(external).not.toContain('undici');
    // What our bundles require directly: n8n-workflow and Node built-ins (n8n-workflow's own imports follow it).
    expect(external).toContain('n8n-workflow');
  });

  it('bundles core once and its dependencies: the files require only n8n-workflow, zod, crypto and the shared core', () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      n8n: { credentials: string[]; nodes: string[] };
      dependencies?: unknown;
    };
    expect(pkg.dependencies).toBeUndefined();
    const allowed = (name: string) => ['n8n-workflow', 'zod/v4', 'node:crypto'].includes(name);
    for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes, 'dist/lib/textbridge-core.js']) {
      const code = readFileSync(join(packageDir, file), 'utf8');
      const requires = new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!));
      const outside = [...requires].filter((name) => !allowed(name) && !name.endsWith('/lib/textbridge-core.js'));
      expect(outside, file).toEqual([]);
    }
  });

  // Queue mode: an n8n external hook file (EXTERNAL_HOOK_FILES, loaded by every n8n process) requires the shared core
  // file and plugs a shared nonce store in. The trigger, loaded as n8n loads it, must then spend nonces there.
  it('exports setDefaultNonceStore from the shared core file, and the built trigger spends nonces in the store set there', () => {
    const plug = `
const crypto = require('node:crypto');
const path = require('node:path');
const core = require(path.join(process.cwd(), 'dist/lib/textbridge-core.js'));
const { PlivoSmsTrigger } = require(path.join(process.cwd(), 'dist/nodes/PlivoSmsTrigger/PlivoSmsTrigger.node.js'));
const shared = new Set();
core.setDefaultNonceStore({ remember: async (key) => !shared.has(key) && shared.add(key) && true });
const url = 'https://n8n.example.com/webhook/queue/plivo-sms';
const token = 'dist-test-token-0123456789';
const nonce = '12345678901234567890';
const body = 'From=14155550199&To=14155550100&Text=hi&Type=sms&MessageUUID=m-1';
const headers = {
  'content-type': 'application/x-www-form-urlencoded',
  'x-plivo-signature-v2': crypto.createHmac('sha256', token).update(url + nonce).digest('base64'),
  'x-plivo-signature-v2-nonce': nonce,
};
async function call() {
  const response = {};
  const res = { status(code) { response.status = code; return res; }, send(text) { response.body = text; return res; }, end() { return res; } };
  const req = { method: 'POST', url: '/webhook/queue/plivo-sms', headers, rawBody: Buffer.from(body), body: {}, query: {} };
  const parameters = { event: 'inbound', verifySignature: true, options: {} };
  const context = {
    getRequestObject: () => req,
    getResponseObject: () => res,
    getNodeParameter: (name, fallback) => (name in parameters ? parameters[name] : fallback),
    getCredentials: async () => ({ authId: 'MADISTTEST0000000001', authToken: token }),
    getNodeWebhookUrl: () => url,
    getNode: () => ({ id: 'n-1', name: 'Inbound', typeVersion: 2, credentials: { plivoSmsApi: { id: 'c-1', name: 'Plivo' } } }),
    getWorkflow: () => ({ id: 'wf-1' }),
    helpers: { returnJsonArray: (items) => items.map((json) => ({ json })) },
  };
  const result = await new PlivoSmsTrigger().webhook.call(context);
  return { status: response.status, started: Boolean(result.workflowData) };
}
(async () => {
  const first = await call();
  // As another webhook process would: its own plug, the same shared store. The replay is refused there too.
  core.setDefaultNonceStore(null);
  core.setDefaultNonceStore({ remember: async (key) => !shared.has(key) && shared.add(key) && true });
  const elsewhere = await call();
  console.log(JSON.stringify({ exported: typeof core.setDefaultNonceStore, first, elsewhere, keys: shared.size }));
})();
`;
    const out = execFileSync(process.execPath, ['-e', plug], { cwd: packageDir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      exported: 'function',
      first: { status: 200, started: true },
      elsewhere: { status: 403, started: false },
      keys: 1,
    });
  });

  it('ships both icons and every codex file next to the code', () => {
    for (const file of [
      'dist/icons/plivo.svg',
      'dist/icons/plivo.dark.svg',
      'dist/nodes/PlivoSms/PlivoSms.node.json',
      'dist/nodes/PlivoSmsTrigger/PlivoSmsTrigger.node.json',
      'dist/nodes/PlivoSmsPollTrigger/PlivoSmsPollTrigger.node.json',
    ]) {
      expect(existsSync(join(packageDir, file)), file).toBe(true);
    }
  });
});
