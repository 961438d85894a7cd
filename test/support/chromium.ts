// Debian's Chromium driven by playwright-core (browsers cannot be downloaded here), with the flags that keep it
// quiet on a machine without network: used by the sandbox page test and the screenshot script.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

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
 * Whether browser checks can run. On a developer machine without Chromium they are skipped (with a note); in CI,
 * where `.ci/run` installs it, a missing browser is an error rather than a silent skip.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM_PATH} is missing in CI: .ci/run must install Debian's chromium.`);
  console.warn(`Skipping browser checks: ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
