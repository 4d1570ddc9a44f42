import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import reportCommand from '../src/cli/commands/report.js';
import adviseCommand from '../src/cli/commands/advise.js';
import { runCommand } from './helpers/run-command.js';

const HEADER = 'model,strategy,buffers,buffer_bytes,connections,bytes_per_s,rme_pct';
const CASES: [name: string, text: string, problem: RegExp][] = [
  ['non-number', `${HEADER}\nblocking,gather,4,4096,1,fast,2\n`, /line 2: column bytes_per_s is "fast", not a number/],
  ['ragged', `${HEADER}\nblocking,gather,4,4096,1,1e9\n`, /line 2: not a valid CSV/],
  ['unclosed quote', `${HEADER}\n"blocking,gather,4,4096,1,1e9,2\n`, /not a valid CSV/],
  ['missing column', 'model,strategy,buffers,connections\nblocking,gather,4,1\n', /line 1: missing column bytes_per_s/],
  ['bad count', `${HEADER}\nblocking,gather,0,4096,1,1e9,2\n`, /line 2: column buffers is 0, not an integer ≥ 1/],
  ['empty', '', /the file is empty/],
  ['header only', `${HEADER}\n`, /no cell rows after the header/],
];

describe('a malformed CSV', () => {
  for (const [name, text, problem] of CASES) {
    it(`exits 2 naming the file and the problem (${name})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sgbench-malformed-'));
      const csv = join(dir, `${name.replace(/ /g, '-')}.csv`);
      writeFileSync(csv, text);
      const out = join(dir, 'out.html');

      const report = await runCommand(reportCommand, ['report', csv, '--out', out]);
      expect(report.code).toBe(2);
      expect(report.stderr).toMatch(new RegExp(`^Error: ${csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(report.stderr).toMatch(problem);
      expect(existsSync(out)).toBe(false);

      const advise = await runCommand(adviseCommand, ['advise', csv]);
      expect(advise.code).toBe(2);
      expect(advise.stderr).toMatch(problem);
    });
  }

  it('exits 2 when the file does not exist', async () => {
    const missing = join(tmpdir(), 'sgbench-no-such-file.csv');
    const result = await runCommand(reportCommand, ['report', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`Error: ${missing}: cannot read the file (ENOENT)\n`);
  });
});
