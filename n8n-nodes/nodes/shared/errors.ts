// Core's TextbridgeError -> what n8n shows: NodeOperationError for bad input (naming the item and field),
// NodeApiError for what Plivo (or the network to it) answered; core's hint becomes the description. Everything shown
// is redacted again with the node's own credentials (core's redactor), as a second guard.
import { createRedactor, isInputError, TextbridgeError } from '@textbridge/core/errors';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export interface ItemError extends IDataObject {
  code: string;
  message: string;
  hint: string;
  field: string | null;
}

export function asTextbridgeError(error: unknown): TextbridgeError {
  if (error instanceof TextbridgeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TextbridgeError('INVALID_INPUT', message, { cause: error });
}

/** The `{ code, message, hint, field }` object a continue-on-fail item carries. */
export function itemError(error: unknown, secrets: readonly string[] = []): ItemError {
  const e = asTextbridgeError(error);
  const redactor = createRedactor(secrets);
  return {
    code: e.code,
    message: redactor.text(e.message),
    hint: redactor.text(e.hint),
    field: e.field === undefined ? null : redactor.text(e.field),
  };
}

export function toNodeError(
  node: INode,
  error: unknown,
  itemIndex: number,
  secrets: readonly string[] = [],
): NodeApiError | NodeOperationError {
  const redactor = createRedactor(secrets);
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return redactor.value(error);
  const e = asTextbridgeError(error);
  const details = itemError(e, secrets);
  if (isInputError(e)) {
    const where = e.field ? ` (field "${e.field}")` : '';
    return new NodeOperationError(node, `Item ${itemIndex}${where}: ${details.message}`, {
      itemIndex,
      description: details.hint,
    });
  }
  // Not `code`: n8n would read it as the HTTP status.
  const response: JsonObject = { message: details.message, textbridgeCode: details.code };
  if (e.apiId !== undefined) response.apiId = redactor.text(e.apiId);
  if (e.plivoError !== undefined) response.plivoError = redactor.text(e.plivoError);
  return new NodeApiError(node, response, {
    message: details.message,
    description: details.hint,
    itemIndex,
    ...(e.status === undefined ? {} : { httpCode: String(e.status) }),
  });
}
