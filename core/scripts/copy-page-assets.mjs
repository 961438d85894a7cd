// After `tsc -b` compiled the page's script into core/dist/sandbox/page/, copy its HTML and CSS beside it, so the
// built package serves the page without its sources.
import { copyFileSync, mkdirSync } from 'node:fs';

const from = new URL('../src/sandbox/page/', import.meta.url);
const to = new URL('../dist/sandbox/page/', import.meta.url);
mkdirSync(to, { recursive: true });
for (const file of ['phones.html', 'phones.css']) copyFileSync(new URL(file, from), new URL(file, to));
