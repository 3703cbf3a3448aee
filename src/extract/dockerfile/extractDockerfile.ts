// Dockerfiles claim no port (`EXPOSE` documents one, it binds nothing): what one says is that
// its folder's code may be built into an image. The topology stage decides whether a
// container here runs it.
import type { Extractor } from '../../model/types.js';

export const DOCKERFILE_FORMAT = 'dockerfile';

/** `Dockerfile`, `Containerfile`, `Dockerfile.dev`, `api.Dockerfile`, `api.dockerfile`. */
export function isDockerfile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  return lower === 'dockerfile' || lower === 'containerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower.startsWith('containerfile.');
}

export const dockerfileExtractor: Extractor = {
  format: DOCKERFILE_FORMAT,
  matches: isDockerfile,
  extract: () => ({ bindings: [], diagnostics: [], facts: { dockerfile: true } }),
};
