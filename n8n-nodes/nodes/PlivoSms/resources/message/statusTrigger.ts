// Send's "Report Delivery To": the status trigger chosen per item (core's status-callback registry), each distinct
// one resolved to its webhook URL once per run; an item whose trigger is gone fails with core's error naming it.
import { TextbridgeError } from '@textbridge/core/errors';
import { resolveStatusCallback } from '@textbridge/core/integration';
import type { PlivoClient } from '@textbridge/core/plivo';

export const REPORT_DELIVERY_FIELD = 'options.reportDeliveryTo';

export interface StatusOptions {
  reportDeliveryTo?: { value?: unknown } | string;
  statusCallbackMethod?: 'GET' | 'POST';
  statusCallbackUrl?: string;
}

export type StatusCallbackOf = (options: StatusOptions) => { url: string; method: 'GET' | 'POST' } | undefined;

function chosenTrigger(options: StatusOptions): string {
  const chosen = options.reportDeliveryTo;
  const value = typeof chosen === 'object' && chosen !== null ? chosen.value : chosen;
  return typeof value === 'string' ? value.trim() : '';
}

export async function statusCallbacksForRun(optionsPerItem: StatusOptions[], client: () => Promise<PlivoClient>): Promise<StatusCallbackOf> {
  const resolved = new Map<string, { url: string } | { error: unknown }>();
  let plivo: Promise<PlivoClient> | undefined;
  for (const appId of new Set(optionsPerItem.map(chosenTrigger).filter(Boolean))) {
    const outcome = await resolveStatusCallback(await (plivo ??= client()), appId, REPORT_DELIVERY_FIELD).then(
      (target) => ({ url: target.url }),
      (error: unknown) => ({ error }),
    );
    resolved.set(appId, outcome);
  }
  return (options) => {
    const url = options.statusCallbackUrl?.trim();
    const appId = chosenTrigger(options);
    if (url && appId) {
      throw new TextbridgeError('INVALID_INPUT', 'Both "Status Callback URL" and "Report Delivery To" are set: Plivo reports to one place.', {
        field: REPORT_DELIVERY_FIELD,
        hint: 'Remove one of the two options.',
      });
    }
    if (url) return { url, method: options.statusCallbackMethod ?? 'POST' };
    const outcome = appId ? resolved.get(appId) : undefined;
    if (outcome && 'error' in outcome) throw outcome.error;
    // The trigger only accepts POST.
    return outcome ? { url: outcome.url, method: 'POST' } : undefined;
  };
}
