import { describe, expect, it } from '@jest/globals';
import { execStartCommand } from '../../../src/extract/systemd/execStart.js';
import { parseListenAddress } from '../../../src/extract/systemd/listenAddress.js';
import { parseUnitFile, positionInValue } from '../../../src/extract/systemd/unitFile.js';
import { unitOfPath, unitServiceName } from '../../../src/extract/systemd/unitName.js';
import { splitUnitWords } from '../../../src/extract/systemd/unitWords.js';

describe('parseUnitFile', () => {
  it('reads sections, keys and values with the position of each value', () => {
    const { entries, problems } = parseUnitFile(['# comment', '; also a comment', '[Unit]', 'Description = Redis', '', '[Socket]', '  ListenStream=6379  '].join('\n'));
    expect(problems).toEqual([]);
    expect(entries.map(({ section, key, value, line }) => ({ section, key, value, line }))).toEqual([
      { section: 'Unit', key: 'Description', value: 'Redis', line: 4 },
      { section: 'Socket', key: 'ListenStream', value: '6379', line: 7 },
    ]);
    expect(positionInValue(entries[0]!, 0)).toEqual({ line: 4, column: 15 });
    expect(positionInValue(entries[1]!, 0)).toEqual({ line: 7, column: 16 });
  });

  it('joins continued lines with a space, drops comment lines inside them, and maps offsets back to each line', () => {
    const text = ['[Service]', 'ExecStart=/usr/bin/app \\', '# not part of the command', '    --port 8080 \\', '  --bind 0.0.0.0'].join('\n');
    const { entries } = parseUnitFile(text);
    const exec = entries[0]!;
    expect(exec.value).toBe('/usr/bin/app  --port 8080  --bind 0.0.0.0');
    expect(positionInValue(exec, exec.value.indexOf('8080'))).toEqual({ line: 4, column: 12 });
    expect(positionInValue(exec, exec.value.indexOf('0.0.0.0'))).toEqual({ line: 5, column: 10 });
    expect(positionInValue(exec, exec.value.indexOf('app'))).toEqual({ line: 2, column: 20 });
  });

  it('ends a continuation at an empty line and at the end of the file', () => {
    const { entries } = parseUnitFile('[Service]\nEnvironment=A=1 \\\n\nExecStart=/bin/x \\');
    expect(entries.map((entry) => [entry.key, entry.value])).toEqual([
      ['Environment', 'A=1  '],
      ['ExecStart', '/bin/x  '],
    ]);
  });

  it('reads CRLF files', () => {
    const { entries } = parseUnitFile('[Socket]\r\nListenStream=80\r\n');
    expect(entries.map((entry) => entry.value)).toEqual(['80']);
  });

  it('reports lines it cannot read, and assignments outside a section, with their line', () => {
    const { entries, problems } = parseUnitFile(['ListenStream=1', '[Socket', 'just words', '[Socket]', '=8080', 'ListenStream=2'].join('\n'));
    expect(problems).toEqual([
      { line: 1, message: 'assignment outside of a [Section]: ignored, as systemd does' },
      { line: 2, message: 'invalid section header: [Socket' },
      { line: 3, message: 'not an assignment (Key=Value): just words' },
      { line: 5, message: 'not an assignment (Key=Value): =8080' },
    ]);
    expect(entries.map((entry) => entry.value)).toEqual(['2']);
  });
});

describe('parseListenAddress (systemd.socket)', () => {
  it.each([
    ['8080', { kind: 'port', port: 8080, hostIp: null, literal: '8080', offset: 0 }],
    ['0.0.0.0:8080', { kind: 'port', port: 8080, hostIp: '0.0.0.0', literal: '8080', offset: 8 }],
    ['127.0.0.1:53', { kind: 'port', port: 53, hostIp: '127.0.0.1', literal: '53', offset: 10 }],
    ['[::]:8080', { kind: 'port', port: 8080, hostIp: '::', literal: '8080', offset: 5 }],
    ['[::1]:9000', { kind: 'port', port: 9000, hostIp: '::1', literal: '9000', offset: 6 }],
    ['[fe80::1%eth0]:80', { kind: 'port', port: 80, hostIp: 'fe80::1', literal: '80', offset: 15 }],
    ['[::]:8080%eth0', { kind: 'port', port: 8080, hostIp: '::', literal: '8080', offset: 5 }],
    ['/run/foo.sock', { kind: 'not-a-port' }],
    ['@abstract-socket', { kind: 'not-a-port' }],
    ['vsock:2:1234', { kind: 'not-a-port' }],
    ['70000', { kind: 'invalid', message: 'invalid socket address "70000": "70000" is not a port (1-65535)' }],
    ['0', { kind: 'invalid', message: 'invalid socket address "0": "0" is not a port (1-65535)' }],
    ['localhost:80', { kind: 'invalid', message: 'invalid socket address "localhost:80": "localhost" is not a numeric IPv4 address (systemd resolves no host names)' }],
    ['[::]8080', { kind: 'invalid', message: 'invalid socket address "[::]8080": expected [address]:port' }],
    ['[nope]:80', { kind: 'invalid', message: 'invalid socket address "[nope]:80": "nope" is not an IPv6 address' }],
  ])('%s', (value, expected) => {
    expect(parseListenAddress(value)).toEqual(expected);
  });
});

describe('splitUnitWords', () => {
  it('splits on white space, drops quotes and keeps where each character came from', () => {
    const words = splitUnitWords(`PORT=8080 "API_PORT=80 81" 'X=y z' A\\ B=1`);
    expect(words.map((word) => word.text)).toEqual(['PORT=8080', 'API_PORT=80 81', 'X=y z', 'A B=1']);
    expect(words[1]!.offsets[9]).toBe(20);
    expect(words.map((word) => [word.start, word.end])).toEqual([
      [0, 9],
      [10, 26],
      [27, 34],
      [35, 41],
    ]);
  });
});

describe('execStartCommand', () => {
  it('blanks the special prefixes, keeping every offset', () => {
    expect(execStartCommand('-+/usr/bin/redis-server --port 7777')).toBe('  /usr/bin/redis-server --port 7777');
    expect(execStartCommand('!!/bin/app')).toBe('  /bin/app');
  });

  it('blanks argv[0] after @, so it is not read as an argument', () => {
    expect(execStartCommand('@/usr/bin/redis-server redis --port 7777')).toBe(' /usr/bin/redis-server       --port 7777');
  });
});

describe('unit names', () => {
  it.each([
    ['etc/systemd/system/redis.service', { unit: 'redis.service', type: 'service' }],
    ['units/api.socket', { unit: 'api.socket', type: 'socket' }],
    ['etc/systemd/system/redis.service.d/override.conf', { unit: 'redis.service', type: 'service' }],
    ['api.socket.d/10-port.conf', { unit: 'api.socket', type: 'socket' }],
    ['nginx/conf.d/site.conf', undefined],
    ['redis.timer', undefined],
    ['.service', undefined],
  ])('%s', (path, expected) => {
    expect(unitOfPath(path)).toEqual(expected);
  });

  it('names the service after the unit, templates without their @', () => {
    expect(unitServiceName('My_App.service')).toBe('my-app');
    expect(unitServiceName('worker@.service')).toBe('worker');
    expect(unitServiceName('api.socket')).toBe('api');
  });
});
