import { describe, expect, it } from '@jest/globals';
import { registryDuplicate } from '../../src/rules/registryDuplicate.js';
import { binding, collisionCase, entry } from './cases.js';

const postgres = entry({ service: 'postgres', port: 5432, line: 3 });
const timescale = entry({ service: 'timescale', port: 5432, line: 7 });

describe('registry-duplicate', () => {
  it('names the owners, always certain', () => {
    expect(registryDuplicate.judge(collisionCase([postgres, timescale]))).toEqual({
      message: '5432/tcp on host: the registry gives it to postgres (ports.yml:3) and timescale (ports.yml:7)',
      uncertainty: undefined,
    });
  });

  it('names the other claims too, even when they only may run there', () => {
    const db = binding({ service: 'db', port: 5432, file: 'compose.yml', line: 9, uncertain: 'maybe' });
    expect(registryDuplicate.judge(collisionCase([db, postgres, timescale]))).toEqual({
      message: '5432/tcp on host: the registry gives it to postgres (ports.yml:3) and timescale (ports.yml:7), and db (compose.yml:9) binds it too',
      uncertainty: undefined,
    });
  });
});
