// The virtual phones page as the server sends it: phones.html and phones.css as written, and phones.js compiled from
// phones.ts by its own TypeScript project (DOM library). Read once, when the first sandbox starts.
import { readFile } from 'node:fs/promises';

export interface PageAsset {
  text: string;
  contentType: string;
}

const FILES = [
  { paths: ['/', '/index.html'], file: 'phones.html', contentType: 'text/html; charset=utf-8' },
  { paths: ['/page.css'], file: 'phones.css', contentType: 'text/css; charset=utf-8' },
  { paths: ['/page.js'], file: 'phones.js', contentType: 'text/javascript; charset=utf-8' },
] as const;

/**
 * Where each file may be: beside this module (core/dist/sandbox/page, where the build puts all three), or — when the
 * sandbox runs from source (tests, tsx) — the compiled script in core/dist and the other two in core/src.
 */
const FOLDERS = [new URL('./', import.meta.url), new URL('../../../dist/sandbox/page/', import.meta.url), new URL('../../../src/sandbox/page/', import.meta.url)];

async function readFirst(file: string): Promise<string> {
  for (const folder of FOLDERS) {
    try {
      return await readFile(new URL(file, folder), 'utf8');
    } catch {
      // try the next folder
    }
  }
  throw new Error(`The sandbox page file ${file} is missing: run \`npm run build\` (it compiles and copies the page).`);
}

let loading: Promise<ReadonlyMap<string, PageAsset>> | undefined;

/** Path (`/`, `/page.js`, …) → asset. */
export function loadPageAssets(): Promise<ReadonlyMap<string, PageAsset>> {
  loading ??= (async () => {
    const assets = new Map<string, PageAsset>();
    for (const { paths, file, contentType } of FILES) {
      const text = await readFirst(file);
      for (const path of paths) assets.set(path, { text, contentType });
    }
    return assets;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
