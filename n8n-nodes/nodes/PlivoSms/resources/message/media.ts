// MMS files from the item's binary properties: read, checked by core against Plivo's limits (nothing is uploaded when
// a file is wrong), uploaded with Plivo's Media API, and sent as media ids.
import { TextbridgeError } from '@textbridge/core/errors';
import { checkMediaFiles, type MediaCheckOptions, type MediaFile, type PlivoClient } from '@textbridge/core/plivo';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

const FIELD = 'options.mediaFromBinary';

export const mediaFromBinaryOption: INodeProperties = {
  displayName: 'Media From Binary',
  name: 'mediaFromBinary',
  type: 'string',
  default: '',
  displayOptions: { show: { '/messageType': ['mms'] } },
  placeholder: 'e.g. data, attachment',
  description: 'Binary properties of the item to send as MMS files, comma-separated',
};

/** The media ids of the item's files, uploaded; none when the option is empty. */
export async function mediaIdsFromBinary(
  context: IExecuteFunctions,
  item: INodeExecutionData,
  itemIndex: number,
  names: string | undefined,
  message: MediaCheckOptions,
  client: () => Promise<PlivoClient>,
): Promise<string[]> {
  const properties = (names ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (properties.length === 0) return [];
  const binary = item.binary ?? {};
  const files: MediaFile[] = [];
  for (const name of properties) {
    const meta = binary[name];
    if (!meta) {
      throw new TextbridgeError('INVALID_INPUT', `${FIELD}: the item has no binary property "${name}".`, {
        field: FIELD,
        hint: `It has: ${Object.keys(binary).join(', ') || 'none'}.`,
      });
    }
    files.push({ fileName: meta.fileName, contentType: meta.mimeType, data: await context.helpers.getBinaryDataBuffer(itemIndex, name) });
  }
  const checked = checkMediaFiles(files, { field: FIELD, file: (index) => `binary property "${properties[index]}"` }, message);
  const signal = context.getExecutionCancelSignal();
  return (await client()).uploadMedia(checked, signal ? { signal } : {});
}
