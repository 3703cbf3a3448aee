// Docker Compose's own file conventions, which both the compose reader and the topology
// stage (that forms Compose projects from several files) follow.

/** The files `docker compose` loads on its own, in its order of preference (compose-go's cli). */
export const COMPOSE_DEFAULT_FILES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** The override file Compose merges onto the default one, in its order of preference. */
export const COMPOSE_OVERRIDE_FILES: readonly string[] = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];
