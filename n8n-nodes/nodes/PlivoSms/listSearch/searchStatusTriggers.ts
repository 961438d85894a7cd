import { listStatusCallbacks } from '@textbridge/core/integration';
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { plivoClientFor } from '../../shared/client.js';

/** Active Plivo SMS Triggers set to Delivery Status, on any workflow or n8n instance of the account; newest first. */
export async function searchStatusTriggers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
  const targets = await listStatusCallbacks(await plivoClientFor(this), { labelPrefix: 'n8n-' });
  const wanted = filter?.trim().toLowerCase() ?? '';
  const results = targets
    .map((target) => ({ name: target.label.slice(4), value: target.appId, url: target.url }))
    .filter((result) => result.name.toLowerCase().includes(wanted) || result.value === filter?.trim());
  return { results };
}
