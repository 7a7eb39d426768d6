// Test and bench helper: fast-check arbitraries for hostile proxy input (request lines, Host headers, ports, CONNECT).
import fc from 'fast-check';

/** The only ports in range the input may name: this machine is shared, so no request may reach a stranger's server. */
export interface FuzzPorts {
  /** An origin that answers. */
  open: number;
  /** A port where nothing listens. */
  closed: number;
}

function portOf(ports: FuzzPorts): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(String(ports.open), String(ports.closed)),
    fc.integer({ min: 65_536, max: 200_000 }).map(String),
    fc.constantFrom('', '0', '-1', '99999', 'abc', '0x50', '1e3', '80 ', '+80', '99999999999999999999'),
  );
}

/** Spellings of this machine: only ever paired with one of the fuzz ports. */
const loopbackHost = fc.constantFrom(
  '127.0.0.1',
  'localhost',
  'web.localhost',
  '[::1]',
  '[::ffff:127.0.0.1]',
  '127.0.0.1.',
  '0',
);

/** Names that collide with object members, and bytes no host name may hold (no digits: `1.1` is a public address). */
const strangeHost = fc.oneof(
  fc.constantFrom(
    '::1',
    '[',
    ']',
    '',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    '%zz',
    'a b',
    'user@127.0.0.1',
  ),
  fc.constantFrom('..', '-', 'xn--', 'a'.repeat(300), '\u00e9t\u00e9', 'x.invalid'),
  fc.string({ unit: fc.constantFrom(...'ab.:[]@%-_ /?#\\\u00ff'), maxLength: 20 }),
);

const path = fc.oneof(
  fc.constantFrom('/', '/x?y=1', '//', '/%00', '/\u00ff', '/a b', ''),
  fc.string({ unit: fc.constantFrom(...'/?#&=%ab'), maxLength: 12 }),
);

/** Request-targets in every form (RFC 9112 §3.2) and a few no form at all. */
function targetOf(authority: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    path,
    fc
      .tuple(fc.constantFrom('http', 'https', 'HTTP', 'ws', 'ftp', 'javascript'), authority, path)
      .map(([s, a, p]) => `${s}://${a}${p}`),
    authority,
    fc.constantFrom('*', 'http://', 'http:///x', 'http://[::1', ' ', 'http://a:b:c/'),
  );
}

const method = fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'CONNECT', 'PUT', 'PRI', 'get', 'G=T', '');
/** Mostly versions Node's parser accepts, so most input reaches the proxy's own code. */
const version = fc.oneof(
  { arbitrary: fc.constantFrom('HTTP/1.1', 'HTTP/1.0'), weight: 8 },
  { arbitrary: fc.constantFrom('HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 x', '', 'HTTP/9'), weight: 1 },
);

function headersOf(authority: fc.Arbitrary<string>) {
  return fc.record({
    host: fc.option(fc.oneof(authority, fc.constantFrom('', ' ', '127.0.0.1:99999', 'web.localhost:8080')), {
      nil: undefined,
    }),
    secondHost: fc.option(authority, { nil: undefined }),
    upgrade: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
    body: fc.constantFrom(
      '',
      '',
      '',
      'Content-Length: 5\r\n',
      'Content-Length: -1\r\n',
      'Transfer-Encoding: chunked\r\n',
      'Content-Length: 99999999999\r\n',
    ),
  });
}

/** What follows a CONNECT: nothing, an inner request, the start of a TLS hello, or noise. */
function afterConnectOf(authority: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(''),
    fc.tuple(path, authority).map(([p, a]) => `GET ${p || '/'} HTTP/1.1\r\nHost: ${a}\r\n\r\n`),
    fc.constant('\u0016\u0003\u0001\u0000\u0005\u0001\u0000\u0000\u0001\u0000'),
    fc.string({ maxLength: 30 }),
  );
}

/** One hostile request as the bytes a client would send (latin1, so any byte can appear). */
export function hostileRequest(ports: FuzzPorts): fc.Arbitrary<Buffer> {
  const port = portOf(ports);
  // A host without a port means 80 or 443: only strange hosts go without one.
  const authority = fc.oneof(
    fc.tuple(fc.oneof(loopbackHost, strangeHost), port).map(([h, p]) => `${h}:${p}`),
    strangeHost,
  );
  return fc
    .record({
      method,
      target: targetOf(authority),
      version,
      headers: headersOf(authority),
      afterConnect: afterConnectOf(authority),
    })
    .map(({ method: m, target: t, version: v, headers: h, afterConnect: tail }) => {
      let text = `${m} ${t} ${v}`.trimEnd() + '\r\n';
      if (h.host !== undefined) text += `Host: ${h.host}\r\n`;
      if (h.secondHost !== undefined) text += `Host: ${h.secondHost}\r\n`;
      if (h.upgrade)
        text +=
          'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';
      text += `${h.body}\r\n`;
      if (h.body) text += 'hello';
      if (m === 'CONNECT') text += tail;
      return Buffer.from(text, 'latin1');
    });
}
