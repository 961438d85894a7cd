import type { IDataObject } from 'n8n-workflow';

/** Core's typed results as n8n item json: plain JSON, without the `raw` copy of Plivo's answer. */
export function toJson(value: object): IDataObject {
  const json: IDataObject = {};
  for (const [key, entry] of Object.entries(value)) if (key !== 'raw') json[key] = entry as IDataObject[string];
  return JSON.parse(JSON.stringify(json)) as IDataObject;
}
