// What `n8n execute --rawOutput` prints, and how to read node outputs out of it. n8n logs lines before the result, then
// prints the run as indented JSON: the result is the block from the line `{` to the last line `}`.

export interface N8nItem {
  json: Record<string, unknown>;
  pairedItem?: { item: number; input?: number } | { item: number; input?: number }[] | number;
  binary?: Record<string, unknown>;
  error?: unknown;
}

export interface N8nTaskData {
  startTime: number;
  /** Milliseconds the node took in this run. */
  executionTime: number;
  executionStatus?: string;
  data?: { main?: (N8nItem[] | null)[] };
  error?: { message?: string; description?: string };
}

/** The parts of n8n's IRun the tests and the benchmark read. */
export interface N8nRun {
  mode?: string;
  status?: string;
  finished?: boolean;
  startedAt?: string;
  stoppedAt?: string;
  data: {
    resultData: {
      runData: Record<string, N8nTaskData[]>;
      lastNodeExecuted?: string;
      error?: { message?: string; description?: string };
    };
  };
}

export function parseExecuteOutput(stdout: string): N8nRun {
  const lines = stdout.split('\n');
  const start = lines.indexOf('{');
  const end = lines.lastIndexOf('}');
  if (start === -1 || end < start) {
    throw new Error(`n8n execute printed no JSON result. Its output ended with:\n${lines.slice(-30).join('\n')}`);
  }
  const run = JSON.parse(lines.slice(start, end + 1).join('\n')) as N8nRun;
  if (!run?.data?.resultData?.runData) throw new Error('n8n execute printed JSON without data.resultData.runData.');
  return run;
}

/** The last run of `nodeName` (a node runs more than once in loops). */
export function nodeTask(run: N8nRun, nodeName: string): N8nTaskData {
  const tasks = run.data.resultData.runData[nodeName];
  const task = tasks?.[tasks.length - 1];
  if (!task) {
    const ran = Object.keys(run.data.resultData.runData).join(', ');
    throw new Error(`Node "${nodeName}" did not run; these did: ${ran || '(none)'}.`);
  }
  return task;
}

/** Items on output `output` (0 = the main one) of the last run of `nodeName`. */
export function nodeOutputItems(run: N8nRun, nodeName: string, output = 0): N8nItem[] {
  const task = nodeTask(run, nodeName);
  if (task.error) throw new Error(`Node "${nodeName}" failed: ${task.error.message ?? 'unknown error'}`);
  return task.data?.main?.[output] ?? [];
}
