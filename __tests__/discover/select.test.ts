import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LIMITS } from '../../src/discover/limits.js';
import { type Candidate, selectCandidates } from '../../src/discover/select.js';
import { isSkippedPath } from '../../src/discover/skip.js';
import { EXTRACTORS, isRegistryExtractor, readersOf } from '../../src/extract/index.js';
import type { Extractor } from '../../src/model/types.js';
import { candidateItems, itemCandidates } from '../../src/pipeline/parallel.js';

function reader(format: string): Extractor {
  const found = EXTRACTORS.find((extractor) => extractor.format === format);
  if (!found) throw new Error(`no ${format} extractor`);
  return found;
}

function select(paths: string[], registries: Candidate[] = []): Candidate[] {
  return selectCandidates(paths, { readersOf, include: [], exclude: [], registries, isRegistryExtractor, limits: DEFAULT_LIMITS }).candidates;
}

/** Each candidate as `path: first > the next readers [flags]`. */
function brief(candidates: readonly Candidate[]): string[] {
  return candidates.map((c) => `${c.path}: ${c.readers.map((e) => e.format).join(' > ')}${c.registryUnread ? ' [unread if taken]' : ''}${c.named ? ' [named]' : ''}`);
}

describe('selectCandidates', () => {
  it('gives a file its readers in catalogue order: a ports.nix the registry reader declines is a module', () => {
    expect(brief(select(['hosts/alpha/ports.nix', 'lib/ports.nix', 'modules/web.nix', 'config/ports.yml', 'web/.env.patch']))).toEqual([
      'hosts/alpha/ports.nix: registry-nix > nix',
      'lib/ports.nix: registry-nix > nix',
      'modules/web.nix: nix',
      'config/ports.yml: registry > compose > kubernetes',
      'web/.env.patch: dotenv',
    ]);
  });

  it('with registries named, leaves out files only an unnamed registry reader takes, and marks the ones another reader may take', () => {
    const named: Candidate = { path: 'lib/config/ports.nix', readers: [reader('registry-nix')], named: true };
    expect(brief(select(['lib/config/ports.nix', 'lib/ports.nix', 'PORTS.md', 'ports.yml'], [named]))).toEqual([
      'lib/config/ports.nix: registry-nix [named]',
      'lib/ports.nix: registry-nix > nix [unread if taken]',
      'ports.yml: registry > compose > kubernetes [unread if taken]',
    ]);
  });

  it('skips vendored folders anywhere, but not dist/ or build/', () => {
    expect(['a/third_party/x.js', 'third-party/x.go', 'web/bower_components/x.js', 'venv/lib/python3.12/site-packages/flask/app.py', 'node_modules/x/index.js'].map(isSkippedPath)).toEqual([true, true, true, true, true]);
    expect(['dist/server.js', 'build/docker-compose.yml', 'third_party.go', 'src/vendored.rs'].map(isSkippedPath)).toEqual([false, false, false, false]);
  });
});

describe('the worker request', () => {
  it('carries each candidate\'s readers and flags, and gives the same candidates back', () => {
    const candidates = select(['PORTS.md', 'hosts/alpha/ports.nix', 'web/server.ts', 'lib/ports.nix'], [{ path: 'PORTS.md', readers: [reader('registry-markdown')], named: true }]);
    expect(brief(itemCandidates(candidateItems(candidates, EXTRACTORS), EXTRACTORS))).toEqual(brief(candidates));
    expect(brief(candidates)).toEqual(['PORTS.md: registry-markdown [named]', 'hosts/alpha/ports.nix: registry-nix > nix [unread if taken]', 'web/server.ts: typescript', 'lib/ports.nix: registry-nix > nix [unread if taken]']);
  });
});
