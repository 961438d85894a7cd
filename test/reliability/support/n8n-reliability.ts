// n8n workflows and probes of the reliability suite (real n8n through test/support/n8n-runner.ts): a fault-injection
// send workflow, a bare Plivo SMS Trigger workflow, and the count of executions that carried each MessageUUID.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { N8nWorkflowInput } from '../../support/n8n-runner.js';
import { plivoSmsNodeType, plivoSmsTriggerNodeType } from '../../support/plivo-workflows.js';
import { faultInputsCode, type FaultPlan } from './fault-inputs.js';

export interface CredentialRef {
  plivoSmsApi: { id: string; name: string };
}

export interface SendBranch {
  /** Names the branch's nodes: `<name> inputs` (Code) and `<name> send` (Plivo SMS). */
  name: string;
  plan: FaultPlan;
  credentials: CredentialRef;
  from: string;
}

/**
 * Manual Trigger -> one branch per sandbox: a Code node emitting the plan's inputs, then Plivo SMS > Send with
 * "continue on fail", so that each input gets an output item (queued, unknown or failed with its error).
 */
export function faultSendWorkflow(id: string, branches: SendBranch[]): N8nWorkflowInput {
  const nodes: Record<string, unknown>[] = [
    { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
  ];
  const connections: Record<string, unknown> = {
    Start: { main: [branches.map((branch) => ({ node: `${branch.name} inputs`, type: 'main', index: 0 }))] },
  };
  branches.forEach((branch, row) => {
    nodes.push(
      {
        id: randomUUID(),
        name: `${branch.name} inputs`,
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        position: [220, row * 200],
        parameters: { jsCode: faultInputsCode(branch.plan) },
      },
      {
        id: randomUUID(),
        name: `${branch.name} send`,
        type: plivoSmsNodeType,
        typeVersion: 1,
        position: [440, row * 200],
        credentials: branch.credentials,
        onError: 'continueRegularOutput',
        parameters: {
          resource: 'message',
          operation: 'send',
          senderType: 'src',
          from: { __rl: true, mode: 'id', value: branch.from },
          to: '={{ $json.phone }}',
          messageType: 'sms',
          text: '={{ $json.text }}',
          // The sandbox's own limit (or none) is what is under test, not the node's pacing.
          options: { maxRequestsPerSecond: 1000 },
        },
      },
    );
    connections[`${branch.name} inputs`] = { main: [[{ node: `${branch.name} send`, type: 'main', index: 0 }]] };
  });
  return { id, name: 'reliability: sends under faults', nodes, connections };
}

/** The Plivo SMS Trigger's current version (what the editor gives new workflows). */
export const TRIGGER_TYPE_VERSION = 2;

/** A published workflow holding only a Plivo SMS Trigger for inbound texts to `number`, signature checked. */
export function inboundTriggerWorkflow(
  id: string,
  webhookId: string,
  credentials: CredentialRef,
  number: string,
  typeVersion = TRIGGER_TYPE_VERSION,
): N8nWorkflowInput {
  return {
    id,
    name: 'reliability: inbound trigger',
    nodes: [
      {
        id: randomUUID(),
        name: 'Inbound SMS',
        type: plivoSmsTriggerNodeType,
        typeVersion,
        position: [0, 0],
        webhookId,
        credentials,
        parameters: { event: 'inbound', numbers: [number], verifySignature: true, options: {} },
      },
    ],
    connections: {},
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * For each UUID found in the stored run data of the workflow's executions, how many executions carry it. Read from
 * n8n's SQLite database (what n8n saved, not what it answered).
 */
export function executionsPerUuid(userFolder: string, workflowId: string): Map<string, number> {
  const counts = new Map<string, number>();
  const file = join(userFolder, '.n8n', 'database.sqlite');
  if (!existsSync(file)) return counts;
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db
      .prepare(
        'SELECT d.data AS data FROM execution_data d JOIN execution_entity e ON e.id = d.executionId WHERE e.workflowId = ?',
      )
      .all(workflowId) as { data: string }[];
    for (const row of rows) {
      for (const uuid of new Set(String(row.data).match(UUID) ?? [])) counts.set(uuid, (counts.get(uuid) ?? 0) + 1);
    }
  } finally {
    db.close();
  }
  return counts;
}

/** A moment as n8n's SQLite database stores it (`YYYY-MM-DD HH:MM:SS.SSS`, UTC) or as ISO text, in epoch ms. */
export function n8nTimestamp(value: string | number | null): number | null {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return value;
  const iso = value.includes('T') ? value : `${value.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export interface FinishedExecution {
  id: string;
  status: string;
  /** When n8n recorded the execution finished (epoch ms). */
  stoppedAt: number | null;
}

/**
 * For each of `uuids` found in the stored run data of the workflow's executions, those executions with the moment
 * each finished: the number of executions a webhook started, and when its workflow was done.
 */
export function executionsOfUuids(userFolder: string, workflowId: string, uuids: Iterable<string>): Map<string, FinishedExecution[]> {
  const wanted = new Set(uuids);
  const found = new Map<string, FinishedExecution[]>();
  const file = join(userFolder, '.n8n', 'database.sqlite');
  if (!existsSync(file)) return found;
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db
      .prepare(
        'SELECT e.id AS id, e.status AS status, e.stoppedAt AS stoppedAt, d.data AS data ' +
          'FROM execution_entity e JOIN execution_data d ON e.id = d.executionId WHERE e.workflowId = ?',
      )
      .all(workflowId) as { id: number | string; status: string; stoppedAt: string | null; data: string }[];
    for (const row of rows) {
      const execution = { id: String(row.id), status: row.status, stoppedAt: n8nTimestamp(row.stoppedAt) };
      for (const uuid of new Set(String(row.data).match(UUID) ?? [])) {
        if (wanted.has(uuid)) found.set(uuid, [...(found.get(uuid) ?? []), execution]);
      }
    }
  } finally {
    db.close();
  }
  return found;
}
