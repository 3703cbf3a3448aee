import { describe, expect, it } from '@jest/globals';
import { parsePortSpec, parseProtocols } from '../../../src/extract/registry/documentRegistry.js';
import { categoryLabel, labelReserves, normalizeHeader, serviceLabel, splitParentheses, tableLayout } from '../../../src/extract/registry/markdownLabels.js';

describe('parsePortSpec', () => {
  it.each([
    ['3000', { start: 3000, end: 3000, index: 0, literal: '3000' }],
    ['  3000 ', { start: 3000, end: 3000, index: 2, literal: '3000' }],
    ['3006-3009', { start: 3006, end: 3009, index: 0, literal: '3006' }],
    ['3006 – 3009', { start: 3006, end: 3009, index: 0, literal: '3006' }],
    ['53/udp', { start: 53, end: 53, protocol: 'udp', index: 0, literal: '53' }],
    ['8000-8100/TCP', { start: 8000, end: 8100, protocol: 'tcp', index: 0, literal: '8000' }],
    ['65535', { start: 65535, end: 65535, index: 0, literal: '65535' }],
  ])('%s', (text, expected) => {
    expect(parsePortSpec(text)).toEqual(expected);
  });

  it.each([
    ['0', '0 is not a port (1-65535)', true],
    ['65536', '65536 is not a port (1-65535)', true],
    ['000003000', '000003000 is not a port (1-65535)', true],
    ['3009-3006', '3009-3006: the range ends before it starts', true],
    ['3000-70000', '70000 is not a port (1-65535)', true],
    ['53/sctp', '53/sctp: unknown protocol `sctp`', true],
    ['abc', '`abc` is not a port or a port range', false],
    ['http://localhost:3000', '`http://localhost:3000` is not a port or a port range', false],
    ['5433:5432', '`5433:5432` is not a port or a port range', false],
    ['301x', '`301x` is not a port or a port range', false],
  ])('%s is refused', (text, problem, shaped) => {
    expect(parsePortSpec(text)).toEqual({ problem, shaped });
  });

  it('admits 0 where a category range starts there', () => {
    expect(parsePortSpec('0-1023', 0)).toEqual({ start: 0, end: 1023, index: 0, literal: '0' });
  });
});

describe('parseProtocols', () => {
  it.each([
    ['TCP', ['tcp']],
    ['udp', ['udp']],
    ['TCP/UDP', ['tcp', 'udp']],
    ['both', ['tcp', 'udp']],
    ['HTTP', undefined],
    ['', undefined],
  ])('%s', (text, expected) => {
    expect(parseProtocols(text)).toEqual(expected);
  });
});

describe('labels', () => {
  it.each([
    ['Grafana (core monitoring)', 'Grafana'],
    ['driftos-gateway (API Gateway - main entry point that proxies to other services)', 'driftos-gateway'],
    ['Embedding service (alternative/legacy)', 'Embedding service'],
    ['api - the main gateway', 'api'],
    ['api: the main gateway', 'api'],
    ['NLP Core API', 'NLP Core API'],
    ['(reserved)', ''],
  ])('the service of %j is %j', (label, service) => {
    expect(serviceLabel(label)).toBe(service);
  });

  it('knows reserving labels', () => {
    expect(labelReserves('Future services')).toBe(true);
    expect(labelReserves('Reserved for future DriftOS services')).toBe(true);
    expect(labelReserves('Futurehome bridge')).toBe(false);
  });

  it.each([
    ['Core Support (301x)', { name: 'core-support', range: { start: 3010, end: 3019 } }],
    ['DriftOS Embed Support (302x range)', { name: 'driftos-embed-support', range: { start: 3020, end: 3029 } }],
    ['Monitoring Infrastructure (9xxx range)', { name: 'monitoring-infrastructure', range: { start: 9000, end: 9999 } }],
    ['Ephemeral (3xxxx)', { name: 'ephemeral', range: { start: 30000, end: 39999 } }],
    ['Databases (5000-5999)', { name: 'databases', range: { start: 5000, end: 5999 } }],
    ['Other/Future Services', { name: 'other-future-services' }],
    ['Too wide (7xxxx)', { name: 'too-wide' }],
    ['Too short (3x)', { name: 'too-short' }],
    ['One port (3000)', { name: 'one-port' }],
    ['Why 3456-3459 Range?', { name: 'why-3456-3459-range' }],
  ])('category %j', (label, expected) => {
    expect(categoryLabel(label)).toEqual(expected);
  });

  it('splits nested and unclosed parentheses without backtracking', () => {
    expect(splitParentheses('a (b (c)) d (e')).toEqual({ outside: 'a   d ', inside: ['b (c)', 'e'] });
    expect(splitParentheses('('.repeat(50000)).inside).toHaveLength(1);
  });
});

describe('table layouts', () => {
  it.each([
    [['Port', 'Service', 'Description', 'Status'], { kind: 'registry', port: 0, service: 1 }],
    [['Service', 'Port', 'Access'], { kind: 'registry', port: 1, service: 0 }],
    [['Port', 'Purpose', 'Lifetime'], { kind: 'registry', port: 0, service: 1 }],
    [['Name', 'Purpose', 'Ports'], { kind: 'registry', port: 2, service: 0 }],
    [['Service', 'Port', 'Protocol'], { kind: 'registry', port: 1, service: 0, protocol: 2 }],
    [['Container Port', 'Service', 'Host Port'], { kind: 'registry', port: 2, service: 1 }],
    [['Range', 'Category', 'Examples'], { kind: 'categories', range: 0, category: 1 }],
    [['Port Range', 'Purpose'], { kind: 'categories', range: 0, category: 1 }],
    [['Variable', 'Default', 'Description'], undefined],
    [['Container Port', 'Service'], undefined],
    [['Port', 'Description'], undefined],
  ])('%j', (headers, expected) => {
    expect(tableLayout(headers.map(normalizeHeader))).toEqual(expected);
  });

  it('normalizes header markup', () => {
    expect(normalizeHeader('**Port(s)**')).toBe('port');
    expect(normalizeHeader('Host_Port')).toBe('host port');
  });
});
