// Text > Analyze: how a text will be encoded and split, computed locally by core (no Plivo call, no credential).
import { analyzeMessage } from '@textbridge/core/encoding';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

const showOnlyForAnalyze = { resource: ['text'], operation: ['analyze'] };

export const textDescription: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['text'] } },
    options: [
      {
        name: 'Analyze',
        value: 'analyze',
        action: 'Analyze a message text',
        description: 'Get the encoding, parts and characters that force Unicode, without sending anything',
      },
    ],
    default: 'analyze',
  },
  {
    displayName: 'Text',
    name: 'text',
    type: 'string',
    typeOptions: { rows: 4 },
    default: '',
    required: true,
    displayOptions: { show: showOnlyForAnalyze },
  },
  {
    displayName: 'Smart Encoding',
    name: 'smartEncoding',
    type: 'boolean',
    default: true,
    displayOptions: { show: showOnlyForAnalyze },
    description: 'Whether to also report what replacing look-alike characters (curly quotes, dashes…) would save',
  },
];

export function analyzeText(this: IExecuteFunctions, itemIndex: number): IDataObject {
  const text = this.getNodeParameter('text', itemIndex, '') as string;
  const smart = this.getNodeParameter('smartEncoding', itemIndex, true) as boolean;
  const plain = analyzeMessage(text, { smartEncoding: false });
  const json: IDataObject = {
    encoding: plain.encoding,
    segmentCount: plain.segmentCount,
    characterCount: plain.characterCount,
    unitCount: plain.unitCount,
    unitsPerSegment: plain.unitsPerSegment,
    remainingInLastSegment: plain.remainingInLastSegment,
    nonGsmCharacters: [...plain.nonGsmCharacters],
    exceedsPlivoLimit: plain.exceedsPlivoLimit,
    segments: [...plain.segments],
  };
  if (smart) {
    const improved = analyzeMessage(text, { smartEncoding: 'always' });
    json.smartEncoding = {
      encoding: improved.encoding,
      segmentCount: improved.segmentCount,
      savedSegments: improved.smartEncoding?.savedSegments ?? 0,
      text: improved.text,
      replacements: (improved.smartEncoding?.replacements ?? []).map((r) => ({ ...r })),
    };
  }
  return json;
}
