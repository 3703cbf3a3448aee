import { describe, expect, it } from '@jest/globals';
import { EMPTY_CONFIG } from '../../src/model/config.js';
import type { RegistryModel } from '../../src/model/types.js';
import { resolveBindings } from '../../src/resolve/resolve.js';
import { binding, entry } from '../helpers/bindings.js';

function registry(...services: Array<[string, number]>): RegistryModel {
  return { present: true, entries: services.map(([service, port]) => entry({ service, port })), categories: [], reserved: [] };
}

describe('a setting that names a registered service', () => {
  it('is the claim of the longest registered name its words spell, on the same port, other than its holder', () => {
    const model = registry(['api', 9100], ['api-metrics', 9100], ['metrics', 9100], ['web', 9200]);
    const resolved = resolveBindings(
      [
        binding({ service: 'gateway', port: 9100, setting: 'api.metricsPort' }),
        binding({ service: 'metrics', port: 9100, setting: 'metrics.port' }),
        binding({ service: 'gateway', port: 9200, setting: 'api.metricsPort' }),
        binding({ service: 'gateway', port: 9100, setting: 'apiMetricsExtra.port' }),
        binding({ service: 'gateway', port: 9100 }),
      ],
      model,
      EMPTY_CONFIG,
    );
    expect(resolved.map((b) => b.service)).toEqual(['api-metrics', 'metrics', 'gateway', 'api-metrics', 'gateway']);
  });

  it('matches whole words only: `apis.port` names neither `api` nor `pi`', () => {
    const resolved = resolveBindings([binding({ service: 'gateway', port: 9100, setting: 'apis.port' })], registry(['api', 9100], ['pi', 9100]), EMPTY_CONFIG);
    expect(resolved.map((b) => b.service)).toEqual(['gateway']);
  });
});
