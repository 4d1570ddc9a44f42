/** Runs the `sgbench` CLI in-process (`main(args)`) and captures its exit code, stdout and stderr. */
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[]): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
    // The test process must not inherit the command's exit code.
    process.exitCode = undefined;
  }
}
