// YAML forbids a key twice in one mapping, and Docker Compose, kubectl and process-compose
// refuse such a file; the `yaml` package accepts it silently unless asked. Every reader says
// so at the second key's line, and still reads the file, so a duplicate hides nothing.
import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/config/parseConfig.js';
import { composeExtractor } from '../../src/extract/compose/extractCompose.js';
import { extractKubernetes } from '../../src/extract/kubernetes/extractKubernetes.js';
import { nativeRegistryExtractor } from '../../src/extract/registry/native.js';
import { parseYaml } from '../../src/extract/yaml.js';

const context = { rootName: 'repo', readFile: () => undefined };

describe('duplicate keys', () => {
  it('give one diagnostic per repeated key, at its line and column, naming the first', () => {
    const yaml = parseYaml('compose.yml', 'services:\n  web:\n    image: a\n  db:\n    image: b\n  web:\n    image: c\n    image: d\n');
    expect(yaml.diagnostics).toEqual([
      { file: 'compose.yml', line: 6, column: 3, severity: 'error', message: 'duplicate key "web" (first on line 2): YAML forbids it, and Docker Compose and kubectl refuse the file' },
      { file: 'compose.yml', line: 8, column: 5, severity: 'error', message: 'duplicate key "image" (first on line 7): YAML forbids it, and Docker Compose and kubectl refuse the file' },
    ]);
  });

  it('leave merge keys, distinct keys and keys of separate mappings alone', () => {
    expect(parseYaml('a.yml', 'x: &x { a: 1 }\ny:\n  <<: *x\n  <<: { b: 2 }\n  a: 3\nz: { a: 1, b: 2 }\n---\nx: 2\n').diagnostics).toEqual([]);
  });

  it('in a compose file: both services are still read, so neither hides a claim', () => {
    const result = composeExtractor.extract({ path: 'compose.yml', text: 'services:\n  web:\n    image: a\n    ports: ["8080:80"]\n  web:\n    image: b\n    ports: ["8081:80"]\n' }, context);
    expect(result.diagnostics).toEqual([expect.objectContaining({ line: 5, severity: 'error', message: expect.stringMatching(/^duplicate key "web"/) })]);
    expect(result.bindings.filter((binding) => binding.kind === 'publish').map((binding) => binding.port).sort()).toEqual([8080, 8081]);
  });

  it('in a Kubernetes manifest and in the native registry, which stays read', () => {
    const manifest = extractKubernetes({ path: 'k8s/pod.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: c\n      image: i\n      ports: [{ containerPort: 80, containerPort: 81 }]\n' });
    expect(manifest.diagnostics).toEqual([expect.objectContaining({ line: 8, message: expect.stringMatching(/^duplicate key "containerPort"/) })]);
    const registry = nativeRegistryExtractor.extract({ path: 'ports.yml', text: 'services:\n  web: 8080\n  db: 5433\n  web: 9090\n' }, context);
    expect(registry.diagnostics).toEqual([expect.objectContaining({ line: 4, message: 'services.web: duplicate key (first at line 2)' })]);
    expect(registry.bindings.map((binding) => `${binding.service}:${binding.port}`)).toContain('db:5433');
  });

  it('make .portcullis.yml invalid, said once, by path', () => {
    expect(parseConfig('.portcullis.yml', 'exclude: [a]\nexclude: [b]\n')).toEqual({ error: '.portcullis.yml:2:1: exclude: duplicate key (first at line 1)' });
  });
});
