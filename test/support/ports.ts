// Free TCP ports on the loopback interface, for servers that must be told their port up front (n8n, its task broker).
import { createServer, type Server } from 'node:net';

function listenOnAnyPort(): Promise<Server> {
  const server = createServer();
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Distinct free ports on 127.0.0.1: all are held open together (so the OS cannot hand out one twice), then released
 * for the caller to bind right away.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, listenOnAnyPort));
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  if (ports.some((port) => port === 0)) throw new Error('The OS returned no free port on 127.0.0.1.');
  return ports;
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}
