// `limit` / `offset` of Plivo's list endpoints, and plain-string reads of optional filters.
import { plivoRequestError, type Params } from './http.js';

export const MAX_LIST_LIMIT = 20;

function readInt(params: Params, name: string, fallback: number, min: number, max: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw plivoRequestError(400, `${name} should be an integer between ${min} and ${max}`, name);
  }
  return value;
}

export function readPaging(params: Params): { limit: number; offset: number } {
  return {
    limit: readInt(params, 'limit', MAX_LIST_LIMIT, 1, MAX_LIST_LIMIT),
    offset: readInt(params, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** A filter's value as a string (numbers and booleans from JSON included); undefined when absent or empty. */
export function readFilter(params: Params, name: string): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw plivoRequestError(400, `${name} should be a single value`, name);
}

/** The filters that were given, as strings, for `meta.next` / `meta.previous`. */
export function givenFilters(params: Params, names: readonly string[]): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of names) {
    const value = readFilter(params, name);
    if (value !== undefined) filters[name] = value;
  }
  return filters;
}
