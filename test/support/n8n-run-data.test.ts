// Reading `n8n execute --rawOutput`: log lines first, then the run as indented JSON.
import { describe, expect, it } from 'vitest';
import { nodeOutputItems, parseExecuteOutput } from './n8n-run-data.js';

const run = {
  data: {
    resultData: {
      runData: {
        Start: [{ startTime: 1, executionTime: 1, data: { main: [[{ json: {} }]] } }],
        Send: [
          { startTime: 2, executionTime: 5, data: { main: [[{ json: { n: 1 } }]] } },
          { startTime: 9, executionTime: 7, data: { main: [[{ json: { n: 2 } }, { json: { n: 3 } }]] } },
        ],
        Broken: [{ startTime: 3, executionTime: 1, error: { message: 'Bad request' } }],
      },
      lastNodeExecuted: 'Send',
    },
  },
};

const printed = ['Initializing n8n process', 'Loaded 1 custom node { "a": 1 }', JSON.stringify(run, null, 2), ''].join('\n');

describe('parseExecuteOutput', () => {
  it('takes the JSON block after the log lines', () => {
    expect(parseExecuteOutput(printed)).toEqual(run);
  });

  it('says so when n8n printed no result', () => {
    expect(() => parseExecuteOutput('Initializing n8n process\nError executing workflow\n')).toThrow(/printed no JSON result/);
  });
});

describe('nodeOutputItems', () => {
  it('returns the main output of the last run of a node', () => {
    expect(nodeOutputItems(parseExecuteOutput(printed), 'Send').map((item) => item.json)).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('names the nodes that ran when asked for one that did not', () => {
    expect(() => nodeOutputItems(parseExecuteOutput(printed), 'Reply')).toThrow('Node "Reply" did not run; these did: Start, Send, Broken.');
  });

  it('reports the error of a failed node', () => {
    expect(() => nodeOutputItems(parseExecuteOutput(printed), 'Broken')).toThrow('Node "Broken" failed: Bad request');
  });
});
