// The app's version is the package's, read at run time (from src/ in tests, dist/ when built: both sit beside it).
import { createRequire } from 'node:module';

export const APP_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
