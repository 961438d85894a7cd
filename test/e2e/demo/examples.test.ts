// The example workflow files agree with each other and with the demo's import conversion (no n8n needed).
import { describe, expect, it } from 'vitest';
import {
  COMMUNITY_TYPE_PREFIX,
  EXAMPLE_CREDENTIAL,
  EXAMPLE_FILES,
  EXAMPLE_N8N_ORIGIN,
  forCustomExtensions,
  hasTrigger,
  readExample,
  triggerWebhookUrls,
  webhookNodeUrls,
  type ExampleName,
} from '../../../n8n-nodes/dev/examples.js';

const names = Object.keys(EXAMPLE_FILES) as ExampleName[];

describe('example workflows', () => {
  it.each(names)('%s: ids n8n accepts, connections between existing nodes, our credential on every Plivo node', (name) => {
    const workflow = readExample(name);
    expect(workflow.id.length).toBeLessThanOrEqual(21);
    const nodeNames = new Set(workflow.nodes.map((node) => node.name));
    expect(nodeNames.size).toBe(workflow.nodes.length);
    for (const [from, output] of Object.entries(workflow.connections)) {
      expect(nodeNames).toContain(from);
      const targets = (output as { main: { node: string }[][] }).main.flat().map((link) => link.node);
      for (const target of targets) expect(nodeNames).toContain(target);
    }
    const plivoNodes = workflow.nodes.filter((node) => node.type.startsWith(COMMUNITY_TYPE_PREFIX));
    expect(plivoNodes.length).toBeGreaterThan(0);
    for (const node of plivoNodes) expect(node.credentials).toEqual({ plivoSmsApi: EXAMPLE_CREDENTIAL });
  });

  it('the reminders report delivery to the "Delivery alerts" trigger, and each trigger has its own webhook', () => {
    const reminders = readExample('reminders');
    const send = reminders.nodes.find((node) => node.name === 'Send reminders')!;
    const [alertsUrl] = triggerWebhookUrls(readExample('deliveryAlerts'), EXAMPLE_N8N_ORIGIN);
    expect((send.parameters.options as { statusCallbackUrl: string }).statusCallbackUrl).toBe(alertsUrl);
    const webhookIds = names.flatMap((name) => readExample(name).nodes.map((node) => node.webhookId).filter(Boolean));
    expect(new Set(webhookIds).size).toBe(webhookIds.length);
    expect(names.filter((name) => hasTrigger(readExample(name)))).toEqual(['twoWay', 'deliveryAlerts', 'signup', 'deliveryReport']);
  });

  it('the sign-up answers the page on two Webhook paths: the code goes out, then the check branches on verified', () => {
    const signup = readExample('signup');
    expect(webhookNodeUrls(signup, EXAMPLE_N8N_ORIGIN)).toEqual({
      'Sign-up form': `${EXAMPLE_N8N_ORIGIN}/webhook/signup`,
      'Code entered': `${EXAMPLE_N8N_ORIGIN}/webhook/signup-confirm`,
    });
    const operations = signup.nodes
      .filter((node) => node.type.startsWith(COMMUNITY_TYPE_PREFIX))
      .map((node) => `${String(node.parameters.resource)}.${String(node.parameters.operation)}`);
    expect(operations).toEqual(['verification.sendCode', 'verification.checkCode', 'verification.get']);
    const branches = (signup.connections['Verified?'] as { main: { node: string }[][] }).main.map((links) => links.map((link) => link.node));
    expect(branches).toEqual([['Get the verified number'], ['Ask again']]);
  });

  it('the weekly report runs Monday 08:00 (or by hand): Summarize of the last 7 days of our number, formatted, texted to staff', () => {
    const report = readExample('deliveryReport');
    const schedule = report.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger')!;
    expect(schedule.parameters.rule).toEqual({ interval: [{ field: 'weeks', triggerAtDay: [1], triggerAtHour: 8 }] });
    const plivo = report.nodes.filter((node) => node.type.startsWith(COMMUNITY_TYPE_PREFIX));
    expect(plivo.map((node) => `${String(node.parameters.resource)}.${String(node.parameters.operation)}`)).toEqual(['message.summarize', 'message.send']);
    expect(plivo[0]!.parameters).toMatchObject({ fromTime: '={{ $now.minus({ days: 7 }).toISO() }}', toTime: '={{ $now.toISO() }}' });
    const next = (from: string): string[] => (report.connections[from] as { main: { node: string }[][] }).main.flat().map((link) => link.node);
    expect(next(schedule.name)).toEqual(['Delivery report']);
    expect(next('Delivery report')).toEqual(['Format report']);
    expect(next('Format report')).toEqual(['Text it to staff']);
  });

  it('the MMS example sends the binary file of the item before it (Media From Binary), with no media URL', () => {
    const mms = readExample('mmsFromFile');
    const send = mms.nodes.find((node) => node.type.startsWith(COMMUNITY_TYPE_PREFIX))!;
    expect(send.parameters).toMatchObject({ operation: 'send', messageType: 'mms', mediaUrls: '', options: { mediaFromBinary: 'card' } });
    const card = mms.nodes.find((node) => node.name === 'Appointment card')!;
    const base64 = /const card = '([A-Za-z0-9+/=]+)';/.exec(String(card.parameters.jsCode))![1]!;
    expect(Buffer.from(base64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('quiet hours: held items are sorted by sendAfter and sent one at a time when each may go, quiet hours still on', () => {
    const quiet = readExample('quietHours');
    const byName = new Map(quiet.nodes.map((node) => [node.name, node]));
    for (const name of ['Send now (quiet hours)', 'Send in the morning']) {
      expect(byName.get(name)!.parameters.options).toEqual({ quietHours: { window: { enabled: true, start: '08:00', end: '21:00', timeZone: '' } } });
    }
    const next = (from: string, output = 0): string[] => ((quiet.connections[from] as { main: { node: string }[][] }).main[output] ?? []).map((link) => link.node);
    expect(next('Send now (quiet hours)')).toEqual(['Held?']);
    expect(next('Held?')).toEqual(['Earliest first']);
    expect(next('Held?', 1)).toEqual([]);
    expect(byName.get('Earliest first')!.parameters.sortFieldsUi).toEqual({ sortField: [{ fieldName: 'sendAfter', order: 'ascending' }] });
    expect(next('Earliest first')).toEqual(['One at a time']);
    expect(next('One at a time', 1)).toEqual(['Wait until its morning']);
    expect(byName.get('Wait until its morning')!.parameters).toEqual({ resume: 'specificTime', dateTime: '={{ $json.sendAfter }}' });
    expect(next('Wait until its morning')).toEqual(['Send in the morning']);
    expect(next('Send in the morning')).toEqual(['One at a time']);
    expect(byName.get('Send in the morning')!.parameters.to).toBe('={{ $json.to }}');
  });

  it('forCustomExtensions renames our node types to CUSTOM.* and moves URLs to the given n8n, touching nothing else', () => {
    const original = readExample('reminders');
    const converted = forCustomExtensions(original, 'http://127.0.0.1:6123/');
    expect(converted.nodes.map((node) => node.type)).toEqual([
      'n8n-nodes-base.manualTrigger',
      'n8n-nodes-base.code',
      'CUSTOM.plivoSms',
      'n8n-nodes-base.wait',
      'CUSTOM.plivoSms',
      'n8n-nodes-base.code',
    ]);
    const text = JSON.stringify(converted);
    expect(text).not.toContain(EXAMPLE_N8N_ORIGIN);
    expect(text).not.toContain(COMMUNITY_TYPE_PREFIX);
    expect(text).toContain('http://127.0.0.1:6123/webhook/');
    // The original is left as it was (the demo reads the files again for the webhook URLs).
    expect(JSON.stringify(original)).toContain(EXAMPLE_N8N_ORIGIN);
    const restored = JSON.parse(text.split('http://127.0.0.1:6123').join(EXAMPLE_N8N_ORIGIN).split('"CUSTOM.').join(`"${COMMUNITY_TYPE_PREFIX}`));
    expect(restored).toEqual(original);
  });
});
