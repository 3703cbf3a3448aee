// Every extractor, in the order that decides which one reads a file: the first whose
// matches() takes the path and that does not decline its text.
// Registries first (a `ports.yml` is not a Kubernetes manifest), specific file names before
// the generic YAML readers, compose documents by shape before Kubernetes manifests by shape.
import type { Extractor } from '../model/types.js';
import { composeDocumentExtractor, composeExtractor } from './compose/extractCompose.js';
import { dockerfileExtractor } from './dockerfile/extractDockerfile.js';
import { composeRunsExtractor } from './launchers/extractComposeRuns.js';
import { skaffoldExtractor } from './skaffold/extractSkaffold.js';
import { dotenvExtractor } from './dotenv/extractDotenv.js';
import { kubernetesExtractor } from './kubernetes/extractKubernetes.js';
import { processComposeExtractor } from './processCompose/extractProcessCompose.js';
import { nixModuleExtractor } from './nix/extractNixModule.js';
import { markdownRegistryExtractor } from './registry/markdown.js';
import { isNativeRegistryFileName, nativeRegistryExtractor } from './registry/native.js';
import { nixRegistryExtractor } from './registry/nixRegistry.js';
import { portRegistryJsonExtractor } from './registry/portRegistryJson.js';
import { sourceExtractors } from './source/extractSource.js';
import { systemdExtractor } from './systemd/extractSystemd.js';
import { zinitExtractor } from './zinit/extractZinit.js';

const REGISTRY_EXTRACTORS: readonly Extractor[] = [nativeRegistryExtractor, portRegistryJsonExtractor, markdownRegistryExtractor, nixRegistryExtractor];

export const EXTRACTORS: readonly Extractor[] = [
  ...REGISTRY_EXTRACTORS,
  composeExtractor,
  processComposeExtractor,
  dotenvExtractor,
  zinitExtractor,
  systemdExtractor,
  skaffoldExtractor,
  composeRunsExtractor,
  composeDocumentExtractor,
  kubernetesExtractor,
  dockerfileExtractor,
  nixModuleExtractor,
  ...sourceExtractors,
];

/**
 * The readers that may take a file, in catalogue order: every one whose `matches` takes the
 * path. The first that does not decline the file's text reads it (ExtractResult.declined).
 * The catalogue is the one place that decides which reader reads a file.
 */
export function readersOf(path: string): Extractor[] {
  return EXTRACTORS.filter((extractor) => extractor.matches(path));
}

export function isRegistryExtractor(extractor: Extractor): boolean {
  return REGISTRY_EXTRACTORS.includes(extractor);
}

/**
 * The reader of a file named as a registry (`--registry`, config `registry:`): by what the
 * auto-detection would take, else by its extension.
 */
export function registryExtractorFor(path: string): Extractor | undefined {
  const detected = REGISTRY_EXTRACTORS.find((extractor) => extractor.matches(path));
  if (detected) return detected;
  if (isNativeRegistryFileName(path) || /\.(?:ya?ml|json)$/i.test(path)) return nativeRegistryExtractor;
  if (/\.(?:md|markdown)$/i.test(path)) return markdownRegistryExtractor;
  if (/\.nix$/i.test(path)) return nixRegistryExtractor;
  return undefined;
}
