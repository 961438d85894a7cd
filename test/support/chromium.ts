// Debian's Chromium driven by playwright-core (browsers cannot be downloaded here), with the flags that keep it
// quiet on a machine without network: used by the sandbox page test and the screenshot script.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium by default; TEXTBRIDGE_CHROMIUM names another Chromium or Chrome binary (e.g. on GitHub's runners). */
export const CHROMIUM_PATH = process.env.TEXTBRIDGE_CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Fails with the command that fixes it when the browser is missing: a browser check is part of `npm test` and never
 * skips silently (README's quick start lists Chromium as a prerequisite).
 */
export function requireChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  throw new Error(
    `Chromium is missing (${CHROMIUM_PATH}): the virtual-phones page test needs it. Install it with ` +
      '`sudo apt-get install -y chromium` (Debian/Ubuntu), or set TEXTBRIDGE_CHROMIUM to a Chromium or Chrome binary.',
  );
}

export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
