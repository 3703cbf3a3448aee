// The ports a shell command line makes its own processes listen on. Reads, never runs:
// `$PORT` and `${toString ports.x}` are references, not literals, so they claim nothing.
import { containerRun, kubectlPortForward } from './containerForms.js';
import type { FormContext, ListenerHit, SpecialForm } from './hits.js';
import { resolveInvocation } from './invocation.js';
import { scanListenerFlags } from './listenerFlags.js';
import { netcatListen, socatListen, sshForwards } from './networkForms.js';
import { CLIENT_PROGRAMS, lookup, SHELLS } from './programs.js';
import { djangoRunserver, exportPort, pgCtlOptions, portAssignmentHits, pythonHttpServer, shellCommandString } from './scriptForms.js';
import { type ShellWord, splitShellCommands } from './shellWords.js';
import type { CommandListener } from './types.js';

const SPECIAL_FORMS: Readonly<Record<string, SpecialForm>> = {
  docker: containerRun,
  podman: containerRun,
  nerdctl: containerRun,
  kubectl: kubectlPortForward,
  ssh: sshForwards,
  nc: netcatListen,
  ncat: netcatListen,
  netcat: netcatListen,
  socat: socatListen,
  'http.server': pythonHttpServer,
  'manage.py': djangoRunserver,
  'django-admin': djangoRunserver,
  export: exportPort,
  pg_ctl: pgCtlOptions,
  ...Object.fromEntries([...SHELLS].map((shell) => [shell, shellCommandString])),
};

/** `sh -c "bash -c '...'"` nests; deeper than this is no real command line. */
const MAX_NESTING = 4;

export function findCommandListeners(command: string): CommandListener[] {
  return neverThrowing(() => listenersOfText(command, 0)).filter((listener) => isWrittenAt(command, listener));
}

/**
 * A port the shell assembles from quoted pieces (`--port 6'3'79`) is 6379 to the program, but
 * no one place of the line writes it: there is no literal to point at or to rewrite.
 */
function isWrittenAt(text: string, listener: CommandListener): boolean {
  return text.startsWith(listener.literal, listener.offset);
}

function listenersOfText(text: string, depth: number): CommandListener[] {
  if (depth > MAX_NESTING) return [];
  const listeners: CommandListener[] = [];
  const seen = new Set<number>();
  for (const command of splitShellCommands(text)) {
    for (const listener of listenersOfCommand(command, depth)) {
      if (seen.has(listener.offset)) continue;
      seen.add(listener.offset);
      listeners.push(listener);
    }
  }
  return listeners.sort((a, b) => a.offset - b.offset);
}

function listenersOfCommand(words: readonly ShellWord[], depth: number): CommandListener[] {
  const invocation = resolveInvocation(words);
  if (!invocation || CLIENT_PROGRAMS.has(invocation.program)) return [];
  const { program, args } = invocation;
  const context: FormContext = {
    args,
    analyzeText: (text) => listenersOfText(text, depth + 1),
    analyzeWords: (inner) => (depth < MAX_NESTING ? listenersOfCommand(inner, depth + 1) : []),
  };
  const form = lookup(SPECIAL_FORMS, program);
  const scan = form ? form(context) : scanListenerFlags(program, args);
  const hits = [...portAssignmentHits(invocation.assignments), ...scan.hits];
  const listeners: CommandListener[] = [];
  for (const hit of hits) {
    // A port beside `--host db.example` is where a client dials, not where this command listens.
    if (hit.host === undefined && scan.host?.remote) continue;
    listeners.push(toListener(hit, hit.host === undefined ? (scan.host?.ip ?? null) : hit.host.ip, program));
  }
  return listeners;
}

function toListener(hit: ListenerHit, hostIp: string | null, program: string): CommandListener {
  return {
    port: hit.port,
    endPort: hit.endPort,
    protocol: hit.protocol,
    hostIp,
    offset: hit.offset,
    literal: hit.literal,
    flag: hit.flag,
    program: hit.program ?? program,
    ...(hit.soft ? { soft: true } : {}),
  };
}

export interface ArgvListener extends CommandListener {
  /** Which argument holds the literal; `offset` is then within that argument. */
  argIndex: number;
}

/**
 * The listeners of a command given as an argument vector, run without a shell
 * (process-compose `entrypoint`, exec-form lists): each argument is one word as written.
 */
export function findArgvListeners(argv: readonly string[]): ArgvListener[] {
  const words: ShellWord[] = [];
  let base = 0;
  for (const text of argv) {
    words.push({ text, offsets: Array.from({ length: text.length }, (_, i) => base + i), start: base });
    base += text.length + 1;
  }
  return neverThrowing(() => listenersOfCommand(words, 0)).flatMap((listener) => {
    const argIndex = words.findIndex((word) => listener.offset >= word.start && listener.offset < word.start + word.text.length);
    const word = words[argIndex];
    const offset = listener.offset - (word?.start ?? 0);
    return word && isWrittenAt(word.text, { ...listener, offset }) ? [{ ...listener, argIndex, offset }] : [];
  });
}

/** The contract: whatever the text, an answer and never an exception. */
function neverThrowing(find: () => CommandListener[]): CommandListener[] {
  try {
    return find();
  } catch {
    return [];
  }
}
