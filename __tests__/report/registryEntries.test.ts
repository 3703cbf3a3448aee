import { describe, expect, it } from '@jest/globals';
import type { Binding, Conflict } from '../../src/model/types.js';
import { proposedRegistryEntries, registryView } from '../../src/report/registryEntries.js';

const claim = (service: string, fields: Partial<Binding> = {}): Binding => ({
  service, port: 8080, endPort: 8080, protocol: 'tcp', hostIp: null, scope: 'host', kind: 'publish', format: 'compose', file: `${service}/compose.yml`, line: 5, column: 9, ...fields,
});
const owner = claim('web', { kind: 'registry', format: 'registry', file: 'ports.yml', line: 3, column: 8 });
const api = claim('api');

function collision(overrides: Partial<Conflict> = {}): Conflict {
  return {
    id: 'registry-conflict:host:tcp:8080', rule: 'registry-conflict', severity: 'error', status: 'new', scope: 'host', protocol: 'tcp', port: 8080, endPort: 8080,
    services: ['api', 'web'], newServices: ['api'],
    locations: [{ service: 'api', file: api.file, line: 5, column: 9 }, { service: 'web', file: 'ports.yml', line: 3, column: 8 }],
    suggestions: [{ service: 'api', file: api.file, line: 5, column: 9, from: 8080, to: 8081, toEnd: 8081 }],
    message: '', bindings: [owner, api], ...overrides,
  };
}

describe('registryView', () => {
  it('lists the registry files, the services they register and the line after which entries go', () => {
    const view = registryView([api, owner, claim('db', { kind: 'registry', file: 'ports.yml', line: 7 }), claim('dns', { kind: 'registry', file: 'PORTS.md', line: 2 })]);
    expect(view.files).toEqual(['PORTS.md', 'ports.yml']);
    expect([...view.registered].sort()).toEqual(['db', 'dns', 'web']);
    expect(view.lastLines.get('ports.yml')).toBe(7);
  });
});

describe('proposedRegistryEntries', () => {
  const registry = registryView([owner]);

  it('registers a newcomer the proposal moves at its new port, in the file of the entry it collides with', () => {
    expect(proposedRegistryEntries(collision(), registry)).toEqual([{ service: 'api', file: 'ports.yml', lines: ['api: 8081'] }]);
  });

  it('registers the service of an `unregistered` warning at the port it holds', () => {
    const unregistered = collision({ rule: 'unregistered', severity: 'warning', services: ['api'], suggestions: [], bindings: [api] });
    expect(proposedRegistryEntries(unregistered, registry)).toEqual([{ service: 'api', file: 'ports.yml', lines: ['api: 8080'] }]);
  });

  it('proposes nothing without a registry, for an existing collision, or for a service the registry lists', () => {
    expect(proposedRegistryEntries(collision(), registryView([api]))).toEqual([]);
    expect(proposedRegistryEntries(collision({ status: 'existing', newServices: [] }), registry)).toEqual([]);
    expect(proposedRegistryEntries(collision(), registryView([owner, claim('api', { kind: 'registry', file: 'ports.yml', port: 9000 })]))).toEqual([]);
  });

  it("writes a Markdown registry's row, a line break in a name splitting no row", () => {
    const markdown = registryView([{ ...owner, file: 'PORTS.md' }]);
    const oddName = claim('a\nb');
    const conflict = collision({
      bindings: [{ ...owner, file: 'PORTS.md' }, oddName],
      suggestions: [{ service: 'a\nb', file: oddName.file, line: 5, column: 9, from: 8080, to: 8081, toEnd: 8081 }],
    });
    expect(proposedRegistryEntries(conflict, markdown)).toEqual([{ service: 'a\nb', file: 'PORTS.md', lines: ['| 8081 | a\nb |'] }]);
  });
});
