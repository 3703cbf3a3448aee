import { describe, expect, it } from '@jest/globals';
import { reservedPort } from '../../src/rules/reservedPort.js';
import { binding, claimCase, registry } from './cases.js';

const reserved = registry([], {
  reserved: [
    { file: 'ports.yml', line: 6, column: 5, start: 3004, end: 3009, reason: 'future services' },
    { file: 'ports.yml', line: 7, column: 5, start: 5432, end: 5432 },
  ],
});

describe('reserved-port', () => {
  it('finds the reserved part of a claim, with the range and its reason', () => {
    expect(reservedPort.findIn(claimCase(binding({ service: 'web', port: 3000, endPort: 3005 }), reserved))).toEqual([
      { port: 3004, endPort: 3005, detail: '3004-3009: future services', uncertainty: undefined },
    ]);
    expect(reservedPort.findIn(claimCase(binding({ service: 'db', port: 5432 }), reserved))).toEqual([{ port: 5432, endPort: 5432, detail: '5432', uncertainty: undefined }]);
    expect(reservedPort.findIn(claimCase(binding({ service: 'web', port: 3010 }), reserved))).toEqual([]);
  });

  it('is only possible for a published range, where the runtime may pick another port', () => {
    const [finding] = reservedPort.findIn(claimCase(binding({ service: 'web', port: 3000, endPort: 3005, soft: true }), reserved));
    expect(finding?.uncertainty).toBe('; a published range lets the runtime pick another port');
  });

  it('says which range the registry reserves', () => {
    expect(reservedPort.sentence({ claims: 'web (a.yml:1) and api (b.yml:2)', services: 2, ports: '3004', details: '3004-3009' })).toBe(
      'web (a.yml:1) and api (b.yml:2) bind 3004, which the registry reserves (3004-3009)',
    );
  });
});
