// Plivo Auth ID + Auth Token, applied by n8n as Basic auth to every request the nodes make (declarative, so the
// token never passes through node code). The name is ours: the built-in Plivo node owns `plivoApi`.
import type {
  IAuthenticateGeneric,
  Icon,
  ICredentialTestRequest,
  ICredentialType,
  INodeProperties,
} from 'n8n-workflow';

export class PlivoSmsApi implements ICredentialType {
  name = 'plivoSmsApi';

  displayName = 'Plivo SMS API';

  icon: Icon = { light: 'file:../icons/plivo.svg', dark: 'file:../icons/plivo.dark.svg' };

  documentationUrl = 'https://www.plivo.com/docs/messaging/api/overview';

  properties: INodeProperties[] = [
    {
      displayName: 'Auth ID',
      name: 'authId',
      type: 'string',
      default: '',
      required: true,
      description: 'Your Plivo Auth ID (Plivo console > Account > Overview)',
    },
    {
      displayName: 'Auth Token',
      name: 'authToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Your Plivo Auth Token (Plivo console > Account > Overview)',
    },
    {
      displayName: 'API Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api.plivo.com',
      description:
        'Leave as is for Plivo. Advanced: the origin of a Plivo-compatible API, such as the Textbridge sandbox (e.g. http://127.0.0.1:4010) for offline testing.',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      auth: {
        username: '={{$credentials.authId}}',
        password: '={{$credentials.authToken}}',
      },
    },
  };

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{($credentials.baseUrl || "https://api.plivo.com").replace(/\\/+$/, "")}}',
      url: '=/v1/Account/{{encodeURIComponent($credentials.authId)}}/',
      method: 'GET',
    },
  };
}
