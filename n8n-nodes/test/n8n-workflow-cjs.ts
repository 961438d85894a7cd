// n8n-workflow as n8n-core sees it (CommonJS), for `vi.mock('n8n-workflow', …)` in the tests: the nodes and the
// engine must share one copy of its error classes.
import { createRequire } from 'node:module';
import type * as N8nWorkflow from 'n8n-workflow';

const require = createRequire(import.meta.url);
export default require('n8n-workflow') as typeof N8nWorkflow;
