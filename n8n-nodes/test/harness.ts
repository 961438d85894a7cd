// A small equivalent of n8n's (unpublished) NodeTestHarness: runs our node types through n8n-core's real
// WorkflowExecute, webhook and hook contexts, with a credentials helper that applies the credential's declarative
// `authenticate` the way n8n's own does (resolving `={{$credentials…}}` expressions), and HTTP through n8n's
// OutboundHttp, so nock sees exactly what n8n would send.
//
// Test files must route `n8n-workflow` to its CommonJS build (the one n8n-core uses), or NodeApiError & co. would
// exist twice:  vi.mock('n8n-workflow', async () => (await import('./n8n-workflow-cjs.js')).default);
import { Container } from '@n8n/di';
import {
  Credentials,
  ErrorReporter,
  ExecutionLifecycleHooks,
  HookContext,
  LoadOptionsContext,
  PollContext,
  WebhookContext,
  WorkflowExecute,
} from 'n8n-core';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';
import type {
  IBinaryKeyData,
  ICredentialDataDecryptedObject,
  ICredentials,
  ICredentialType,
  IDataObject,
  IHttpRequestOptions,
  INode,
  INodeExecutionData,
  INodeProperties,
  INodeType,
  INodeTypes,
  IRun,
  IRunExecutionData,
  IWebhookData,
  IWebhookResponseData,
  IWorkflowExecuteAdditionalData,
  WorkflowActivateMode,
} from 'n8n-workflow';
import { PlivoSmsApi } from '../credentials/PlivoSmsApi.credentials.js';
import { PlivoSms } from '../nodes/PlivoSms/PlivoSms.node.js';
import { PlivoSmsPollTrigger } from '../nodes/PlivoSmsPollTrigger/PlivoSmsPollTrigger.node.js';
import { PlivoSmsTrigger } from '../nodes/PlivoSmsTrigger/PlivoSmsTrigger.node.js';

export const PLIVO = 'https://api.plivo.com';
export const AUTH_ID = 'MATESTAUTHID00000001';
export const AUTH_TOKEN = 'test-auth-token-never-shown-0123456789';
export const CREDENTIALS: ICredentialDataDecryptedObject = { authId: AUTH_ID, authToken: AUTH_TOKEN, baseUrl: PLIVO };
export const WEBHOOK_BASE_URL = 'https://n8n.example.com/webhook';
export const ACCOUNT_PATH = `/v1/Account/${AUTH_ID}`;

/**
 * n8n's error reporter prints every failed node's error (to Sentry in production, to stdout without it). The tests
 * assert on those errors themselves, so the reports are kept here instead of cluttering `npm test`'s output.
 */
export const reportedErrors: unknown[] = [];
(Container.get(ErrorReporter) as unknown as { report: (error: unknown) => void }).report = (error) => void reportedErrors.push(error);

const nodeClasses: Record<string, INodeType> = {
  'CUSTOM.plivoSms': new PlivoSms(),
  'CUSTOM.plivoSmsTrigger': new PlivoSmsTrigger(),
  'CUSTOM.plivoSmsPollTrigger': new PlivoSmsPollTrigger(),
};
const credentialTypes: Record<string, ICredentialType> = { plivoSmsApi: new PlivoSmsApi() };

class TestNodeTypes implements INodeTypes {
  getByName(type: string): INodeType {
    const nodeType = nodeClasses[type];
    if (!nodeType) throw new Error(`Unknown node type ${type}`);
    return nodeType;
  }

  getByNameAndVersion(type: string): INodeType {
    return this.getByName(type);
  }

  getKnownTypes(): IDataObject {
    return {};
  }
}

export const nodeTypes = new TestNodeTypes();

/** What n8n's credentials helper does with a declarative credential: resolve every `=…` value against it. */
class TestCredentialsHelper extends ICredentialsHelper {
  constructor(
    private readonly data: Record<string, ICredentialDataDecryptedObject>,
    private readonly onDecrypt?: () => void,
  ) {
    super();
  }

  getParentTypes(): string[] {
    return [];
  }

  isCredentialUsableByNode(): boolean {
    return true;
  }

  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    typeName: string,
    requestOptions: IHttpRequestOptions,
    workflow?: Workflow,
    node?: INode,
  ): Promise<IHttpRequestOptions> {
    const type = credentialTypes[typeName];
    if (!type?.authenticate || typeof type.authenticate === 'function') throw new Error(`${typeName}: expected a declarative authenticate`);
    if (!workflow || !node) throw new Error('authenticate needs the workflow and node');
    const resolve = (value: unknown): unknown =>
      typeof value === 'string' && value.startsWith('=')
        ? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
        : value;
    const options = { ...requestOptions } as unknown as Record<string, Record<string, unknown>>;
    for (const [target, entries] of Object.entries(type.authenticate.properties)) {
      const resolved: Record<string, unknown> = { ...(options[target] ?? {}) };
      for (const [key, value] of Object.entries(entries as Record<string, unknown>)) resolved[String(resolve(key))] = resolve(value);
      options[target] = resolved;
    }
    return options as unknown as IHttpRequestOptions;
  }

  async preAuthentication(): Promise<undefined> {
    return undefined;
  }

  async runPreAuthentication(): Promise<undefined> {
    return undefined;
  }

  async getCredentials(): Promise<ICredentials> {
    return new Credentials({ id: null, name: '' }, '', '');
  }

  async getDecrypted(
    _additionalData: IWorkflowExecuteAdditionalData,
    _nodeCredentials: unknown,
    type: string,
  ): Promise<ICredentialDataDecryptedObject> {
    this.onDecrypt?.();
    const data = this.data[type];
    if (!data) throw new Error(`No test credentials of type ${type}`);
    return { ...data };
  }

  async updateCredentials(): Promise<void> {}

  async updateCredentialsOauthTokenData(): Promise<void> {}

  getCredentialsProperties(): INodeProperties[] {
    return [];
  }
}

export interface HarnessOptions {
  credentials?: ICredentialDataDecryptedObject | null;
  /** Called each time a node loads (decrypts) the credential. */
  onCredentialLoad?: () => void;
}

function additionalData(options: HarnessOptions, extra: Partial<IWorkflowExecuteAdditionalData> = {}) {
  const credentials: Record<string, ICredentialDataDecryptedObject> =
    options.credentials === null ? {} : { plivoSmsApi: options.credentials ?? CREDENTIALS };
  return {
    credentialsHelper: new TestCredentialsHelper(credentials, options.onCredentialLoad),
    executionId: 'test-execution',
    restApiUrl: 'https://n8n.example.com/rest',
    instanceBaseUrl: 'https://n8n.example.com/',
    webhookBaseUrl: WEBHOOK_BASE_URL,
    webhookTestBaseUrl: 'https://n8n.example.com/webhook-test',
    webhookWaitingBaseUrl: 'https://n8n.example.com/webhook-waiting',
    formWaitingBaseUrl: 'https://n8n.example.com/form-waiting',
    variables: {},
    currentNodeParameters: undefined,
    executionTimeoutTimestamp: undefined,
    userId: 'test-user',
    setExecutionStatus: () => {},
    sendDataToUI: () => {},
    logAiEvent: () => {},
    ...extra,
  } as unknown as IWorkflowExecuteAdditionalData;
}

function nodeOf(type: string, name: string, parameters: IDataObject, extra: Partial<INode> = {}): INode {
  return {
    id: `${name}-id`,
    name,
    type,
    typeVersion: 1,
    position: [0, 0],
    parameters: parameters as INode['parameters'],
    credentials: { plivoSmsApi: { id: 'cred-1', name: 'Plivo test' } },
    ...extra,
  };
}

function workflowOf(node: INode, staticData: IDataObject = {}): Workflow {
  return new Workflow({ id: 'wf-1', name: 'Test', nodes: [node], connections: {}, active: false, nodeTypes, staticData });
}

export interface NodeRun {
  run: IRun;
  /** The node's first output, or undefined when it failed. */
  output: INodeExecutionData[] | undefined;
  error: (Error & { description?: string | null; context?: IDataObject; httpCode?: string | null }) | undefined;
}

/** Runs the Plivo SMS node once with the given input items, through WorkflowExecute. */
export async function runPlivoSms(
  parameters: IDataObject,
  items: IDataObject[] = [{}],
  options: HarnessOptions & { continueOnFail?: boolean; binary?: (IBinaryKeyData | undefined)[] } = {},
): Promise<NodeRun> {
  const node = nodeOf('CUSTOM.plivoSms', 'Plivo SMS', parameters, options.continueOnFail ? { onError: 'continueRegularOutput' } : {});
  const workflow = workflowOf(node);
  const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
    id: 'wf-1',
    name: 'Test',
    nodes: [node],
    connections: {},
    active: false,
    activeVersionId: null,
    isArchived: false,
    createdAt: new Date(),
    updatedAt: new Date(),
  } as never);
  const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
  const runExecutionData = {
    startData: {},
    resultData: { runData: {} },
    executionData: {
      contextData: {},
      metadata: {},
      waitingExecution: {},
      waitingExecutionSource: null,
      nodeExecutionStack: [
        { node, data: { main: [items.map((json, index) => ({ json, ...(options.binary?.[index] ? { binary: options.binary[index] } : {}) }))] }, source: null },
      ],
    },
  } as unknown as IRunExecutionData;
  const execute = new WorkflowExecute(additionalData(options, { hooks }), 'manual', runExecutionData);
  await execute.processRunExecutionData(workflow);
  const run = await finished;
  const task = run.data.resultData.runData['Plivo SMS']?.[0];
  return {
    run,
    output: task?.data?.main?.[0] ?? undefined,
    error: (task?.error ?? run.data.resultData.error) as NodeRun['error'],
  };
}

export interface WebhookRequest {
  method?: string;
  /** Path and query as the HTTP server saw it (e.g. "/webhook/abc/plivo-sms?x=1"). */
  url?: string;
  headers: Record<string, string>;
  /**
   * The body bytes. With `bodyUnread`, n8n has not read them before calling the node (what it does for a version 2
   * webhook node when it does not parse the content type): they are there only through `req.readRawBody()`.
   */
  rawBody: Buffer;
  bodyUnread?: boolean;
  body?: IDataObject;
  query?: IDataObject;
}

export interface WebhookCall {
  result: IWebhookResponseData;
  /** What the node answered itself (status and body), when it did. */
  response: { status?: number; body?: unknown; ended: boolean };
}

export const WEBHOOK_ID = 'trigger-webhook-id';

/** The URL n8n gives the trigger's production webhook (what Plivo calls and signs). */
export function triggerWebhookUrl(): string {
  return `${WEBHOOK_BASE_URL}/${WEBHOOK_ID}/plivo-sms`;
}

/** The trigger's current version, what new workflows get. */
export const TRIGGER_VERSION = 2;

export interface TriggerNodeOptions {
  /** Default TRIGGER_VERSION. */
  typeVersion?: number;
  /** The stored credential the node names (n8n keys it by id). Default `cred-1`. */
  credentialId?: string;
}

function triggerNode(parameters: IDataObject, options: TriggerNodeOptions = {}): INode {
  return nodeOf('CUSTOM.plivoSmsTrigger', 'Plivo SMS Trigger', parameters, {
    webhookId: WEBHOOK_ID,
    typeVersion: options.typeVersion ?? TRIGGER_VERSION,
    credentials: { plivoSmsApi: { id: options.credentialId ?? 'cred-1', name: 'Plivo test' } },
  });
}

function webhookData(node: INode, workflow: Workflow, data: IWorkflowExecuteAdditionalData): IWebhookData {
  return {
    httpMethod: 'POST',
    node: node.name,
    path: `${WEBHOOK_ID}/plivo-sms`,
    webhookDescription: nodeClasses['CUSTOM.plivoSmsTrigger']!.description.webhooks![0]!,
    workflowId: workflow.id,
    workflowExecuteAdditionalData: data,
    webhookId: WEBHOOK_ID,
  };
}

/** Calls the trigger's webhook() through n8n-core's WebhookContext with a fake Express request and response. */
export async function callTriggerWebhook(
  parameters: IDataObject,
  request: WebhookRequest,
  options: TriggerNodeOptions & HarnessOptions = {},
): Promise<WebhookCall> {
  const node = triggerNode(parameters, options);
  const workflow = workflowOf(node);
  const response: WebhookCall['response'] = { ended: false };
  const res = {
    status(code: number) {
      response.status = code;
      return res;
    },
    send(body: unknown) {
      response.body = body;
      return res;
    },
    json(body: unknown) {
      response.body = body;
      return res;
    },
    end() {
      response.ended = true;
      return res;
    },
  };
  const req: Record<string, unknown> = {
    method: request.method ?? 'POST',
    url: request.url ?? `/webhook/${WEBHOOK_ID}/plivo-sms`,
    originalUrl: request.url ?? `/webhook/${WEBHOOK_ID}/plivo-sms`,
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
    rawBody: request.bodyUnread ? undefined : request.rawBody,
    // As n8n's raw body reader: reads the stream once, into req.rawBody.
    readRawBody: async () => {
      req.rawBody ??= request.rawBody;
    },
    body: request.body ?? {},
    query: request.query ?? {},
    params: {},
  };
  const data = additionalData(options, { httpRequest: req, httpResponse: res } as never);
  const context = new WebhookContext(workflow, node, data, 'webhook', webhookData(node, workflow, data), [], null);
  const nodeType = nodeClasses['CUSTOM.plivoSmsTrigger']!;
  const result = await nodeType.webhook!.call(context);
  return { result, response };
}

/**
 * Runs one webhook lifecycle method (checkExists / create / delete) through n8n-core's HookContext; `staticData`
 * is the node's own static data (what `getWorkflowStaticData('node')` returns), as it is after the call.
 */
export async function callTriggerLifecycle(
  method: 'checkExists' | 'create' | 'delete',
  parameters: IDataObject,
  staticData: IDataObject,
  activation: WorkflowActivateMode = 'activate',
): Promise<{ result: boolean; staticData: IDataObject }> {
  const node = triggerNode(parameters);
  const workflow = workflowOf(node, { [`node:${node.name}`]: JSON.parse(JSON.stringify(staticData)) as IDataObject });
  const data = additionalData({});
  const context = new HookContext(workflow, node, data, 'trigger', activation, webhookData(node, workflow, data));
  const nodeType = nodeClasses['CUSTOM.plivoSmsTrigger']!;
  const result = await nodeType.webhookMethods!.default![method]!.call(context);
  return { result, staticData: JSON.parse(JSON.stringify(workflow.getStaticData('node', node))) as IDataObject };
}

/**
 * Runs the poll trigger's poll() once through n8n-core's PollContext; `staticData` is the node's static data
 * before the poll, and the result carries it as it is after.
 */
export async function pollOnce(
  parameters: IDataObject,
  staticData: IDataObject,
  mode: 'trigger' | 'manual' = 'trigger',
): Promise<{ items: INodeExecutionData[] | null; staticData: IDataObject }> {
  const node = nodeOf('CUSTOM.plivoSmsPollTrigger', 'Plivo SMS Poll Trigger', parameters);
  const workflow = workflowOf(node, { [`node:${node.name}`]: JSON.parse(JSON.stringify(staticData)) as IDataObject });
  const context = new PollContext(workflow, node, additionalData({}), mode, 'activate');
  const result = await nodeClasses['CUSTOM.plivoSmsPollTrigger']!.poll!.call(context);
  return {
    items: result?.[0] ?? null,
    staticData: JSON.parse(JSON.stringify(workflow.getStaticData('node', node))) as IDataObject,
  };
}

/** Calls a node's listSearch or loadOptions method through n8n-core's LoadOptionsContext, as the editor does. */
export async function loadOptions<T>(
  type: 'CUSTOM.plivoSms' | 'CUSTOM.plivoSmsTrigger',
  kind: 'listSearch' | 'loadOptions',
  method: string,
  parameters: IDataObject,
  ...args: unknown[]
): Promise<T> {
  const node = nodeOf(type, 'Node', parameters);
  const workflow = workflowOf(node);
  const context = new LoadOptionsContext(workflow, node, additionalData({}), '');
  const methods = nodeClasses[type]!.methods as Record<string, Record<string, (...a: unknown[]) => Promise<T>>>;
  return await methods[kind]![method]!.call(context, ...args);
}

export interface SeenRequest {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A nock 15 reply function (it receives the fetch Request) that hands the parsed JSON body to the handler. */
export function replyTo(handler: (request: SeenRequest) => [number, unknown]) {
  return async (request: Request) => {
    const text = await request.text();
    return handler({ url: request.url, headers: request.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
  };
}
