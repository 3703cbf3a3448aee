import { describe, expect, it } from '@jest/globals';
import { registryDrift } from '../../src/rules/registryDrift.js';
import { binding, claimCase, entry, registry } from './cases.js';

const constellation = registry([entry({ service: 'constellation', port: 6789 }), entry({ service: 'constellation', port: 8765 })]);

describe('registry-drift', () => {
  it('finds a registered service on none of its ports, naming them', () => {
    expect(registryDrift.findIn(claimCase(binding({ service: 'constellation', port: 9999 }), constellation))).toEqual([
      { port: 9999, endPort: 9999, detail: 'constellation 6789 and 8765', uncertainty: undefined },
    ]);
  });

  it('finds nothing on a registered port, for a service the registry does not know, or for a claim that collides', () => {
    expect(registryDrift.findIn(claimCase(binding({ service: 'constellation', port: 8765 }), constellation))).toEqual([]);
    expect(registryDrift.findIn(claimCase(binding({ service: 'other', port: 9999 }), constellation))).toEqual([]);
    expect(registryDrift.findIn(claimCase(binding({ service: 'constellation', port: 9999 }), constellation, true))).toEqual([]);
  });

  it('is only possible for a claim that only may run there', () => {
    const [finding] = registryDrift.findIn(claimCase(binding({ service: 'constellation', port: 9999, uncertain: 'no machine here imports c.nix' }), constellation));
    expect(finding?.uncertainty).toBe('; no machine here imports c.nix');
  });

  it('says what the registry gives', () => {
    expect(registryDrift.sentence({ claims: 'constellation (c.nix:3)', services: 1, ports: '9999', details: 'constellation 6789' })).toBe(
      'constellation (c.nix:3) binds 9999, but the registry gives constellation 6789',
    );
  });
});
