// What command-line programs mean by their flags. A flag is a listener only where its
// program says so: `-p` is postgres's port and redis-cli's server to dial.

/**
 * What an option's value is: a port to listen on (`port`, `udp-port`), a listen address
 * (`address`: `:8080`, `0.0.0.0:8080`, `8080`), the address the command's ports bind to
 * (`host`), or a PostgreSQL `name=value` setting (`postgres -c port=5432`).
 */
export type ValueKind = 'port' | 'udp-port' | 'address' | 'host' | 'pg-setting';

/** A table lookup that a program or flag named `constructor` cannot turn into Object's own. */
export function lookup<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Long options (by optionKey) that mean a listener for any program not known as a client. */
export const GENERIC_LONG_OPTIONS: Readonly<Record<string, ValueKind>> = {
  port: 'port',
  'http-port': 'port',
  'https-port': 'port',
  'tls-port': 'port',
  'metrics-port': 'port',
  'grpc-port': 'port',
  'admin-port': 'port',
  'listen-port': 'port',
  'server-port': 'port',
  'web-port': 'port',
  'ws-port': 'port',
  'rpc-port': 'port',
  'p2p-port': 'port',
  'dashboard-port': 'port',
  'ui-port': 'port',
  'udp-port': 'udp-port',
  listen: 'address',
  bind: 'address',
  'bind-addr': 'address',
  'bind-address': 'address',
  'listen-addr': 'address',
  'listen-address': 'address',
  'web-listen-address': 'address',
  'http-addr': 'address',
  'http-address': 'address',
  'http-listen-address': 'address',
  'grpc-addr': 'address',
  'grpc-listen-address': 'address',
  'metrics-addr': 'address',
  'bind-metrics': 'address',
  'metrics-address': 'address',
  'metrics-listen-address': 'address',
  addr: 'address',
  address: 'address',
  'console-address': 'address',
  'dev-addr': 'address',
  host: 'host',
  'bind-ip': 'host',
  'bind-host': 'host',
  'listen-host': 'host',
  'listen-ip': 'host',
  ip: 'host',
};

export interface ServerRule {
  /** The program's own short options (`-p` of postgres) and long ones beyond the generic table. */
  short?: Readonly<Record<string, ValueKind>>;
  long?: Readonly<Record<string, ValueKind>>;
  /** The short options mean a listener only under one of these subcommands (`rails server -p`). */
  subcommands?: readonly string[];
}

const POSTGRES: ServerRule = { short: { p: 'port', h: 'host', c: 'pg-setting' }, long: { 'listen-addresses': 'host' } };

/** Servers whose own flags differ from the generic table (those flags apply to every server). */
export const SERVER_RULES: Readonly<Record<string, ServerRule>> = {
  postgres: POSTGRES,
  postmaster: POSTGRES,
  memcached: { short: { p: 'port', U: 'udp-port', l: 'host' } },
  mysqld: { short: { P: 'port' } },
  mariadbd: { short: { P: 'port' } },
  sshd: { short: { p: 'port' } },
  dropbear: { short: { p: 'address' } },
  php: { short: { S: 'address' } },
  rails: { short: { p: 'port', b: 'host' }, subcommands: ['server', 's'] },
  next: { short: { p: 'port', H: 'host' }, subcommands: ['dev', 'start'] },
  flask: { short: { p: 'port', h: 'host' }, subcommands: ['run'] },
  hugo: { short: { p: 'port' }, subcommands: ['server', 'serve'] },
  jekyll: { short: { P: 'port', H: 'host' }, subcommands: ['serve', 's', 'server'] },
  mkdocs: { short: { a: 'address' }, subcommands: ['serve'] },
  'http-server': { short: { p: 'port', a: 'host' } },
  'json-server': { short: { p: 'port', H: 'host' } },
  serve: { short: { l: 'address', p: 'port' } },
  gunicorn: { short: { b: 'address' } },
  hypercorn: { short: { b: 'address' } },
  daphne: { short: { p: 'port', b: 'host' } },
  puma: { short: { p: 'port', b: 'address' } },
  unicorn: { short: { p: 'port', o: 'host', l: 'address' } },
  rackup: { short: { p: 'port', o: 'host' } },
  thin: { short: { p: 'port', a: 'host' } },
  caddy: { long: { from: 'address' } },
};

/**
 * Programs that dial ports rather than listen on them (or only print them): none of their
 * flags is a claim. `ssh`, `nc` and `kubectl` are clients too, except for the forms that
 * findCommandListeners reads specially (`ssh -L`, `nc -l`, `kubectl port-forward`).
 */
export const CLIENT_PROGRAMS: ReadonlySet<string> = new Set([
  'redis-cli', 'valkey-cli', 'keydb-cli', 'pg_isready', 'psql', 'pg_dump', 'pg_dumpall', 'pg_restore',
  'pg_basebackup', 'createdb', 'dropdb', 'mysql', 'mariadb', 'mysqladmin', 'mysqldump', 'mongosh', 'mongo',
  'mongodump', 'mongorestore', 'clickhouse-client', 'cqlsh', 'curl', 'wget', 'http', 'https', 'xh', 'telnet',
  'echo', 'printf', 'scp', 'sftp', 'rsync', 'grpcurl', 'grpc_health_probe', 'wait-for-it', 'wait-for-it.sh',
  'wait-on', 'dockerize', 'lsof', 'fuser', 'ss', 'netstat', 'ping', 'dig', 'nslookup', 'nmap', 'ab', 'wrk',
  'hey', 'open', 'xdg-open', 'sleep', 'kill', 'test', '[', '[[', 'cat', 'grep', 'sed', 'awk', 'jq', 'true',
  'false', 'git', 'tail', 'head', 'tee', 'logger',
]);

export interface PrefixRule {
  /** Short options of the prefix that take a value (`-u user` of sudo). */
  shortWithValue: string;
  /** Long options (by optionKey) that take a value when written without `=`. */
  longWithValue?: readonly string[];
  /** Positional arguments the prefix takes before the program (timeout's duration, gosu's user). */
  positionals?: number;
}

/** Programs that run the rest of the line as another program. */
export const WRAPPERS: Readonly<Record<string, PrefixRule>> = {
  exec: { shortWithValue: 'a' },
  env: { shortWithValue: 'uCS', longWithValue: ['unset', 'chdir', 'split-string'] },
  nohup: { shortWithValue: '' },
  sudo: { shortWithValue: 'ugCDhprtUT', longWithValue: ['user', 'group', 'chdir', 'prompt'] },
  doas: { shortWithValue: 'uC' },
  nice: { shortWithValue: 'n', longWithValue: ['adjustment'] },
  time: { shortWithValue: 'fo', longWithValue: ['format', 'output'] },
  command: { shortWithValue: '' },
  setsid: { shortWithValue: '' },
  stdbuf: { shortWithValue: 'ioe' },
  timeout: { shortWithValue: 'sk', longWithValue: ['signal', 'kill-after'], positionals: 1 },
  ionice: { shortWithValue: 'cnp' },
  'dumb-init': { shortWithValue: 'r' },
  tini: { shortWithValue: 'sepl' },
  gosu: { shortWithValue: '', positionals: 1 },
  'su-exec': { shortWithValue: '', positionals: 1 },
  npx: { shortWithValue: 'pc', longWithValue: ['package', 'call'] },
  bunx: { shortWithValue: 'p', longWithValue: ['package'] },
  pnpx: { shortWithValue: '' },
  uvx: { shortWithValue: 'p', longWithValue: ['from', 'with', 'python'] },
};

/** Two-word launchers (`bundle exec`, `uv run`) that run the rest of the line as a program. */
export const LAUNCHERS: Readonly<Record<string, readonly string[]>> = {
  npm: ['exec', 'x'],
  pnpm: ['exec', 'dlx'],
  yarn: ['exec', 'dlx'],
  bun: ['x'],
  bundle: ['exec'],
  poetry: ['run'],
  uv: ['run'],
  pipenv: ['run'],
  pdm: ['run'],
  hatch: ['run'],
  rye: ['run'],
};

/** Launcher options that take a value (`uv run --with x`), after the launcher's subcommand. */
export const LAUNCHER_RULE: PrefixRule = {
  shortWithValue: 'pe',
  longWithValue: ['package', 'with', 'python', 'env', 'env-file', 'directory', 'project', 'gemfile'],
};

/** Words that may stand before a program without being one (`if ...; then redis-server`). */
export const SHELL_KEYWORDS: ReadonlySet<string> = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'do', 'while', 'until']);

/** Shells whose `-c STRING` is itself a command line. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash']);

/** `python`, `python3`, `python3.12`, `pypy3`. */
export function isPython(program: string): boolean {
  return /^(?:python|pypy)\d*(?:\.\d+)?$/.test(program);
}
