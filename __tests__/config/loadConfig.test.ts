import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/loadConfig.js';
import { EMPTY_CONFIG } from '../../src/model/config.js';

describe('loadConfig', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'portcullis-config-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives the empty config when the root has no config file', async () => {
    const result = await loadConfig(root);
    expect(result).toEqual({ config: EMPTY_CONFIG });
    // A copy: a caller that changes it does not change the next repository's config.
    expect('config' in result && result.config).not.toBe(EMPTY_CONFIG);
  });

  it('reads .portcullis.yml at the root', async () => {
    await writeFile(join(root, '.portcullis.yml'), 'registry: infra/ports.yml\n');
    expect(await loadConfig(root)).toEqual({ config: { ...EMPTY_CONFIG, registry: ['infra/ports.yml'] } });
  });

  it('falls back to .portcullis.yaml', async () => {
    await writeFile(join(root, '.portcullis.yaml'), 'exclude: legacy/**\n');
    expect(await loadConfig(root)).toEqual({ config: { ...EMPTY_CONFIG, exclude: ['legacy/**'] } });
  });

  it('names the default file, root-relative, in a validation error', async () => {
    await writeFile(join(root, '.portcullis.yml'), 'ignore:\n  - port: 3000\n');
    expect(await loadConfig(root)).toEqual({ error: '.portcullis.yml:2:5: ignore[0].reason: required' });
  });

  it('reads an explicit config and names it as given', async () => {
    const path = join(root, 'ci', 'portcullis.yml');
    await mkdir(join(root, 'ci'));
    await writeFile(path, 'include: [deploy/**]\nexclude: [../x]\n');
    expect(await loadConfig(root, path)).toEqual({ error: `${path}:2:11: exclude[0]: "../x" leaves the repository root` });
  });

  it('fails when an explicit config is missing, even though the default exists', async () => {
    await writeFile(join(root, '.portcullis.yml'), 'include: [a/**]\n');
    const path = join(root, 'missing.yml');
    expect(await loadConfig(root, path)).toEqual({ error: `${path}: cannot read the config file (no such file)` });
  });

  it('fails when the default config is a directory', async () => {
    await mkdir(join(root, '.portcullis.yml'));
    expect(await loadConfig(root)).toEqual({ error: '.portcullis.yml: cannot read the config file (it is a directory)' });
  });
});
