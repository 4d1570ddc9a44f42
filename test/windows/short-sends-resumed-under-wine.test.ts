import { expect, test } from 'vitest';
import { readCsv } from './csv.js';
import { runWine, scratchFile, winPath, WIN_EXE } from './wine.js';

// 4 × 65 537 B messages through a 4 KiB SO_SNDBUF: no single call can move a whole message.
const SHAPE = '65537,65537,65537,65537';
const MESSAGE = 4 * 65_537;
const CONNECTIONS = 2;
const MESSAGES = 6;
const OPS_PER_MESSAGE = { gather: 1, coalesce: 1, sequential: 4 } as const;
type Strategy = keyof typeof OPS_PER_MESSAGE;

async function tinySendBuffer(model: string, strategy: Strategy) {
  const samples = scratchFile(`short-${model}-${strategy}.samples.csv`);
  const r = await runWine(WIN_EXE, [
    'run', '--model', model, '--strategy', strategy, '--shape', SHAPE, '--connections', String(CONNECTIONS),
    '--sndbuf', '4096', '--rcvbuf', '4096', '--bytes', String(MESSAGE * MESSAGES * CONNECTIONS),
    '--samples', '1', '--warmup', '0', '--verify', '--timeout', '120000', '--samples-out', winPath(samples),
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const row = readCsv(samples).rows[0]!;
  const n = (c: string) => Number(row[c]);
  // bytes is the server's count of what it received and verified.
  expect(n('messages')).toBe(MESSAGES * CONNECTIONS);
  expect(n('bytes')).toBe(MESSAGES * CONNECTIONS * MESSAGE);
  return { partialSends: n('partial_sends'), sendCalls: n('send_calls'), ops: n('messages') * OPS_PER_MESSAGE[strategy] };
}

// Non-blocking WSASend (readiness) on a full send buffer moves what fits and returns the count
// (Microsoft docs: WSASend, non-overlapped sockets; Wine does the same): the core resumes mid-array.
test.each(['gather', 'coalesce', 'sequential'] as const)('readiness/%s: tiny SO_SNDBUF gives short WSASends, each resumed mid-array, every byte verified', async (strategy) => {
  const r = await tinySendBuffer('readiness', strategy);
  console.log(`readiness/${strategy}, 4 KiB SO_SNDBUF: ${r.partialSends} short sends resumed in ${r.sendCalls} calls`);
  expect(r.partialSends).toBeGreaterThan(0);
  // Every short send costs at least one more call (a WSAEWOULDBLOCK attempt counts as a call too).
  expect(r.sendCalls).toBeGreaterThanOrEqual(r.ops + r.partialSends);
}, 300_000);

// Wine completes an overlapped (and a blocking) stream send only once every byte is out, whatever
// SO_SNDBUF is, so these models' resume path cannot be forced here; the counts must still agree:
// one call per operation plus one per resumption.
test.each(['overlapped-event', 'overlapped-callback', 'completion-port', 'blocking'] as const)('%s: tiny SO_SNDBUF, every byte verified, one call per operation plus one per short completion', async (model) => {
  const r = await tinySendBuffer(model, 'gather');
  console.log(`${model}, 4 KiB SO_SNDBUF, 4 × 65 537 B gathered: ${r.partialSends} short completions in ${r.sendCalls} calls`);
  expect(r.sendCalls).toBe(r.ops + r.partialSends);
}, 300_000);
