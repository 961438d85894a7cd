// The example workflows of n8n-nodes/examples/, made importable into a given n8n. The JSON files name our nodes as a
// community install does (`@textbridge/n8n-nodes-plivo.plivoSms`) and point status callbacks at an n8n on
// http://127.0.0.1:5678; an n8n that loads the package from N8N_CUSTOM_EXTENSIONS knows them as `CUSTOM.plivoSms`,
// and the demo may run on another port, so both are rewritten on import.
import { readFileSync } from 'node:fs';
import type { N8nWorkflowInput } from '../../test/support/n8n-runner.js';
import { CUSTOM_TYPE_PREFIX, N8N_PACKAGE_NAME } from '../../test/support/plivo-workflows.js';

/** Node type prefix of a community install of this package. */
export const COMMUNITY_TYPE_PREFIX = `${N8N_PACKAGE_NAME}.`;
/** The n8n origin the example files assume. */
export const EXAMPLE_N8N_ORIGIN = 'http://127.0.0.1:5678';
/** The credential every example node uses; the demo imports a credential with this id. */
export const EXAMPLE_CREDENTIAL = { id: 'tbPlivoSandbox01', name: 'Plivo sandbox' } as const;
/** The sandbox number the examples send from and listen on, and the staff phone they alert. */
export const EXAMPLE_SENDER = '+14155552671';
export const EXAMPLE_STAFF_PHONE = '+12025550100';

export const EXAMPLE_FILES = {
  reminders: 'appointment-reminders.json',
  twoWay: 'two-way-sms.json',
  deliveryAlerts: 'delivery-alerts.json',
  signup: 'verified-signup.json',
  deliveryReport: 'delivery-report.json',
  mmsFromFile: 'mms-from-file.json',
  quietHours: 'quiet-hours.json',
} as const;

export type ExampleName = keyof typeof EXAMPLE_FILES;

export interface ExampleWorkflow extends N8nWorkflowInput {
  nodes: ExampleNode[];
}

export interface ExampleNode extends Record<string, unknown> {
  name: string;
  type: string;
  webhookId?: string;
  parameters: Record<string, unknown>;
}

export function readExample(name: ExampleName): ExampleWorkflow {
  const file = new URL(`../examples/${EXAMPLE_FILES[name]}`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as ExampleWorkflow;
}

/** Deep copy of `value` with every string passed through `map`. */
function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => mapStrings(entry, map)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, mapStrings(entry, map)])) as T;
  }
  return value;
}

/** An example as an n8n that has the package installed (Community Nodes) and listens at `n8nOrigin` imports it. */
export function forN8nAt(workflow: ExampleWorkflow, n8nOrigin: string): ExampleWorkflow {
  const origin = n8nOrigin.replace(/\/+$/, '');
  return mapStrings(workflow, (text) => text.split(EXAMPLE_N8N_ORIGIN).join(origin));
}

/** An example as an n8n that loads our package from N8N_CUSTOM_EXTENSIONS and listens at `n8nOrigin` imports it. */
export function forCustomExtensions(workflow: ExampleWorkflow, n8nOrigin: string): ExampleWorkflow {
  const converted = forN8nAt(workflow, n8nOrigin);
  for (const node of converted.nodes) {
    if (node.type.startsWith(COMMUNITY_TYPE_PREFIX)) node.type = CUSTOM_TYPE_PREFIX + node.type.slice(COMMUNITY_TYPE_PREFIX.length);
  }
  return converted;
}

/** Whether a workflow starts from a webhook trigger or a Webhook node (and must be published to listen). */
export function hasTrigger(workflow: ExampleWorkflow): boolean {
  return workflow.nodes.some(
    (node) => (node.type.endsWith('Trigger') && node.type !== 'n8n-nodes-base.manualTrigger') || node.type === 'n8n-nodes-base.webhook',
  );
}

/** Production URLs of the workflow's Webhook nodes (their own paths) on the n8n at `n8nOrigin`, by node name. */
export function webhookNodeUrls(workflow: ExampleWorkflow, n8nOrigin: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const node of workflow.nodes) {
    if (node.type === 'n8n-nodes-base.webhook') urls[node.name] = `${n8nOrigin.replace(/\/+$/, '')}/webhook/${String(node.parameters.path)}`;
  }
  return urls;
}

/** Production webhook URLs of the workflow's webhook triggers on the n8n at `n8nOrigin`. */
export function triggerWebhookUrls(workflow: ExampleWorkflow, n8nOrigin: string): string[] {
  return workflow.nodes
    .filter((node) => node.webhookId !== undefined && node.type.endsWith('Trigger'))
    .map((node) => `${n8nOrigin.replace(/\/+$/, '')}/webhook/${node.webhookId}/plivo-sms`);
}

/** Each inbound Plivo SMS Trigger of the workflow: the numbers it listens on and its production URL at `n8nOrigin`. */
export function inboundTriggerWiring(workflow: ExampleWorkflow, n8nOrigin: string): { numbers: string[]; url: string }[] {
  return workflow.nodes
    .filter((node) => node.webhookId !== undefined && node.type.endsWith('plivoSmsTrigger') && node.parameters.event === 'inbound')
    .map((node) => ({
      numbers: ([] as unknown[]).concat(node.parameters.numbers ?? []).map(String),
      url: `${n8nOrigin.replace(/\/+$/, '')}/webhook/${node.webhookId}/plivo-sms`,
    }));
}
