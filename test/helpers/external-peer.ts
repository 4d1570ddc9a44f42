/** Programs nobody here wrote (socat, nc) as peers: started, waited for, always stopped. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Throws with the install hint when `program` is not on the PATH. */
export function requireProgram(program: string, aptPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`${program} is not installed: apt-get install -y ${aptPackage}`);
}

/** A loopback port that was free a moment ago (for programs that cannot report an ephemeral one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port (probing with socat itself would use up a one-shot listener, so this polls /proc). */
export async function waitForListener(port: number, timeoutMs = 10_000): Promise<void> {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const deadline = Date.now() + timeoutMs;
  const { readFileSync } = await import('node:fs');
  while (Date.now() < deadline) {
    const table = readFileSync('/proc/net/tcp', 'utf8');
    // Local address 0100007F:PORT (127.0.0.1) or 00000000:PORT, state 0A = LISTEN.
    if (new RegExp(`^\\s*\\d+: (0100007F|00000000):${hex} 00000000:0000 0A `, 'm').test(table)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

export interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts a program; `exited` settles when it ends. */
export function startProgram(program: string, args: string[]): { child: ChildProcess; exited: Promise<Exited> } {
  const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<Exited>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, exited };
}

/** Stops a started program if it still runs, and waits for it. */
export async function stopProgram(p: { child: ChildProcess; exited: Promise<Exited> }): Promise<Exited> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  return p.exited;
}
