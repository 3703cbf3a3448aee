// skaffold.yaml: the images skaffold builds, each from a folder of the repository. With the
// Kubernetes workloads that run those images, the topology stage knows which code runs in
// which pod. Profiles may add artifacts; every one of them is read.
import type { ImageBuild } from '../../model/facts.js';
import { folderOf, resolveWrittenPath } from '../../model/paths.js';
import type { Extractor, ExtractResult, SourceFile } from '../../model/types.js';
import { AliasBudgetExceeded, isMap, parseYaml, type YamlFile } from '../yaml.js';

export const SKAFFOLD_FORMAT = 'skaffold';

export function isSkaffoldFile(path: string): boolean {
  return /(?:^|\/)skaffold(?:[.-][^/]*)?\.ya?ml$/.test(path);
}

export const skaffoldExtractor: Extractor = {
  format: SKAFFOLD_FORMAT,
  matches: isSkaffoldFile,
  extract: extractSkaffold,
};

export function extractSkaffold(file: SourceFile): ExtractResult {
  if (!file.text.includes('artifacts')) return { bindings: [], diagnostics: [] };
  try {
    const yaml = parseYaml(file.path, file.text);
    const builds: ImageBuild[] = [];
    for (const document of yaml.documents) {
      const root = yaml.resolve(document.contents);
      if (!isMap(root)) continue;
      builds.push(...artifactsOf(yaml, yaml.get(root, 'build')));
      for (const profile of yaml.items(yaml.get(root, 'profiles'))) builds.push(...artifactsOf(yaml, yaml.get(profile, 'build')));
    }
    return { bindings: [], diagnostics: yaml.diagnostics, ...(builds.length > 0 ? { facts: { imageBuilds: builds } } : {}) };
  } catch (error) {
    if (!(error instanceof AliasBudgetExceeded)) throw error;
    return { bindings: [], diagnostics: [{ file: file.path, severity: 'error', message: `YAML alias budget exceeded (${error.message}); the file is not read` }] };
  }
}

/** `build.artifacts[]`: `image`, `context` (the file's folder by default) and `docker.dockerfile` (relative to the context). */
function artifactsOf(yaml: YamlFile, build: unknown): ImageBuild[] {
  const folder = folderOf(yaml.path);
  const builds: ImageBuild[] = [];
  for (const artifact of yaml.items(yaml.get(build, 'artifacts'))) {
    const image = yaml.scalarText(yaml.get(artifact, 'image'));
    if (image === undefined) continue;
    const contextNode = yaml.get(artifact, 'context');
    const written = yaml.scalarText(contextNode) ?? '.';
    const at = yaml.locate(contextNode ?? artifact);
    const context = resolveWrittenPath(folder, written);
    if (!('path' in context)) {
      builds.push({ image, context: { path: written, at, unresolved: context.unresolved } });
      continue;
    }
    const dockerfile = yaml.scalarText(yaml.get(yaml.get(artifact, 'docker'), 'dockerfile'));
    const dockerfilePath = dockerfile === undefined ? undefined : resolveWrittenPath(context.path, dockerfile);
    builds.push({ image, context: { path: context.path, at }, ...(dockerfilePath && 'path' in dockerfilePath ? { dockerfile: dockerfilePath.path } : {}) });
  }
  return builds;
}
