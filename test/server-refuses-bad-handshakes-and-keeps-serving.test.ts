import { connect } from 'node:net';
import { expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { useServer } from './helpers/in-process-server.js';

const srv = useServer();
const MAGIC = 0x31424753;

function hello(fields: { magic?: number; version?: number; count?: number; sizes?: number[] }): Buffer {
  const sizes = fields.sizes ?? [];
  const b = Buffer.alloc(40 + 4 * sizes.length);
  b.writeUInt32LE(fields.magic ?? MAGIC, 0);
  b.writeUInt16LE(fields.version ?? 1, 4);
  b.writeUInt8(1, 6); // data connection
  b.writeUInt8(0, 7); // sink
  b.writeUInt32LE(fields.count ?? sizes.length, 12);
  b.writeBigUInt64LE(42n, 16);
  sizes.forEach((s, i) => b.writeUInt32LE(s, 40 + 4 * i));
  return b;
}

/** Sends raw bytes, returns the server's reply (status, message) and whether it then closed. */
function exchange(bytes: Buffer): Promise<{ status: number; message: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const s = connect(srv.port(), '127.0.0.1');
    let got = Buffer.alloc(0);
    const timer = setTimeout(() => reject(new Error('no answer within 3 s')), 3000);
    s.on('data', (d) => (got = Buffer.concat([got, d])));
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      if (got.length < 64) return reject(new Error(`short reply: ${got.length} bytes`));
      resolve({ status: got.readUInt32LE(4), message: got.subarray(8, 64).toString('utf8').replace(/\0+$/, ''), closed: true });
    });
    s.write(bytes);
  });
}

test.each([
  ['wrong magic', hello({ magic: 0xdeadbeef, sizes: [64] }), /bad magic/],
  ['wrong version', hello({ version: 9, sizes: [64] }), /protocol version 9/],
  ['0 buffers', hello({ sizes: [] }), /buffer count 0 out of range 1\.\.1024/],
  ['2^31 bytes', hello({ sizes: [0x80000000] }), /message larger than 67108864/],
  ['1025 buffers', hello({ count: 1025, sizes: [] }), /buffer count 1025/],
  ['a zero-size buffer', hello({ sizes: [64, 0] }), /buffer 1 has size 0/],
])('%s is refused with a reason, the connection closed, and a good client is served after it', async (_name, bytes, reason) => {
  const reply = await exchange(bytes);
  expect(reply.status).not.toBe(0);
  expect(reply.message).toMatch(reason);
  expect(reply.closed).toBe(true);
  const s = await Session.open({ buffers: Array(16).fill(64), verify: true, port: srv.port() });
  const r = await s.sample({ bytes: 1024 * 100 });
  await s.close();
  expect(r.bytes).toBe(1024 * 100);
  expect(srv.server().stats().refused).toBeGreaterThan(0);
});
