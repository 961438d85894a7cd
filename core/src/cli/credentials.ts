// Plivo credentials of the `textbridge` command line, read from the environment (never from flags, which would
// leave the token in the shell history and the process list).
import { TextbridgeError } from '../errors/index.js';
import { clientCredentials, readPlivoCredentials } from '../integration/credentials.js';
import type { PlivoClientOptions } from '../plivo/index.js';

const SOURCE_HINT =
  'Set PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN (Plivo console > Account > Overview). To try offline, run `textbridge sandbox` ' +
  'and use the base URL, Auth ID and Auth Token it prints (PLIVO_BASE_URL=http://127.0.0.1:4010).';

export function credentialsFromEnv(env: NodeJS.ProcessEnv): Pick<PlivoClientOptions, 'authId' | 'authToken' | 'baseUrl'> {
  const credentials = readPlivoCredentials({ authId: env.PLIVO_AUTH_ID, authToken: env.PLIVO_AUTH_TOKEN, baseUrl: env.PLIVO_BASE_URL });
  const { authId, authToken } = credentials;
  const missing = [!authId && 'PLIVO_AUTH_ID', !authToken && 'PLIVO_AUTH_TOKEN'].filter(Boolean);
  if (missing.length > 0) {
    throw new TextbridgeError('INVALID_INPUT', `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`, {
      field: String(missing[0]),
      hint: SOURCE_HINT,
    });
  }
  return clientCredentials(credentials);
}
