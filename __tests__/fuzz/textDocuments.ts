// Random documents of the line-based and table formats: .env files, systemd units, zinit
// TOML and Markdown registries, each a list of lines drawn from what the format allows and
// from what it does not.
import fc from 'fast-check';
import { commandLine } from './shellCommands.js';
import { anyText, name, portText, variableName } from './vocabulary.js';

const lines = (line: fc.Arbitrary<string>, maxLength = 12) => fc.array(line, { maxLength }).map((list) => list.join('\n'));
const ending = fc.constantFrom('', '\n', '\r\n');

const dotenvValue = fc.oneof(
  portText,
  fc.constantFrom('${PORT:-3000}', '${OTHER}', '$PORT', '\\$PORT', 'a\\nb', '\\0101', '"', "'", '\\', '#x', ' # comment'),
  anyText,
);

export const dotenvDocument: fc.Arbitrary<string> = fc
  .tuple(
    lines(
      fc.oneof(
        fc.tuple(fc.constantFrom('', 'export ', 'export\t', '  '), variableName, fc.constantFrom('=', ': ', ' = ', '='), dotenvValue).map((p) => p.join('')),
        fc.tuple(variableName, dotenvValue, fc.constantFrom('"', "'")).map(([k, v, q]) => `${k}=${q}${v}${q}`),
        fc.tuple(variableName, dotenvValue, dotenvValue).map(([k, a, b]) => `${k}="${a}\n${b}"`),
        fc.constantFrom('# comment', '', '   ', 'PORT', 'export', '=3000', 'KEY WITH SPACE=1'),
      ),
    ),
    ending,
  )
  .map(([text, end]) => text + end);

const listenAddress = fc.oneof(
  portText,
  fc.constantFrom('0.0.0.0:8081', '[::]:8082', '127.0.0.1:53', '[fe80::1%eth0]:80', '127.0.0.1%lo:80', '/run/a.sock', '@name', 'vsock:2:8083', '[::1]', '[::1]:', 'host:80'),
);

const unitLine = fc.oneof(
  fc.constantFrom('[Unit]', '[Service]', '[Socket]', '[Install]', '[', '[]', '# comment', '; comment', '', 'broken line', '=value'),
  fc.tuple(fc.constantFrom('ListenStream', 'ListenDatagram', 'ListenSequentialPacket', 'ListenFIFO', 'ListenNetlink'), fc.constantFrom('=', ' = ', '= '), listenAddress).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('ExecStart=', 'ExecStart = ', 'ExecStartPre='), fc.constantFrom('', '-', '@', '+', '!', '!!', ':', '|', '-@'), commandLine).map((p) => p.join('')),
  fc.array(fc.tuple(variableName, portText, fc.constantFrom('', '"', "'")), { maxLength: 3 }).map((words) => `Environment=${words.map(([k, v, q]) => `${q}${k}=${v}${q}`).join(' ')}`),
  fc.tuple(fc.constantFrom('Service=', 'Description=', 'Environment=', 'ExecStart='), anyText).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('ExecStart=', 'ListenStream='), fc.array(fc.oneof(commandLine, portText), { minLength: 1, maxLength: 3 })).map(([k, parts]) => k + parts.join(' \\\n')),
);

export const unitDocument: fc.Arbitrary<string> = fc.tuple(lines(unitLine, 14), ending).map(([text, end]) => text + end);

const tomlString = fc.oneof(
  fc.string({ maxLength: 10 }).map((text) => JSON.stringify(text)),
  commandLine.map((text) => JSON.stringify(text)),
  portText.map((text) => `'${text.replaceAll("'", '')}'`),
  fc.constantFrom('"\\u0038080"', '"a\\"b"', '"""\nmulti\nline"""', "'''raw\n8080'''", '"\\x"', '"unterminated'),
);
const tomlPort = fc.oneof(
  fc.integer({ min: -1, max: 70000 }).map(String),
  fc.constantFrom('8_080', '0x1F90', '0o17620', '+8080', '8080.0', 'inf', 'true', '08080'),
  portText.map((text) => JSON.stringify(text)),
  fc.tuple(portText, fc.constantFrom('tcp', 'udp', 'TCP', 'sctp', '')).map(([p, proto]) => `{ port = ${JSON.stringify(p)}, protocol = "${proto}" }`),
  fc.integer({ min: 1, max: 65535 }).map((p) => `{ port = ${p} }`),
);
const tomlLine = fc.oneof(
  fc.tuple(fc.constantFrom('[services.', '[service', '[[services.', '[services."'), name.map((n) => n.replace(/[\]\n"]/g, '')), fc.constantFrom(']', '"]', ']]', '')).map(([a, n, b]) =>
    a === '[service' ? '[service]' : `${a}${n}${b}`,
  ),
  tomlString.map((value) => `exec = ${value}`),
  fc.array(tomlPort, { maxLength: 4 }).map((ports) => `ports = [${ports.join(', ')}]`),
  tomlPort.map((value) => `ports = ${value}`),
  fc.tuple(variableName, tomlString).map(([k, v]) => `env.${k} = ${v}`),
  fc.tuple(name, tomlString).map(([n, v]) => `services.${JSON.stringify(n)}.exec = ${v}`),
  fc.tuple(name, tomlString).map(([n, v]) => `name = ${JSON.stringify(n)}\nexec = ${v}`),
  fc.constantFrom('[tool]', '[server]', 'port = 8080', '# comment', '', 'env = { PORT = "3000" }', 'x = [', '= 1', 'a.b.c = 1'),
);

export const tomlDocument: fc.Arbitrary<string> = fc.tuple(lines(tomlLine, 12), ending).map(([text, end]) => text + end);

const HEADERS = ['Port', 'Ports', 'Service', 'Services', 'Name', 'Protocol', 'Range', 'Category', 'Description', 'Host Port', 'Container Port', 'Status', 'Port(s)', 'Variable', '**Port**', ''];
const cell = fc.oneof(
  portText.map((p) => `**${p}**`),
  portText.map((p) => `\`${p}\``),
  portText,
  name,
  fc.constantFrom('3004-3009', '3000 (dev)', '3306, 5432, 6379', '~~8080~~', 'TBD', '[api](http://localhost:3000)', 'a \\| b', 'a<br>b', '&#51;000', '3&#48;00', '\\3000', '**Main Services**', 'Reserved', 'available', '53/udp', 'TCP/UDP', '0-1023', '80/443', '25 / 587', '80/tcp/443', '3000 (dev, 1/2)', '80/'),
  anyText,
);
const row = (columns: number) => fc.array(cell, { minLength: Math.max(0, columns - 1), maxLength: columns + 1 }).map((cells) => `| ${cells.join(' | ')} |`);
const table = fc
  .array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 4 })
  .chain((header) =>
    fc.array(row(header.length), { maxLength: 6 }).map((rows) => [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows].join('\n')),
  );
const markdownBlock = fc.oneof(
  table,
  fc.tuple(fc.integer({ min: 1, max: 7 }), anyText, fc.constantFrom('', ' (3000-3999)', ' (5xxx)', ' Reserved Ranges', ' 301x range')).map(([n, text, tail]) => `${'#'.repeat(n)} ${text}${tail}`),
  fc.tuple(fc.constantFrom('- ', '* ', '1. ', '  - '), cell, fc.constantFrom(' - ', ': ', ' – ', ' '), cell).map((p) => p.join('')),
  table.map((text) => text.split('\n').map((line) => `> ${line}`).join('\n')),
  fc.constantFrom('```\n| Port | Service |\n|---|---|\n| 80 | x |\n```', '<table><tr><td>80</td></tr></table>', '---', '', 'Plain paragraph 8080.'),
);

export const markdownDocument: fc.Arbitrary<string> = fc
  .tuple(fc.array(markdownBlock, { maxLength: 6 }), fc.constantFrom('\n\n', '\n', '\r\n\r\n'))
  .map(([blocks, gap]) => `${blocks.join(gap)}\n`);
