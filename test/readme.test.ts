// The README is part of the product: its error table and its encoding example must say what the code does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_HINTS, analyzeMessage } from '../core/src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every error code with its hint, and no code that does not exist', () => {
    for (const code of ERROR_CODES) expect(readme).toContain(`| \`${code}\` | ${ERROR_HINTS[code]} |`);
    const listed = [...readme.matchAll(/^\| `([A-Z_]+)` \| /gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...ERROR_CODES].sort());
  });

  it('shows analyzeMessage results that the code really produces', () => {
    const text = readme.match(/const text = '([^']+)';/)?.[1];
    expect(text).toBeDefined();
    const plain = analyzeMessage(text!);
    expect(plain).toMatchObject({ encoding: 'UCS-2', segmentCount: 2, unitCount: 105, nonGsmCharacters: ['—', '“', '”'] });
    const smart = analyzeMessage(text!, { smartEncoding: true });
    expect(smart).toMatchObject({ encoding: 'GSM-7', segmentCount: 1, unitCount: 105 });
    expect(smart.smartEncoding).toMatchObject({ applied: true, savedSegments: 1 });
    expect(smart.smartEncoding?.replacements[0]).toEqual({ from: '—', to: '-', index: 61 });
  });

  it('gives the two commands and the test command CI runs', () => {
    expect(readme).toMatch(/^npm start\b/m);
    expect(readme).toMatch(/^npm test\b/m);
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/^npm test$/m);
  });
});
