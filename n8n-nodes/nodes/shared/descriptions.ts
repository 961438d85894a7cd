import { MESSAGE_STATES } from '@textbridge/core/plivo';
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Plivo's message states as n8n options, sorted by name as n8n's lint asks. */
export function messageStateOptions(which: 'all' | 'outbound' = 'all'): INodePropertyOptions[] {
  return MESSAGE_STATES.filter((state) => which === 'all' || state.outbound)
    .map((state) => ({ name: state.label, value: state.value, description: state.description }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** n8n's "Return All" / "Limit" pair for a Get Many operation shown under `show`. */
export function returnAllOrLimit(show: Record<string, string[]>): INodeProperties[] {
  return [
    {
      displayName: 'Return All',
      name: 'returnAll',
      type: 'boolean',
      displayOptions: { show },
      default: false,
      description: 'Whether to return all results or only up to a given limit',
    },
    {
      displayName: 'Limit',
      name: 'limit',
      type: 'number',
      displayOptions: { show: { ...show, returnAll: [false] } },
      typeOptions: { minValue: 1 },
      default: 50,
      description: 'Max number of results to return',
    },
  ];
}

/** The item's "Return All" / "Limit" as core's `maxItems` (undefined: every page). */
export function maxItemsOf(context: IExecuteFunctions, itemIndex: number): number | undefined {
  return context.getNodeParameter('returnAll', itemIndex, false) ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}
