// A server process that starts listening only when told: reads a port number on stdin, starts
// the event-based server there and prints "listening on HOST:PORT". Lets a test replace a killed
// server within milliseconds. Needs the compiled sources (dist/, see buildCli()).
import { Server } from '../../dist/src/native.js';

let input = '';
process.stdin.setEncoding('utf8').on('data', (d) => {
  input += d;
  if (!input.includes('\n')) return;
  const server = Server.start({ host: '127.0.0.1', port: Number(input.trim()) });
  process.stdout.write(`listening on 127.0.0.1:${server.port}\n`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
