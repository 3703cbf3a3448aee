import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
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

  it('fails when the default config is a folder', async () => {
    await mkdir(join(root, '.portcullis.yml'));
    expect(await loadConfig(root)).toEqual({ error: '.portcullis.yml: not a regular file' });
  });
});

describe('loadConfig on a config a pull request made hostile', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'portcullis-config-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each(['/proc/self/environ', '/dev/zero', 'real.yml'])('never follows a link (to %s), and quotes nothing of its target', async (target) => {
    await writeFile(join(root, 'real.yml'), 'include: [a/**]\n');
    await symlink(target, join(root, '.portcullis.yml'));
    const result = await loadConfig(root);
    expect(result).toEqual({ error: '.portcullis.yml: a symbolic link: not followed (the config must be a regular file in the repository)' });
  });

  it('refuses a config past the size limit without reading it all', async () => {
    await writeFile(join(root, '.portcullis.yml'), `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(await loadConfig(root)).toEqual({ error: '.portcullis.yml: larger than the 1 MiB a file may be: not read' });
  });
});
