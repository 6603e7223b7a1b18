// The floor for any node gateway on this machine: node:http in, one undici Pool out, the body parsed and
// re-serialized both ways (as any gateway that inspects requests must), nothing else: no auth, no
// routing, no signals, no records. What jaju costs above this line is jaju's own logic.
//   node bench/gateway/node-floor-proxy.js --upstream http://127.0.0.1:PORT --port N   (compiled by overhead.ts)
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({ options: { upstream: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!values.upstream) throw new Error('--upstream is required');
const pool = new Pool(values.upstream, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });

const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (request, response) => {
  const pieces: Buffer[] = [];
  request.on('data', (piece: Buffer) => pieces.push(piece));
  request.once('end', () => {
    const body = JSON.parse(Buffer.concat(pieces).toString('utf8')) as { model: string };
    pool
      .request({ path: request.url ?? '/', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, model: 'exaone-4.0-32b' }) })
      .then((upstream) => upstream.body.text())
      .then((text) => {
        const answer = JSON.stringify(JSON.parse(text));
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
        response.end(answer);
      })
      .catch(() => {
        response.writeHead(502).end();
      });
  });
});
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY http://127.0.0.1:${typeof address === 'object' && address ? address.port : ''}\n`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => void pool.close().finally(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
