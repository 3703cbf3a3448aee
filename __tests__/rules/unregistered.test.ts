import { describe, expect, it } from '@jest/globals';
import { unregistered } from '../../src/rules/unregistered.js';
import { binding, claimCase, entry, NO_REGISTRY, registry } from './cases.js';

const ports = registry([entry({ service: 'web', port: 8080 }), entry({ service: 'dns', port: 53, protocol: 'udp' })]);

describe('unregistered', () => {
  it('finds a service the registry does not know, on a port no entry holds', () => {
    expect(unregistered.findIn(claimCase(binding({ service: 'api', port: 9000 }), ports))).toEqual([{ port: 9000, endPort: 9000, detail: '', uncertainty: undefined }]);
    // Another protocol's entry does not list the port.
    expect(unregistered.findIn(claimCase(binding({ service: 'api', port: 53 }), ports))).toHaveLength(1);
  });

  it('finds nothing without a registry, for a registered service, on a listed port, or for a claim that only may run there', () => {
    expect(unregistered.findIn(claimCase(binding({ service: 'api', port: 9000 }), NO_REGISTRY))).toEqual([]);
    expect(unregistered.findIn(claimCase(binding({ service: 'web', port: 9000 }), ports))).toEqual([]);
    expect(unregistered.findIn(claimCase(binding({ service: 'api', port: 8080 }), ports))).toEqual([]);
    expect(unregistered.findIn(claimCase(binding({ service: 'api', port: 9000, uncertain: 'maybe' }), ports))).toEqual([]);
  });

  it('says the registry does not list the port', () => {
    expect(unregistered.sentence({ claims: 'api (a.yml:1)', services: 1, ports: '9000', details: '' })).toBe('api (a.yml:1) binds 9000, which the registry does not list');
  });
});
