import { MESSAGE_STATES } from '@textbridge/core/plivo';
import type { INodePropertyOptions } from 'n8n-workflow';

/** Plivo's message states as n8n options, sorted by name as n8n's lint asks. */
export function messageStateOptions(which: 'all' | 'outbound' = 'all'): INodePropertyOptions[] {
  return MESSAGE_STATES.filter((state) => which === 'all' || state.outbound)
    .map((state) => ({ name: state.label, value: state.value, description: state.description }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
