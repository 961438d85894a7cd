// The `textbridge-sandbox` command: flag parsing, and a real process that prints its URL and stops on Ctrl-C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_USAGE, parseCliArgs } from '../../src/sandbox/cli.js';

const BIN = fileURLToPath(new URL('../../src/bin/textbridge-sandbox.ts', import.meta.url));

describe('parseCliArgs', () => {
  it('defaults to port 4010', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'start', options: { port: 4010 } });
  });

  it('maps every flag to a sandbox option', () => {
    const command = parseCliArgs([
      '--port', '0', '--host', '0.0.0.0', '--latency', '25', '--delivery-delay', '100', '--no-rate-limit',
      '--fault-500', '0.1', '--fault-reset', '0.05', '--seed', '9',
      '--number', '+14155550100', '--number', '+14155550101', '--auth-id', 'MAABCDEFGHIJKLMNOPQR', '--auth-token', 'secret-token',
    ]);
    expect(command).toEqual({
      kind: 'start',
      options: {
        port: 0,
        host: '0.0.0.0',
        latencyMs: 25,
        deliveryDelayMs: 100,
        rateLimit: false,
        faults: { error500: 0.1, error503: 0, reset: 0.05 },
        seed: 9,
        numbers: ['+14155550100', '+14155550101'],
        authId: 'MAABCDEFGHIJKLMNOPQR',
        authToken: 'secret-token',
      },
    });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    expect(CLI_USAGE).toContain('--latency');
  });

  it('takes the data folder from --data-dir, else from TEXTBRIDGE_SANDBOX_DATA_DIR', () => {
    expect(parseCliArgs(['--data-dir', './state'])).toEqual({ kind: 'start', options: { port: 4010, dataDir: './state' } });
    expect(parseCliArgs([], { TEXTBRIDGE_SANDBOX_DATA_DIR: '/var/sandbox' })).toEqual({ kind: 'start', options: { port: 4010, dataDir: '/var/sandbox' } });
    expect(parseCliArgs(['--data-dir', 'flag'], { TEXTBRIDGE_SANDBOX_DATA_DIR: 'env' })).toMatchObject({ options: { dataDir: 'flag' } });
    expect(parseCliArgs([], { TEXTBRIDGE_SANDBOX_DATA_DIR: '' })).toEqual({ kind: 'start', options: { port: 4010 } });
    expect(() => parseCliArgs(['--data-dir', ' '])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'data-dir' }));
    expect(CLI_USAGE).toContain('--data-dir <folder>');
  });

  it('rejects bad values and unknown flags with INVALID_INPUT', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'port' }));
    expect(() => parseCliArgs(['--fault-500', '2'])).toThrow(/--fault-500 must be a number from 0 to 1/);
    expect(() => parseCliArgs(['--bogus'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('textbridge-sandbox process', () => {
  it('prints URL and credentials, serves the API, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner within 15 s:\n${output}`)), 15_000);
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1] && output.includes('Ctrl-C')) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(output).toMatch(/Auth ID\s+MA[A-Z0-9]{18}/);
      expect(output).toMatch(/Auth Token\s+\S+/);
      expect((await fetch(`${url}/`)).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).toContain('Stopping the sandbox');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits with code 2 and a hint for bad flags', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, '--port', 'nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number');
    expect(stderr).toContain('--help');
  });
});
