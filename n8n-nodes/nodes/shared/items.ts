// Output items paired to their input: the per-item loop of operations that make one Plivo call per input item, and
// the item a failure becomes under "continue on fail" instead of a failed run.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { itemError, toNodeError } from './errors.js';

/**
 * A failed item under "continue on fail": `{ error: { code, message, hint, field }, details? }`. Nothing else may sit
 * beside `error`, `message` and `details`: that is how n8n recognises a failed item and moves it to the error output
 * under "Continue (using error output)" (an `error` on the item itself would make n8n replace its json with the bare
 * message). `details` carries what the operation knows besides the error, e.g. each recipient's result.
 */
export function errorItem(
  error: unknown,
  itemIndex: number,
  secrets: readonly string[],
  details?: IDataObject,
): INodeExecutionData {
  const json: IDataObject = { error: itemError(error, secrets) };
  if (details !== undefined) json.details = details;
  return { json, pairedItem: { item: itemIndex } };
}

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
      output.push(errorItem(error, itemIndex, secrets));
    }
  }
  return output;
}
