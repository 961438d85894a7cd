// Runs the analysis of `@n8n/scan-community-package` (n8n's gate for community packages) on a folder: its CLI only
// scans packages published on npm, so this calls the scanner's exported `analyzePackage` the way the CLI does —
// the unpacked tarball with `--dist` (compiled JS + package.json), the package sources with `--source`.
// Usage: node scripts/scan.mjs --dist <unpacked package dir> | --source <package source dir>
// Prints the scanner's findings and exits 1 when it would refuse the package.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [mode, dir] = process.argv.slice(2);
const patterns = { '--dist': ['**/*.js', 'package.json'], '--source': SOURCE_FILE_PATTERNS }[mode];
if (!patterns || !dir) {
  console.error('Usage: node scripts/scan.mjs --dist <unpacked package dir> | --source <package source dir>');
  process.exit(2);
}
const result = await analyzePackage(dir, patterns);
if (result.passed) {
  console.log(`n8n community package scan (${mode.slice(2)}): passed`);
} else {
  console.log(`n8n community package scan (${mode.slice(2)}): ${result.message}\n${result.details ?? ''}`);
  process.exitCode = 1;
}
