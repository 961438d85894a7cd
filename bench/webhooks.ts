// Webhook throughput on one core: signature check (V3), event parsing, and both together, as a host runs them.
// Prints; asserts nothing. Run with `npm run bench:webhooks`.
import { readFileSync } from 'node:fs';
import {
  parseDeliveryStatus,
  parseInboundMessage,
  parseWebhookBody,
  plivoSignatureHeaders,
  verifyPlivoSignature,
} from '../core/src/index.js';

const TARGET_PER_SECOND = 100_000;
const url = 'https://n8n.acme.io/webhook/3f1c2a/status?token=abc123';
const authToken = 'T083009954567abcDEF7448340783';

/** Status callbacks for many different recipients (so number normalising is not served from a cache). */
const RECIPIENTS = 10_000;
const requests = Array.from({ length: RECIPIENTS }, (_, i) => {
  const params = {
    MessageUUID: `63941295-aaaa-bbbb-cccc-${String(i).padStart(12, '0')}`,
    Status: i % 10 === 0 ? 'undelivered' : 'delivered',
    From: '14156854793',
    To: `4477009${String(i).padStart(5, '0')}`,
    Units: '1',
    TotalRate: '0.0050',
    TotalAmount: '0.0050',
    ErrorCode: i % 10 === 0 ? '200' : '000',
    MCC: '234',
    MNC: '15',
    PartInfo: '1 of 1',
    ParentMessageUUID: '',
    Sequence: '3',
    PowerpackUUID: '',
    MessageTime: '2024-03-05 17:04:05',
    DeliveryReportTime: '2024-03-05 17:04:09.123456',
  };
  const headers = plivoSignatureHeaders({ method: 'POST', url, params, authToken });
  return { params, headers, body: Buffer.from(new URLSearchParams(params).toString()) };
});

const inbound = JSON.parse(
  readFileSync(new URL('../core/test/fixtures/signature-vectors.json', import.meta.url), 'utf8'),
)
  .map((vector: { params: Record<string, string> }) => vector.params)
  .filter((params: Record<string, string>) => 'Text' in params) as Record<string, string>[];

const ROUNDS = 3;
const ROUND_MS = 1_000;

/** One timed round: operations per second of CPU time (user + system of this process) and of wall time. */
function round(label: string, run: (i: number) => boolean): { cpu: number; wall: number } {
  let operations = 0;
  const startedWall = performance.now();
  const startedCpu = process.cpuUsage();
  while (performance.now() - startedWall < ROUND_MS) {
    for (let i = 0; i < 5_000; i++) {
      if (!run(operations + i)) throw new Error(`${label}: an operation failed`);
    }
    operations += 5_000;
  }
  const wallMs = performance.now() - startedWall;
  const cpu = process.cpuUsage(startedCpu);
  return { cpu: (operations / ((cpu.user + cpu.system) / 1_000)) * 1_000, wall: (operations / wallMs) * 1_000 };
}

/**
 * The best of a few rounds, per second of CPU time, so the figure means "on one core" even when other work
 * shares the machine; wall-clock throughput is printed beside it.
 */
function measure(label: string, run: (i: number) => boolean): void {
  for (let i = 0; i < 20_000; i++) run(i); // warm-up
  const rounds = Array.from({ length: ROUNDS }, () => round(label, run));
  const cpu = Math.round(Math.max(...rounds.map((r) => r.cpu)));
  const wall = Math.round(Math.max(...rounds.map((r) => r.wall)));
  const mark = cpu >= TARGET_PER_SECOND ? 'meets' : 'below';
  const format = (n: number) => n.toLocaleString('en-US').padStart(10);
  const target = TARGET_PER_SECOND.toLocaleString('en-US');
  console.log(`${label.padEnd(40)} ${format(cpu)} /s CPU  ${format(wall)} /s wall  (${mark} ${target}/s)`);
}

const request = (i: number) => requests[i % RECIPIENTS]!;
const verify = (i: number) => {
  const r = request(i);
  return verifyPlivoSignature({ method: 'POST', url, params: r.params, headers: r.headers, authToken }).valid;
};

console.log(`Webhook throughput on one core (best of ${ROUNDS} rounds), Node ${process.version}`);
measure('verify V3', verify);
measure('parse delivery status', (i) => parseDeliveryStatus(request(i).params).ok);
measure('parse inbound message', (i) => parseInboundMessage(inbound[i % inbound.length]).ok);
measure('verify V3 + parse status (target)', (i) => verify(i) && parseDeliveryStatus(request(i).params).ok);
measure('form body + verify V3 + parse status', (i) => {
  const r = request(i);
  const body = parseWebhookBody({ method: 'POST', contentType: 'application/x-www-form-urlencoded', rawBody: r.body });
  if (!body.ok) return false;
  const check = verifyPlivoSignature({ method: 'POST', url, params: body.params, headers: r.headers, authToken });
  return check.valid && parseDeliveryStatus(body.params).ok;
});
