import { describe, expect, it } from '@jest/globals';
import { duplicatePort } from '../../src/rules/duplicatePort.js';
import { binding, collisionCase } from './cases.js';

describe('duplicate-port', () => {
  it('is certain between two firm claims that meet, and says so without a note', () => {
    const judgement = duplicatePort.judge(collisionCase([binding({ service: 'api', port: 8080, file: 'a.yml' }), binding({ service: 'web', port: 8080, file: 'b.yml' })]));
    expect(judgement).toEqual({ message: '8080/tcp on host: api (a.yml:1) and web (b.yml:1) both bind 8080', uncertainty: undefined });
  });

  it.each([
    ['across two stacks', { stacks: ['a.yml'] }, { stacks: ['b.yml'] }, / \(only across the stacks a\.yml and b\.yml, which may not run together\)$/],
    ['in profiles that never run together', { stacks: ['s'], profiles: ['cpu'] }, { stacks: ['s'], profiles: ['gpu'] }, / \(only in profiles cpu \/ gpu, which never run together\)$/],
    ['between two defaults', { isDefault: true }, { isDefault: true }, / \(only between defaults that users override\)$/],
    ['where a claim only may run there', { uncertain: 'a.go may run in a container' }, {}, /^; a\.go may run in a container$/],
    ['with a published range', { soft: true }, {}, /^; a published range lets the runtime pick another port$/],
  ])('is only possible %s, and says why', (_, a, b, note) => {
    const judgement = duplicatePort.judge(collisionCase([binding({ service: 'api', port: 8080, ...a }), binding({ service: 'web', port: 8080, ...b })]));
    expect(judgement.message).toBe('8080/tcp on host: api (api.yml:1) and web (web.yml:1) both bind 8080');
    expect(judgement.uncertainty).toMatch(note);
  });

  it('is certain when one pair of several is', () => {
    const bindings = [
      binding({ service: 'a', port: 80, stacks: ['x'] }),
      binding({ service: 'b', port: 80, stacks: ['y'] }),
      binding({ service: 'c', port: 80, stacks: ['y'] }),
    ];
    expect(duplicatePort.judge(collisionCase(bindings))).toMatchObject({ message: expect.stringMatching(/a \(a\.yml:1\), b \(b\.yml:1\) and c \(c\.yml:1\) all bind 80$/), uncertainty: undefined });
  });
});
