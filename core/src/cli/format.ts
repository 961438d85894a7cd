// What the `textbridge` commands print for people (the --json forms print core's objects as they are).
import type { MessageAnalysis } from '../encoding/index.js';
import type { NumberWiring, SendOutput, WiringRepair, WiringStatus } from '../integration/index.js';
import type { NumberLookup } from '../plivo/index.js';

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Characters as the user typed them, quoted, with the code point for invisible ones. */
function charList(chars: readonly string[]): string {
  return chars
    .map((char) => {
      const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      return /^\p{L}|\p{N}|\p{P}|\p{S}|\p{Extended_Pictographic}/u.test(char) ? `"${char}" (${code})` : code;
    })
    .join(', ');
}

export function formatAnalysis(analysis: MessageAnalysis): string {
  const rows: [string, string][] = [
    ['Encoding', analysis.encoding],
    ['Parts', `${analysis.segmentCount} (${analysis.unitsPerSegment} units each; ${analysis.remainingInLastSegment} free in the last)`],
    ['Characters', String(analysis.characterCount)],
    ['Units', `${analysis.unitCount} (${analysis.encoding === 'GSM-7' ? 'septets; ^{}[~]|€\\ count 2' : 'UTF-16 code units'})`],
    ['Forces Unicode', analysis.nonGsmCharacters.length > 0 ? charList(analysis.nonGsmCharacters) : 'nothing'],
  ];
  const smart = analysis.smartEncoding;
  if (smart) {
    rows.push([
      'Smart encoding',
      smart.applied
        ? `applied: ${plural(smart.replacements.length, 'replacement')}${smart.savedSegments > 0 ? `, saves ${plural(smart.savedSegments, "part")}` : ", same number of parts"}` +
          (smart.declined.length > 0 ? `; ${plural(smart.declined.length, 'look-alike')} kept, replacing would add a part` : '')
        : smart.unconvertible.length > 0
          ? `not applied: ${charList(smart.unconvertible)} ${smart.unconvertible.length === 1 ? 'has' : 'have'} no GSM-7 form`
          : smart.declined.length > 0
            ? `not applied: replacing ${charList([...new Set(smart.declined.map((d) => d.from))])} would add a part`
            : 'not needed',
    ]);
  }
  if (analysis.exceedsPlivoLimit) rows.push(['Too long', 'Plivo refuses texts over 1,600 GSM-7 characters or 737 Unicode units']);
  const parts = analysis.segments.length > 1 ? analysis.segments.map((segment, i) => `  part ${i + 1}: ${segment}`) : [];
  const sent = smart?.applied ? [`Text sent:\n  ${analysis.text}`] : [];
  return [table(rows), ...sent, ...(parts.length > 0 ? ['Parts:', ...parts] : [])].join('\n');
}

export function formatSendOutput(output: SendOutput): string {
  if (output.status === 'queued') {
    const smart = output.smartEncodingApplied ? ', smart encoding applied' : '';
    return `Queued to ${output.to}: message ${output.messageUuid} (${output.encoding}, ${plural(output.segmentCount ?? 0, 'part')}${smart})`;
  }
  return `${output.status === 'unknown' ? 'Unknown' : 'Failed'} for ${output.to ?? '?'}: ${output.error?.message ?? 'no details'}`;
}

export function formatLookup(lookup: NumberLookup): string {
  const orDash = (value: string | null): string => value ?? '-';
  return table([
    ['Number', lookup.phoneNumber],
    ['Country', `${orDash(lookup.country.name)} (${orDash(lookup.country.iso2)})`],
    ['Carrier', orDash(lookup.carrier.name)],
    ['Line type', orDash(lookup.carrier.type)],
    ['Ported', orDash(lookup.carrier.ported)],
    ['National', orDash(lookup.format.national)],
    ['International', orDash(lookup.format.international)],
  ]);
}

const STATUS_WORDS: Readonly<Record<WiringStatus, string>> = {
  'points-here': 'points here',
  'points-elsewhere': 'points elsewhere',
  linked: 'linked',
  'no-application': 'no application',
  'application-missing': 'application missing (deleted)',
};

function applicationLabel(wiring: NumberWiring): string {
  if (wiring.appId === null) return '-';
  return wiring.appName ? `${wiring.appName} (${wiring.appId})` : wiring.appId;
}

/** One row per number: number, application, where it sends inbound SMS, and the status. */
export function formatWiringTable(wirings: readonly NumberWiring[]): string {
  const header = ['Number', 'Application', 'Sends inbound SMS to', 'Status'];
  const rows = wirings.map((wiring) => [
    wiring.number,
    applicationLabel(wiring),
    wiring.messageUrl ? `${wiring.messageMethod ?? 'POST'} ${wiring.messageUrl}` : '-',
    STATUS_WORDS[wiring.status],
  ]);
  if (rows.length === 0) return 'The account has no numbers.';
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

export function formatWiringRepair(repair: WiringRepair): string {
  const where = (wiring: NumberWiring): string =>
    wiring.appId === null ? 'no application' : `application ${applicationLabel(wiring)} -> ${wiring.messageUrl ?? 'no URL'}`;
  if (repair.action === 'unchanged') return `Unchanged   ${repair.number}: already sends to ${repair.after.messageUrl ?? '?'}`;
  const was = repair.before.appId === null ? where(repair.before) : `${where(repair.before)} (${STATUS_WORDS[repair.before.status]})`;
  return `Re-pointed  ${repair.number}: was ${was}; now ${where(repair.after)}`;
}
