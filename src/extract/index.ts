// Every extractor, in the order that decides which one reads a file: the first whose
// matches() takes the path. Registries first (a `ports.yml` is not a Kubernetes manifest),
// specific file names before the generic YAML readers.
import type { Extractor } from '../model/types.js';
import { composeExtractor } from './compose/extractCompose.js';
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
  kubernetesExtractor,
  nixModuleExtractor,
  ...sourceExtractors,
];

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
