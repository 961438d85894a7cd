// The per-item loop of operations that make one Plivo call per input item: output paired to its item, and with
// "continue on fail" an error item `{ error: { code, message, hint, field } }` instead of a failed run.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { itemError, toNodeError } from './errors.js';

export async function runPerItem(
  context: IExecuteFunctions,
  items: INodeExecutionData[],
  secrets: readonly string[],
  run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
  const output: INodeExecutionData[] = [];
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      const result = await run(itemIndex);
      for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
    } catch (error) {
      if (!context.continueOnFail()) throw toNodeError(context.getNode(), error, itemIndex, secrets);
      output.push({ json: { error: itemError(error, secrets) }, pairedItem: { item: itemIndex } });
    }
  }
  return output;
}
