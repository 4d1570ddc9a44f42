/** `--target HOST:PORT`: where a running `sgbench serve` listens. */
import { SpecError } from '../errors.js';

export interface Target {
  host: string;
  port: number;
}

/**
 * Reads `HOST:PORT` or `[IPv6]:PORT`.
 * @throws SpecError naming `--target`.
 */
export function parseTarget(text: string): Target {
  const match = /^\s*(?:\[([^\]]+)\]|([^:\s]+)):(\d+)\s*$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SpecError('--target', `must be HOST:PORT (e.g. 127.0.0.1:7100 or [::1]:7100, port 1 to 65535); got ${JSON.stringify(text)}`);
  }
  return { host, port };
}
