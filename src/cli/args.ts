import { parseArgs } from 'node:util';
import { nearest } from '../model/nearest.js';
import type { FailOn, IncompletePolicy } from '../pipeline/check.js';

export type OutputFormat = 'text' | 'markdown' | 'json' | 'sarif';

interface Common {
  root: string;
  config?: string;
  registry: string[];
  output?: string;
  /** Print only what fails (check) and no notes. */
  quiet?: true;
}

export type CommandName = 'check' | 'ports' | 'suggest' | 'fix';
const COMMANDS: readonly CommandName[] = ['check', 'ports', 'suggest', 'fix'];

export type CliCommand =
  | { command: 'help'; topic: 'main' | CommandName }
  | { command: 'version' }
  | (Common & { command: 'check'; base?: string; format: OutputFormat; failOn: FailOn; incomplete: IncompletePolicy })
  | (Common & { command: 'ports'; format: Exclude<OutputFormat, 'sarif'> })
  | (Common & { command: 'suggest'; service: string; category?: string; count: number; format: 'text' | 'json' })
  | (Omit<Common, 'output'> & { command: 'fix'; base?: string; dryRun: boolean });

export class UsageError extends Error {}

const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  config: { type: 'string' },
  registry: { type: 'string', multiple: true },
} as const;

const OPTIONS = {
  check: { ...COMMON_OPTIONS, output: { type: 'string' }, base: { type: 'string' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, incomplete: { type: 'string' } },
  ports: { ...COMMON_OPTIONS, output: { type: 'string' }, format: { type: 'string' } },
  suggest: { ...COMMON_OPTIONS, output: { type: 'string' }, service: { type: 'string' }, category: { type: 'string' }, count: { type: 'string' }, format: { type: 'string' } },
  fix: { ...COMMON_OPTIONS, base: { type: 'string' }, 'dry-run': { type: 'boolean' } },
} as const;

/** Parses the command line; a bad flag or value is a UsageError with one clear line. */
export function parseCommandLine(argv: readonly string[]): CliCommand {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') return { command: 'help', topic: 'main' };
  if (name === '--version' || name === '-V') return { command: 'version' };
  if (!isCommandName(name)) throw new UsageError(`unknown command '${name}'${didYouMean(name, COMMANDS)} (the commands: ${COMMANDS.join(', ')})`);

  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: OPTIONS[name], allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseErrorMessage(name, error));
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (values['help'] === true) return { command: 'help', topic: name };
  if (parsed.positionals.length > 1) throw new UsageError(`expected one ROOT folder, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);

  const common: Common = {
    root: parsed.positionals[0] ?? '.',
    registry: (values['registry'] as string[] | undefined) ?? [],
    ...optional('config', values['config']),
    ...optional('output', values['output']),
    ...(values['quiet'] === true ? { quiet: true as const } : {}),
  };
  if (name === 'check') {
    return {
      ...common,
      command: 'check',
      format: oneOf('--format', values['format'], ['text', 'markdown', 'json', 'sarif'] as const, 'text'),
      failOn: oneOf('--fail-on', values['fail-on'], ['new', 'any', 'none'] as const, 'new'),
      incomplete: oneOf('--incomplete', values['incomplete'], ['fail', 'warn'] as const, 'fail'),
      ...optional('base', values['base']),
    };
  }
  if (name === 'ports') {
    return { ...common, command: 'ports', format: oneOf('--format', values['format'], ['text', 'markdown', 'json'] as const, 'text') };
  }
  if (name === 'fix') {
    const { output: _output, ...rest } = common;
    return { ...rest, command: 'fix', dryRun: values['dry-run'] === true, ...optional('base', values['base']) };
  }
  const service = values['service'];
  if (typeof service !== 'string' || service.trim() === '') throw new UsageError('suggest needs --service NAME');
  return {
    ...common,
    command: 'suggest',
    service,
    count: positiveInteger('--count', values['count'], 1),
    format: oneOf('--format', values['format'], ['text', 'json'] as const, 'text'),
    ...optional('category', values['category']),
  };
}

function isCommandName(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/**
 * node:util's message in one line, and for an unknown option the nearest one this command
 * has (`--fromat`: did you mean '--format'?), or the commands that do have it.
 */
function parseErrorMessage(command: CommandName, error: unknown): string {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec(message)?.[1] : undefined;
  if (unknown === undefined) return message;
  const flag = unknown.split('=')[0] ?? unknown;
  const owners = COMMANDS.filter((other) => other !== command && flagsOf(other).includes(flag));
  if (owners.length > 0) return `${command} has no option '${flag}' (${joinWithAnd(owners)} ${owners.length > 1 ? 'have' : 'has'} it)`;
  return `unknown option '${flag}'${didYouMean(flag, flagsOf(command))} (see portcullis ${command} --help)`;
}

function joinWithAnd(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

function flagsOf(command: CommandName): string[] {
  return Object.entries(OPTIONS[command]).flatMap(([name, option]) => [`--${name}`, ...('short' in option ? [`-${option.short}`] : [])]);
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const match = nearest(word, candidates);
  return match === undefined ? '' : `; did you mean '${match}'?`;
}

function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${String(value)}'${didYouMean(String(value), allowed)})`);
}

function positiveInteger(flag: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1 && number <= 1000)) throw new UsageError(`${flag} must be a whole number from 1 to 1000 (got '${String(value)}')`);
  return number;
}

function optional<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return typeof value === 'string' ? ({ [key]: value } as { [P in K]?: string }) : {};
}
