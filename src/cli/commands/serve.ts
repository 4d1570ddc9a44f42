/** `sgbench serve`: the harness's event-based server, standalone, until SIGINT or SIGTERM. */
import { isIP } from 'node:net';
import type { CommandModule } from 'yargs';
import { Server } from '../../native.js';
import { DEFAULT_HOST, MAX_MESSAGE_BYTES } from '../../constants.js';
import { SpecError } from '../../errors.js';
import { parseByteSize } from '../../grid/units.js';
import { MODES, PEERS, type Mode, type Peer } from '../../types.js';
import { EXIT } from '../exit-codes.js';

interface ServeArgs {
  host: string;
  port: string;
  threads: string;
  cpu: string;
  log: boolean;
  peer: string;
  mode?: string;
  recv?: string;
}

/** `--peer raw --mode sink|echo --recv single:BYTES`; mode and shape come from the handshake otherwise. */
function peerOptions(argv: ServeArgs): { peer: Peer; mode?: Mode; recvBytes?: number } {
  const peer = argv.peer as Peer;
  if (!PEERS.includes(peer)) throw new SpecError('--peer', `must be one of ${PEERS.join(', ')}, got ${JSON.stringify(argv.peer)}`);
  if (peer === 'sgbench') {
    if (argv.mode !== undefined || argv.recv !== undefined) {
      throw new SpecError(argv.mode !== undefined ? '--mode' : '--recv', 'applies to --peer raw only: with sgbench clients the handshake sets it per connection');
    }
    return { peer };
  }
  const mode = (argv.mode ?? 'sink') as Mode;
  if (!MODES.includes(mode)) throw new SpecError('--mode', `must be one of ${MODES.join(', ')}, got ${JSON.stringify(argv.mode)}`);
  const recv = (argv.recv ?? 'single:64k').trim();
  const single = /^single:(.+)$/.exec(recv);
  if (!single?.[1]) throw new SpecError('--recv', `a raw peer has no message shape to mirror: give single:BYTES (e.g. single:64k), got ${JSON.stringify(argv.recv)}`);
  const recvBytes = parseByteSize('--recv', single[1]);
  if (recvBytes > MAX_MESSAGE_BYTES) {
    throw new SpecError('--recv', `single:BYTES holds at most ${MAX_MESSAGE_BYTES} bytes (64 MiB); got ${JSON.stringify(argv.recv)}`);
  }
  return { peer, mode, recvBytes };
}

/** An integer flag within [min, max]; `allowed` says so in words. */
function intFlag(flag: string, text: string, min: number, max: number, allowed: string): number {
  const value = /^\s*-?\d+\s*$/.test(String(text)) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const got = /^\s*-?\d+(\.\d+)?\s*$/.test(String(text)) ? String(text).trim() : JSON.stringify(text);
    throw new SpecError(flag, `${allowed}, got ${got}`);
  }
  return value;
}

/** A host name or address literal, checked for form only (it is resolved when the server binds). */
function checkHost(text: string): string {
  const host = String(text).trim();
  const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
  const isName = host.length <= 253 && host.split('.').every((l) => label.test(l)) && !/^[\d.]+$/.test(host);
  if (isIP(host) === 0 && !isName) {
    throw new SpecError('--host', `must be an IPv4 or IPv6 address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::1, myhost), without a port; got ${JSON.stringify(text)}`);
  }
  return host;
}

/** Every flag of `serve`, checked before anything listens. */
function serverOptions(argv: ServeArgs) {
  const peer = peerOptions(argv);
  return {
    host: checkHost(argv.host),
    port: intFlag('--port', argv.port, 0, 65535, 'must be an integer from 0 (ephemeral) to 65535'),
    threads: intFlag('--threads', argv.threads, 0, 64, 'must be an integer from 0 (automatic) to 64'),
    cpu: intFlag('--cpu', argv.cpu, -1, 4095, 'must be -1 (no pinning) or a CPU number from 0 to 4095'),
    log: argv.log,
    ...peer,
  };
}

/** Resolves with the signal that asked the process to stop. */
function untilStopSignal(): Promise<NodeJS.Signals> {
  // The server runs on native threads that do not hold Node's event loop open, and signal
  // listeners do not either: without this timer the process would exit at once.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      clearInterval(keepAlive);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Run the event-based server standalone, for `run --target` from this or another host',
  builder: (y) =>
    y
      .option('host', { type: 'string', requiresArg: true, default: DEFAULT_HOST, describe: 'Address to listen on (0.0.0.0 for every interface)' })
      .option('port', { type: 'string', requiresArg: true, default: '0', describe: 'TCP port; 0 picks a free one' })
      .option('threads', { type: 'string', requiresArg: true, default: '0', describe: 'Server event-loop threads; 0 = automatic' })
      .option('cpu', { type: 'string', requiresArg: true, default: '-1', describe: 'Pin server threads to this CPU; -1 = no pinning' })
      .option('log', { type: 'boolean', default: false, describe: 'Log refused handshakes and connection faults to stderr' })
      .option('peer', { type: 'string', requiresArg: true, default: 'sgbench', describe: 'sgbench (clients send the handshake) or raw (any TCP client, no handshake)' })
      .option('mode', { type: 'string', requiresArg: true, describe: 'With --peer raw: sink (count what arrives) or echo (send every chunk back); default sink' })
      .option('recv', { type: 'string', requiresArg: true, describe: 'With --peer raw: the receive buffer, single:BYTES (default single:64k)' })
      .example('$0 serve --host 0.0.0.0 --port 7100', 'serve other hosts on port 7100')
      .example('$0 run quick --target 10.0.0.2:7100', '(on the client) measure against that server')
      .example('$0 serve --peer raw --mode echo --port 7100', 'an echo server for any TCP client'),
  handler: async (argv) => {
    const options = serverOptions(argv);
    const server = Server.start(options);
    // Tests and scripts read this line to learn the port.
    process.stdout.write(`sgbench serve: listening on ${options.host}:${server.port}\n`);
    const signal = await untilStopSignal();
    const stats = server.stats();
    await server.stop();
    process.stdout.write(`sgbench serve: stopped (${signal}); ${stats.accepted} connections, ${stats.bytesReceived} bytes received\n`);
    // A clean stop, but by a signal: the shell convention 128 + signal number.
    process.exitCode = signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  },
};

export default serveCommand;
