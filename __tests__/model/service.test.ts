import { describe, expect, it } from '@jest/globals';
import { belongsToAnyOf, sameService } from '../../src/model/service.js';

describe('belongsToAnyOf', () => {
  const services = [{ service: 'web', project: 'apps-a' }, { service: 'api' }, { service: 'db', project: 'x' }, { service: 'db', project: 'y' }];
  const claims = [
    { service: 'web', project: 'apps-a' },
    { service: 'web', project: 'apps-b' },
    { service: 'web' },
    { service: 'api', project: 'anything' },
    { service: 'db', project: 'y' },
    { service: 'db', project: 'z' },
    { service: 'cache' },
  ];

  it('answers as sameService against each of the services would', () => {
    const isAny = belongsToAnyOf(services);
    expect(claims.map(isAny)).toEqual(claims.map((claim) => services.some((service) => sameService(claim, service))));
    expect(claims.map(isAny)).toEqual([true, false, true, true, true, false, false]);
  });
});
