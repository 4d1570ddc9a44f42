/** `sgbench serve`: the harness's event-based server, standalone, until SIGINT or SIGTERM. */
import type { CommandModule } from 'yargs';
import { Server } from '../../native.js';
import { DEFAULT_HOST } from '../../constants.js';
import { SpecError } from '../../errors.js';
import { parseByteSize } from '../../grid/units.js';
import { MODES, PEERS, type Mode, type Peer } from '../../types.js';
import { EXIT } from '../exit-codes.js';

interface ServeArgs {
  host: string;
  port: number;
  threads: number;
  cpu: number;
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
  return { peer, mode, recvBytes: parseByteSize('--recv', single[1]) };
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SpecError('--port', `must be an integer from 0 (ephemeral) to 65535, got ${port}`);
  }
  return port;
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
      .option('host', { type: 'string', default: DEFAULT_HOST, describe: 'Address to listen on (0.0.0.0 for every interface)' })
      .option('port', { type: 'number', default: 0, describe: 'TCP port; 0 picks a free one' })
      .option('threads', { type: 'number', default: 0, describe: 'Server event-loop threads; 0 = automatic' })
      .option('cpu', { type: 'number', default: -1, describe: 'Pin server threads to this CPU; -1 = no pinning' })
      .option('log', { type: 'boolean', default: false, describe: 'Log refused handshakes and connection faults to stderr' })
      .option('peer', { type: 'string', default: 'sgbench', describe: 'sgbench (clients send the handshake) or raw (any TCP client, no handshake)' })
      .option('mode', { type: 'string', requiresArg: true, describe: 'With --peer raw: sink (count what arrives) or echo (send every chunk back); default sink' })
      .option('recv', { type: 'string', requiresArg: true, describe: 'With --peer raw: the receive buffer, single:BYTES (default single:64k)' })
      .example('$0 serve --host 0.0.0.0 --port 7100', 'serve other hosts on port 7100')
      .example('$0 run quick --target 10.0.0.2:7100', '(on the client) measure against that server')
      .example('$0 serve --peer raw --mode echo --port 7100', 'an echo server for any TCP client'),
  handler: async (argv) => {
    const peer = peerOptions(argv);
    const server = Server.start({
      host: argv.host,
      port: checkPort(argv.port),
      threads: argv.threads,
      cpu: argv.cpu,
      log: argv.log,
      ...peer,
    });
    // Tests and scripts read this line to learn the port.
    process.stdout.write(`sgbench serve: listening on ${argv.host}:${server.port}\n`);
    const signal = await untilStopSignal();
    const stats = server.stats();
    await server.stop();
    process.stdout.write(`sgbench serve: stopped (${signal}); ${stats.accepted} connections, ${stats.bytesReceived} bytes received\n`);
    // A clean stop, but by a signal: the shell convention 128 + signal number.
    process.exitCode = signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  },
};

export default serveCommand;
