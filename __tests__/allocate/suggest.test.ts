import { describe, expect, it } from '@jest/globals';
import { suggestFreePorts } from '../../src/allocate/allocate.js';
import { binding, entry, NO_REGISTRY, registry } from './fixtures.js';

describe('suggestFreePorts (portcullis suggest)', () => {
  it('without a registry, gives the lowest free unprivileged ports, avoiding claims of every scope', () => {
    const bindings = [
      binding({ service: 'a', port: 1024 }),
      binding({ service: 'b', port: 1025, protocol: 'udp' }),
      binding({ service: 'c', port: 1026, scope: 'container:p/c' }),
      binding({ service: 'd', port: 1028, scope: 'cluster' }),
    ];
    expect(suggestFreePorts({ service: 'new', count: 3, bindings, registry: NO_REGISTRY })).toEqual([1027, 1029, 1030]);
  });

  it("starts above a registered service's own port, inside its category", () => {
    const model = registry({
      entries: [entry({ service: 'api-server', port: 4100, category: 'application' }), entry({ service: 'web', port: 4102 })],
      categories: [['application', 4000, 4199]],
    });
    const bindings = [binding({ service: 'worker', port: 4101 })];
    expect(suggestFreePorts({ service: 'API_Server', count: 2, bindings, registry: model })).toEqual([4103, 4104]);
  });

  it('keeps to a named category, wrapping inside it and skipping well-known ports', () => {
    const model = registry({
      entries: [entry({ service: 'api', port: 5998, category: 'databases' })],
      categories: [['databases', 5000, 5999]],
    });
    expect(suggestFreePorts({ service: 'api', count: 3, bindings: [], registry: model, category: 'databases' })).toEqual([5999, 5001, 5002]);
  });

  it('gives fewer ports when fewer fit, and none for a category the registry does not know', () => {
    const model = registry({ categories: [['tiny', 4000, 4002]] });
    const bindings = [binding({ service: 'a', port: 4000 })];
    expect(suggestFreePorts({ service: 'x', count: 5, bindings, registry: model, category: 'tiny' })).toEqual([4001, 4002]);
    expect(suggestFreePorts({ service: 'x', count: 1, bindings, registry: model, category: 'nope' })).toEqual([]);
  });
});
