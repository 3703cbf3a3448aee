import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'markdown' | 'json' | 'sarif';
export type FailOn = 'new' | 'any' | 'none';
/** What an incomplete check does to the exit status: fail it (the default), or only say so. */
export type IncompletePolicy = 'fail' | 'warn';

interface Common {
  root: string;
  config?: string;
  registry: string[];
  output?: string;
}

export type CliCommand =
  | { command: 'help'; topic: 'main' | 'check' | 'ports' | 'suggest' }
  | { command: 'version' }
  | (Common & { command: 'check'; base?: string; format: OutputFormat; failOn: FailOn; incomplete: IncompletePolicy })
  | (Common & { command: 'ports'; format: Exclude<OutputFormat, 'sarif'> })
  | (Common & { command: 'suggest'; service: string; category?: string; count: number });

export class UsageError extends Error {}

const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  registry: { type: 'string', multiple: true },
  output: { type: 'string' },
} as const;

const OPTIONS = {
  check: { ...COMMON_OPTIONS, base: { type: 'string' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, incomplete: { type: 'string' } },
  ports: { ...COMMON_OPTIONS, format: { type: 'string' } },
  suggest: { ...COMMON_OPTIONS, service: { type: 'string' }, category: { type: 'string' }, count: { type: 'string' } },
} as const;

/** Parses the command line; a bad flag or value is a UsageError with one clear line. */
export function parseCommandLine(argv: readonly string[]): CliCommand {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') return { command: 'help', topic: 'main' };
  if (name === '--version' || name === '-V') return { command: 'version' };
  if (name !== 'check' && name !== 'ports' && name !== 'suggest') throw new UsageError(`unknown command '${name}' (expected check, ports or suggest)`);

  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: OPTIONS[name], allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (values['help'] === true) return { command: 'help', topic: name };
  if (parsed.positionals.length > 1) throw new UsageError(`expected one ROOT folder, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);

  const common: Common = {
    root: parsed.positionals[0] ?? '.',
    registry: (values['registry'] as string[] | undefined) ?? [],
    ...optional('config', values['config']),
    ...optional('output', values['output']),
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
  const service = values['service'];
  if (typeof service !== 'string' || service.trim() === '') throw new UsageError('suggest needs --service NAME');
  return { ...common, command: 'suggest', service, count: positiveInteger('--count', values['count'], 1), ...optional('category', values['category']) };
}

function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${String(value)}')`);
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
