// The Compose file sets that command lines start: `docker compose -f a.yml -f b.yml up`,
// `docker-compose --file=a.yml up`, `COMPOSE_FILE=a.yml:b.yml docker compose up`. Reads,
// never runs: a file named through a variable is reported as unknown, not guessed.
import { resolveInvocation } from './invocation.js';
import { parseArguments } from './options.js';
import { isUnquotedPrefix, type ShellWord, splitShellCommands } from './shellWords.js';

/** One `-f` file as written, and where its first character is in the command text. */
export interface WrittenFile {
  text: string;
  offset: number;
}

export interface ComposeInvocation {
  /** Offset of the command's first word. */
  offset: number;
  files: WrittenFile[];
  /** Why the files are not known: one is built from variables. */
  problem?: string;
}

const CONTAINER_CLIS = new Set(['docker', 'podman', 'nerdctl']);
const COMPOSE_PROGRAMS = new Set(['docker-compose', 'podman-compose']);
const DOCKER_GLOBAL_WITH_VALUE = ['host', 'context', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey'];
/** Compose's global options that take a value (`docker compose --help`). */
const COMPOSE_GLOBAL_WITH_VALUE = ['file', 'project-name', 'project-directory', 'profile', 'env-file', 'ansi', 'progress', 'parallel', 'workdir'];
const MAX_TEXT = 1 << 20;

/** Every Compose run in a command text that names its files, with `-f` or `COMPOSE_FILE`. */
export function findComposeRuns(text: string): ComposeInvocation[] {
  if (text.length > MAX_TEXT || !text.includes('compose')) return [];
  const runs: ComposeInvocation[] = [];
  for (const command of splitShellCommands(text)) {
    const run = composeRun(command);
    if (run) runs.push(run);
  }
  return runs;
}

function composeRun(command: readonly ShellWord[]): ComposeInvocation | undefined {
  const invocation = resolveInvocation(command);
  const first = command[0];
  if (!invocation || !first) return undefined;
  let args = invocation.args;
  if (CONTAINER_CLIS.has(invocation.program)) {
    const global = parseArguments(args, { shortWithValue: 'Hcl', longTakesValue: (name) => DOCKER_GLOBAL_WITH_VALUE.includes(name), stopAtPositional: true });
    if (global.positionals[0]?.text !== 'compose') return undefined;
    args = global.positionals.slice(1);
  } else if (!COMPOSE_PROGRAMS.has(invocation.program)) {
    return undefined;
  }
  const parsed = parseArguments(args, { shortWithValue: 'fp', longTakesValue: (name) => COMPOSE_GLOBAL_WITH_VALUE.includes(name), stopAtPositional: true });
  const files: WrittenFile[] = [];
  for (const option of parsed.options) {
    if ((option.name === 'f' || option.name === 'file') && option.value) files.push(writtenAt(option.value.word, option.value.index));
  }
  if (files.length === 0) files.push(...composeFileAssignment(invocation.assignments));
  if (files.length === 0) return undefined;
  const run: ComposeInvocation = { offset: first.start, files };
  const built = files.find((file) => /[$`]/.test(file.text));
  if (built) run.problem = `docker compose runs a file set built from variables (${built.text}): the files it names are not known`;
  return run;
}

/** `COMPOSE_FILE=a.yml:b.yml` in front of the command. */
function composeFileAssignment(assignments: readonly ShellWord[]): WrittenFile[] {
  const prefix = 'COMPOSE_FILE=';
  const word = assignments.find((candidate) => candidate.text.startsWith(prefix) && isUnquotedPrefix(candidate, prefix.length));
  if (!word) return [];
  const files: WrittenFile[] = [];
  let start = prefix.length;
  for (const part of word.text.slice(prefix.length).split(':')) {
    if (part !== '') files.push({ text: part, offset: word.offsets[start] ?? word.start });
    start += part.length + 1;
  }
  return files;
}

function writtenAt(word: ShellWord, index: number): WrittenFile {
  return { text: word.text.slice(index), offset: word.offsets[index] ?? word.start };
}
