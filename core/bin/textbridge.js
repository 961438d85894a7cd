#!/usr/bin/env node
// The `textbridge` command. A committed launcher rather than a link straight into dist/: npm links a workspace's bins
// at install time, before anything is built, and skips targets that do not exist yet. `npm install` builds dist/
// afterwards (the root `prepare` script).
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin/textbridge.js', import.meta.url);
if (!existsSync(built)) {
  console.error('textbridge is not built yet: run `npm run build` in the Textbridge repository (npm install does it).');
  process.exit(1);
}
await import(built.href);
