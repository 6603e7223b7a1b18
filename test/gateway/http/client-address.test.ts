import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncomingMessage } from 'node:http';
import { ClientAddresses, normalizeAddress } from '../../../src/gateway/http/client-address.js';
import { parseConfig } from '../../../src/config/index.js';

const request = (peer: string, forwarded?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('client addresses (server.trustedProxies)', () => {
  it('takes the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const addresses = new ClientAddresses([]);
    assert.equal(addresses.clientAddress(request('203.0.113.7', '10.9.9.9')), '203.0.113.7');
    assert.equal(addresses.isTrustedProxy('127.0.0.1'), false);
  });

  it('reads X-Forwarded-For from the right behind a trusted proxy, skipping trusted hops', () => {
    const addresses = new ClientAddresses(['10.0.0.0/8', '192.0.2.10']);
    assert.equal(addresses.clientAddress(request('10.1.2.3', '198.51.100.4')), '198.51.100.4');
    assert.equal(addresses.clientAddress(request('10.1.2.3', '198.51.100.4, 192.0.2.10')), '198.51.100.4', 'a second trusted hop is skipped');
    assert.equal(
      addresses.clientAddress(request('10.1.2.3', '6.6.6.6, 198.51.100.4')),
      '198.51.100.4',
      'entries left of the first untrusted one were written by the client and are not believed',
    );
    assert.equal(addresses.clientAddress(request('10.1.2.3')), '10.1.2.3', 'no header: the proxy itself');
    assert.equal(addresses.clientAddress(request('10.1.2.3', 'not-an-address')), '10.1.2.3', 'a malformed entry ends the walk at the hop that vouched for it');
    assert.equal(addresses.clientAddress(request('10.1.2.3', '10.4.4.4')), '10.4.4.4', 'all hops trusted: the leftmost');
    assert.equal(addresses.clientAddress(request('198.51.100.9', '1.2.3.4')), '198.51.100.9', 'an untrusted peer cannot forward');
  });

  it('treats an IPv4 client on a dual-stack socket as its IPv4 address, and handles IPv6 ranges', () => {
    assert.equal(normalizeAddress('::ffff:10.0.0.1'), '10.0.0.1');
    const addresses = new ClientAddresses(['10.0.0.1', 'fd00::/8']);
    assert.equal(addresses.isTrustedProxy('::ffff:10.0.0.1'), true);
    assert.equal(addresses.clientAddress(request('fd00::5', '2001:db8::1')), '2001:db8::1');
  });

  it('rejects a bad entry in the config with its path', () => {
    assert.throws(() => parseConfig({ server: { trustedProxies: ['10.0.0.0/33'] } }), /server\.trustedProxies\[0\]: expected an IP address or a CIDR range/);
    assert.throws(() => parseConfig({ server: { trustedProxies: ['proxy.local'] } }), /server\.trustedProxies\[0\]/);
    assert.deepEqual(parseConfig({ server: { trustedProxies: ['10.0.0.0/8', '::1'] } }).server.trustedProxies, ['10.0.0.0/8', '::1']);
  });
});
