/**
 * Every name people give compose files: `compose.yml`, `docker-compose.yaml`, their variants
 * `compose.prod.yml`, `docker-compose-dev.yml`, `docker-stack.yml` (swarm), and
 * `app.compose.yaml` / `prod-docker-compose.yml`. A process-compose file is not one.
 */
export function isComposeFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (!name.endsWith('.yml') && !name.endsWith('.yaml')) return false;
  const stem = name.slice(0, name.lastIndexOf('.'));
  if (stem.startsWith('process-compose')) return false;
  return /^(?:docker-)?compose(?:[.-].+)?$/.test(stem) || /^docker-stack(?:[.-].+)?$/.test(stem) || /.[.-](?:docker-)?compose$/.test(stem);
}
