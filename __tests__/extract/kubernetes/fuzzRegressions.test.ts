// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { describe, expect, it } from '@jest/globals';
import { extractKubernetes } from '../../../src/extract/kubernetes/extractKubernetes.js';

describe('kubernetes: fuzz regressions', () => {
  it('claims nothing for a Service whose name has no letter or digit', () => {
    const text = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: _', 'spec:', '  ports:', '    - port: 80', ''].join('\n');
    expect(extractKubernetes({ path: 'k8s/svc.yaml', text })).toEqual({
      bindings: [],
      diagnostics: [{ file: 'k8s/svc.yaml', line: 6, column: 3, severity: 'warning', message: 'Service "_" has no letter or digit, so it names no service: its ports are not checked' }],
    });
  });
});
