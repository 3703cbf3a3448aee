import { describe, expect, it } from '@jest/globals';
import { RegistryIndex } from '../../src/detect/registryIndex.js';
import { outOfRange } from '../../src/rules/outOfRange.js';
import { binding, claimCase, entry, registry } from './cases.js';

const categories = [
  { file: 'ports.yml', line: 2, column: 3, name: 'application', range: { start: 3000, end: 3999 } },
  { file: 'ports.yml', line: 3, column: 3, name: 'databases', range: { start: 5000, end: 5999 } },
];

describe('out-of-range', () => {
  it('finds a registry entry outside its category\'s range', () => {
    const web = entry({ service: 'web', port: 8080, category: 'application' });
    const inside = entry({ service: 'api', port: 3001, category: 'application' });
    const index = new RegistryIndex(registry([web, inside], { categories }));
    expect(outOfRange.findInEntry?.(web, index)).toEqual([{ port: 8080, endPort: 8080, detail: 'the application range 3000-3999', uncertainty: undefined }]);
    expect(outOfRange.findInEntry?.(inside, index)).toEqual([]);
  });

  it('judges a claim by the categories of the entries on its ports, and names each range once', () => {
    const entries = [entry({ service: 'web', port: 8080, category: 'application' }), entry({ service: 'web', port: 8080, category: 'databases', file: 'db.yml' })];
    expect(outOfRange.findIn(claimCase(binding({ service: 'web', port: 8080 }), registry(entries, { categories })))).toEqual([
      { port: 8080, endPort: 8080, detail: 'the application range 3000-3999 and the databases range 5000-5999', uncertainty: undefined },
    ]);
    // On a port the registry does not give it, the claim drifts instead.
    expect(outOfRange.findIn(claimCase(binding({ service: 'web', port: 9090 }), registry(entries, { categories })))).toEqual([]);
  });

  it('is only possible for a claim that only may run there', () => {
    const entries = [entry({ service: 'web', port: 8080, category: 'application' })];
    const [finding] = outOfRange.findIn(claimCase(binding({ service: 'web', port: 8080, uncertain: 'web.env is a template' }), registry(entries, { categories })));
    expect(finding?.uncertainty).toBe('; web.env is a template');
  });
});
