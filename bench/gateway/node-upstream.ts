// The alternative fake upstream: the cheapest node:http server that answers a chat completion (the body is
// drained, never parsed; the answer is one prebuilt buffer). overhead.ts measures its CPU per request
// against nginx's `return 200`, and uses whichever leaves more CPU for the gateway under test.
//   node bench/gateway/node-upstream.ts --port N   (plain JS-compatible TypeScript: runs under tsx or node)
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { UPSTREAM_RESPONSE } from './bench-workload.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const answer = Buffer.from(UPSTREAM_RESPONSE, 'utf8');
const headers = { 'content-type': 'application/json', 'content-length': String(answer.length) };

const server = createServer({ keepAliveTimeout: 300_000, requestTimeout: 0 }, (request, response) => {
  request.resume();
  request.once('end', () => {
    if (request.url === '/v1/chat/completions') {
      response.writeHead(200, headers);
      response.end(answer);
    } else {
      response.writeHead(404).end();
    }
  });
});
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
