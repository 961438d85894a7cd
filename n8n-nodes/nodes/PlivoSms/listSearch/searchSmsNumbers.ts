import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { plivoClientFor } from '../../shared/client.js';
import { matchesNumberFilter, NUMBERS_PAGE_SIZE, toListSearchItem } from '../../shared/numbers.js';

/** One Plivo page of the account's SMS-enabled numbers per call; the pagination token is the next offset. */
export async function searchSmsNumbers(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: string,
): Promise<INodeListSearchResult> {
  const client = await plivoClientFor(this);
  const offset = paginationToken ? Number(paginationToken) : 0;
  const page = await client.listNumbersPage({ services: 'sms', limit: NUMBERS_PAGE_SIZE, offset });
  const results = page.items.filter((number) => matchesNumberFilter(number, filter)).map(toListSearchItem);
  const nextOffset = offset + page.items.length;
  const more = page.items.length > 0 && page.meta.next !== null && (page.meta.totalCount === null || nextOffset < page.meta.totalCount);
  return more ? { results, paginationToken: String(nextOffset) } : { results };
}
