import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { plivoClientFor } from '../../shared/client.js';
import { smsNumberOptions } from '../../shared/numbers.js';

export async function getSmsNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  return await smsNumberOptions(await plivoClientFor(this));
}
