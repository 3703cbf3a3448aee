// Random command lines built from the words that the listener finder knows (servers and their
// flags, container runners, shells that nest a command, clients) and from shell syntax
// (quotes, expansions, redirections, here-documents, separators, continuations).
import fc from 'fast-check';
import { portText, variableName } from './vocabulary.js';

const PROGRAM_WORDS = [
  'redis-server', 'postgres', 'python', 'python3', '-m', 'http.server', 'uvicorn', 'gunicorn', 'node', 'bun', 'run', 'dev',
  'docker', 'podman', 'nerdctl', 'run', '-p', '-P', '--publish', '--network', 'host', '--net=host', 'kubectl', 'port-forward',
  'svc/web', 'ssh', '-L', '-R', '-D', '-N', 'nc', 'ncat', 'netcat', '-l', '-k', '-u', '-U', 'socat', 'TCP-LISTEN:8080,fork',
  'UDP-LISTEN:53', 'TCP4-LISTEN:80', 'sh', 'bash', 'zsh', '-c', '-lc', 'env', 'nohup', 'exec', 'sudo', 'timeout', '10', 'export',
  'manage.py', 'runserver', 'django-admin', 'pg_ctl', '-o', 'start', 'redis-cli', 'pg_isready', 'curl', 'echo', 'cat', 'printf',
  '--port', '--port=', '--listen', '--bind', '--bind-addr', '--host', '--addr', '--http-port', '--metrics-port', '-b', '--web.listen-address=',
  '-D', '/tmp/pgdata', 'app:app', 'server.js', '--', '-', '#', '&', '&&', '||', '|', ';', '>', '2>&1', '>>', '<', '<<<',
];

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PROGRAM_WORDS) },
  { weight: 4, arbitrary: portText },
  { weight: 1, arbitrary: variableName.map((name) => `${name}=`) },
  { weight: 1, arbitrary: fc.tuple(variableName, portText).map(([name, port]) => `${name}=${port}`) },
  { weight: 1, arbitrary: fc.constantFrom('--port=8080', '-p8080', '-p=8080', '--listen=:9000', '0.0.0.0:8000', '[::]:8080', 'localhost:5432') },
  { weight: 1, arbitrary: fc.constantFrom('$PORT', '${PORT:-8080}', '$(cat port)', '`cat port`', "$'80'", '$"80"', '\\8080', '"', "'", '`', '$(', '${', '\\') },
);

const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t', ' && ', ' || ', ' | ', '; ', ' & ', ' \\\n  ', '\n', ' # note\n', ' <<EOF\nredis-server --port 6379\nEOF\n');

function quoted(text: string, quote: string): string {
  if (quote === "'") return `'${text.replaceAll("'", "'\\''")}'`;
  if (quote === '"') return `"${text.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
  return text;
}

/** A command line; `sh -c '...'` words nest whole command lines, a few levels deep. */
export const commandLine: fc.Arbitrary<string> = fc.letrec<{ line: string; item: string }>((tie) => ({
  line: fc
    .array(fc.tuple(tie('item'), separator), { minLength: 1, maxLength: 10 })
    .map((parts) => parts.map(([item, sep], i) => (i === parts.length - 1 ? item : item + sep)).join('')),
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    fc.tuple(word, fc.constantFrom('"', "'", '')).map(([text, quote]) => quoted(text, quote)),
    fc.tuple(fc.constantFrom('sh -c', 'bash -c', 'su -c', 'docker run --network host img'), tie('line'), fc.constantFrom('"', "'")).map(
      ([shell, inner, quote]) => `${shell} ${quoted(inner, quote)}`,
    ),
  ),
})).line;
