// Building blocks for n8n workflows that use our Plivo package, shared by the e2e tests, the benchmark and the demo.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { N8nCredentialInput } from './n8n-runner.js';

/** Our n8n package's name: installed through Community Nodes, n8n names its nodes `<package>.<node>`. */
export const N8N_PACKAGE_NAME = (
  JSON.parse(readFileSync(new URL('../../n8n-nodes/package.json', import.meta.url), 'utf8')) as { name: string }
).name;
/** Type names n8n gives our nodes when the package is installed as users install it (see n8n-community-package.ts). */
export const plivoSmsNodeType = `${N8N_PACKAGE_NAME}.plivoSms`;
export const plivoSmsTriggerNodeType = `${N8N_PACKAGE_NAME}.plivoSmsTrigger`;
/** The prefix n8n gives node types loaded through N8N_CUSTOM_EXTENSIONS (the demo's live-edit loop). */
export const CUSTOM_TYPE_PREFIX = 'CUSTOM.';
export const plivoSmsCredentialType = 'plivoSmsApi';

export function plivoSmsCredential(
  account: { authId: string; authToken: string; baseUrl: string },
  id = 'tbPlivoSandbox01',
  name = 'Plivo sandbox',
): N8nCredentialInput {
  return { id, name, type: plivoSmsCredentialType, data: { ...account } };
}

export interface Contact {
  name: string;
  phone: string;
  appointment: string;
}

/**
 * Contact number `index` of the demo list. Self-contained on purpose: its source is also the body of the Code node
 * below, so the tests check n8n's output against the very function that produced it. Distinct valid US numbers for
 * up to 100,000 contacts (10,000 per area code); 415 and 202 are left out so that no contact is one of the sandbox's
 * own numbers (+1 415 555 2671 sends) and tests have numbers of their own.
 */
export function contactAt(index: number): Contact {
  const areaCodes = [212, 312, 646, 617, 303, 206, 512, 702, 305, 213];
  const day = String((index % 28) + 1).padStart(2, '0');
  return {
    name: `Contact ${index}`,
    phone: `+1${areaCodes[Math.floor(index / 10000) % areaCodes.length]}555${String(index % 10000).padStart(4, '0')}`,
    appointment: `2026-12-${day} at 09:30`,
  };
}

/** A Code node emitting `count` CSV-like contacts `{ name, phone, appointment }` (see contactAt). */
export function contactsCodeNode(name: string, count: number, position: [number, number]): Record<string, unknown> {
  const jsCode = [
    `const contactAt = ${contactAt.toString()};`,
    `return Array.from({ length: ${count} }, (_, index) => ({ json: contactAt(index) }));`,
  ].join('\n');
  return { id: randomUUID(), name, type: 'n8n-nodes-base.code', typeVersion: 2, position, parameters: { jsCode } };
}
