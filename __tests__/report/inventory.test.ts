import { describe, expect, it } from '@jest/globals';
import type { Binding } from '../../src/model/types.js';
import {
  inventoryRows,
  renderInventoryJson,
  renderInventoryMarkdown,
  renderInventoryText,
} from '../../src/report/inventory.js';
import { fixtureReport } from './fixture.js';
import { parseGfm, nodesOfType } from './gfm.js';
import { expectGolden } from './golden.js';

const bindings = (): Binding[] => fixtureReport().bindings;

function binding(overrides: Partial<Binding>): Binding {
  return {
    service: 's', port: 80, endPort: 80, protocol: 'tcp', hostIp: null, scope: 'host',
    kind: 'listen', format: 'compose', file: 'a.yml', line: 1, column: 1, ...overrides,
  };
}

describe('inventory', () => {
  it('renders a padded table for the terminal', () => {
    expectGolden('inventory.txt', renderInventoryText(bindings()));
  });

  it('renders an escaped GFM table of seven cells a row for each place things run', () => {
    const markdown = renderInventoryMarkdown(bindings());
    expectGolden('inventory.md', markdown);
    const tables = nodesOfType(parseGfm(markdown), 'table');
    expect(nodesOfType(parseGfm(markdown), 'heading').length).toBe(tables.length);
    const rows = tables.flatMap((table) => nodesOfType(table, 'tableRow').map((row) => nodesOfType(row, 'tableCell').length));
    expect(rows).toEqual(Array(bindings().length + tables.length).fill(7));
  });

  it('renders the public binding fields as JSON', () => {
    expectGolden('inventory.json', renderInventoryJson(bindings()));
  });

  it('sorts by where things run (host, machines, then namespaces), port, protocol, then service', () => {
    const rows = inventoryRows([
      binding({ service: 'b', port: 53, protocol: 'udp' }),
      binding({ service: 'z', port: 53, protocol: 'tcp' }),
      binding({ service: 'a', port: 53, protocol: 'udp' }),
      binding({ service: 'a', port: 9, scope: 'pod:default/web' }),
      binding({ service: 'a', port: 1000 }),
      binding({ service: 'a', port: 9, scope: 'cluster' }),
      binding({ service: 'a', port: 9, scope: 'alpha' }),
    ]);
    expect(rows.map((row) => `${row.binding.scope} ${row.binding.port}/${row.binding.protocol} ${row.service}`)).toEqual([
      'host 53/tcp z',
      'host 53/udp a',
      'host 53/udp b',
      'host 1000/tcp a',
      'alpha 9/tcp a',
      'cluster 9/tcp a',
      'pod:default/web 9/tcp a',
    ]);
  });

  it('says so when there is nothing', () => {
    expect(renderInventoryText([])).toBe('No bindings found.\n');
    expect(renderInventoryMarkdown([])).toBe('No bindings found.\n');
    expect(renderInventoryJson([])).toBe('{\n  "schemaVersion": 1,\n  "bindings": []\n}\n');
  });
});
