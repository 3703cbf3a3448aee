import { describe, expect, it } from '@jest/globals';
import { registryConflict } from '../../src/rules/registryConflict.js';
import { binding, collisionCase, entry } from './cases.js';

const embed = entry({ service: 'embed', port: 3002, line: 4 });

describe('registry-conflict', () => {
  it('names the newcomers and the owner, certain when a newcomer holds the port for sure', () => {
    const grafana = binding({ service: 'grafana', port: 3002, file: 'compose.yml', line: 12 });
    expect(registryConflict.judge(collisionCase([grafana, embed]))).toEqual({
      message: '3002/tcp on host: grafana (compose.yml:12) collides with embed, which the registry gives 3002',
      uncertainty: undefined,
    });
  });

  it('leaves the owner\'s own claims out of the newcomers', () => {
    const own = binding({ service: 'embed', port: 3002, file: 'embed/compose.yml' });
    const grafana = binding({ service: 'grafana', port: 3002, file: 'compose.yml' });
    expect(registryConflict.judge(collisionCase([own, grafana, embed])).message).toMatch(/: grafana \(compose\.yml:1\) collides with embed,/);
  });

  it('is only possible when every newcomer only may run there or publishes a range', () => {
    const maybe = binding({ service: 'grafana', port: 3002, uncertain: 'grafana.go may run in a container built by Dockerfile, which nothing here runs' });
    const range = binding({ service: 'tool', port: 3000, endPort: 3005, soft: true });
    expect(registryConflict.judge(collisionCase([maybe, range, embed])).uncertainty).toBe(
      '; grafana.go may run in a container built by Dockerfile, which nothing here runs; a published range lets the runtime pick another port',
    );
    expect(registryConflict.judge(collisionCase([maybe, binding({ service: 'web', port: 3002 }), embed])).uncertainty).toBeUndefined();
  });
});
