import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { suggestFreePorts } from '../allocate/allocate.js';
import { loadConfig } from '../config/loadConfig.js';
import { gitTopLevel, resolveRevision } from '../discover/git.js';
import type { PortcullisConfig } from '../model/config.js';
import { UnsafeWriteError, writeFileNoFollow } from '../discover/workspaceFiles.js';
import { analyzeWorkingTree, CheckUsageError, failingConflicts, runCheck } from '../pipeline/check.js';
import { renderInventoryJson, renderInventoryMarkdown, renderInventoryText } from '../report/inventory.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { type CliCommand, parseCommandLine, UsageError } from './args.js';
import { runFix } from './fix.js';
import { oneLine } from './terminal.js';
import { CHECK_HELP, FIX_HELP, MAIN_HELP, PORTS_HELP, SUGGEST_HELP } from './help.js';
import { VERSION } from '../version.js';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** ANSI colors on standard output: main.ts sets it for a terminal without NO_COLOR. */
  color?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FAILING = 1;
export const EXIT_USAGE = 2;

/** The whole command line: parses argv, runs the command, returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    return await runCommand(command, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CheckUsageError) {
      io.stderr(`portcullis: ${oneLine(error.message)}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`portcullis: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_USAGE;
  }
}

async function runCommand(command: CliCommand, io: CliIo): Promise<number> {
  switch (command.command) {
    case 'help':
      io.stdout({ main: MAIN_HELP, check: CHECK_HELP, ports: PORTS_HELP, suggest: SUGGEST_HELP, fix: FIX_HELP }[command.topic]);
      return EXIT_OK;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return EXIT_OK;
    default:
      break;
  }
  const root = resolvePath(io.cwd, command.root);
  if (!(await isDirectory(root))) throw new UsageError(`ROOT is not a folder: ${command.root}`);
  const config = await configFor(root, command.config, io.cwd);
  await requireRegistryFiles(root, command.registry);
  const base = command.command === 'check' || command.command === 'fix' ? await baseOf(root, command.base, command.quiet === true, io) : undefined;
  if (command.command === 'fix') {
    return runFix({ root, config, registry: command.registry, dryRun: command.dryRun, quiet: command.quiet === true, ...(base === undefined ? {} : { base }) }, io);
  }
  if (command.command === 'check') {
    const report = await runCheck({ root, config, registry: command.registry, ...(base === undefined ? {} : { base }) });
    const failing = failingConflicts(report.conflicts, command.failOn);
    // Quiet: only what fails, and nothing at all when nothing does.
    if (command.quiet && command.format === 'text' && failing.length === 0) return EXIT_OK;
    const shown = command.quiet && command.format === 'text' ? { ...report, conflicts: failing, diagnostics: [] } : report;
    const rendered = {
      text: () => renderText(shown, { color: io.color === true && command.output === undefined }),
      markdown: () => renderMarkdown(report),
      json: () => renderJson(report),
      sarif: () => renderSarif(report, { toolVersion: VERSION }),
    }[command.format]();
    await emit(rendered, command.output, io, root);
    const incompleteFails = report.incomplete.length > 0 && command.incomplete === 'fail';
    return failing.length > 0 || incompleteFails ? EXIT_FAILING : EXIT_OK;
  }
  const analysis = await analyzeWorkingTree({ root, config, registry: command.registry });
  if (command.command === 'ports') {
    const bindings = [...analysis.registry.entries, ...analysis.bindings];
    const rendered = { text: renderInventoryText, markdown: renderInventoryMarkdown, json: renderInventoryJson }[command.format](bindings);
    await emit(rendered, command.output, io, root);
    return EXIT_OK;
  }
  if (command.category !== undefined && !analysis.registry.categories.some((category) => category.name === command.category)) {
    const known = analysis.registry.categories.map((category) => category.name);
    throw new UsageError(`unknown category '${command.category}' (${known.length > 0 ? `the registry has: ${known.join(', ')}` : 'the registry defines no categories'})`);
  }
  const ports = suggestFreePorts({
    service: command.service,
    count: command.count,
    bindings: analysis.bindings,
    registry: analysis.registry,
    ...(command.category === undefined ? {} : { category: command.category }),
  });
  if (ports.length < command.count && !command.quiet) io.stderr(`portcullis: only ${ports.length} free ports fit the constraints\n`);
  const rendered =
    command.format === 'json'
      ? `${JSON.stringify({ service: command.service, category: command.category ?? null, ports }, null, 2)}\n`
      : ports.map((port) => `${port}\n`).join('');
  await emit(rendered, command.output, io, root);
  return EXIT_OK;
}

/**
 * `--base HEAD` in a repository without a commit yet (the pre-commit hook on the first
 * commit) compares with nothing: every conflict is new, as without --base.
 */
async function baseOf(root: string, base: string | undefined, quiet: boolean, io: CliIo): Promise<string | undefined> {
  if (base !== 'HEAD' || (await gitTopLevel(root)) === undefined) return base;
  const born = await resolveRevision(root, 'HEAD').then(
    () => true,
    () => false,
  );
  if (born) return base;
  if (!quiet) io.stderr('portcullis: HEAD has no commit yet: every conflict counts as new\n');
  return undefined;
}

/** A registry named with --registry must exist: silently checking without it would pass what it forbids. */
async function requireRegistryFiles(root: string, registry: readonly string[]): Promise<void> {
  for (const path of registry) {
    const info = await stat(resolvePath(root, path)).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`--registry ${path}: ${info ? 'not a file' : 'no such file'} (registry paths are relative to ROOT)`);
  }
}

async function configFor(root: string, given: string | undefined, cwd: string): Promise<PortcullisConfig> {
  const explicit = given === undefined ? undefined : resolvePath(cwd, given);
  const loaded = await loadConfig(root, explicit);
  if (!('error' in loaded)) return loaded.config;
  // The file as the user named it, not the absolute path it was read from.
  const named = explicit !== undefined && given !== undefined && loaded.error.startsWith(explicit) ? `${given}${loaded.error.slice(explicit.length)}` : loaded.error;
  throw new UsageError(named);
}

/**
 * Stdout, or `--output`: never through a link, and inside the root never through a linked
 * folder (a pull request can commit `report.json -> ~/.bashrc`); a path the user names
 * outside the root is theirs to choose.
 */
async function emit(text: string, output: string | undefined, io: CliIo, root: string): Promise<void> {
  if (output === undefined) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  else {
    try {
      writeFileNoFollow({ path: resolvePath(io.cwd, output), root }, text);
    } catch (error) {
      throw new UsageError(`--output ${output}: cannot write: ${error instanceof UnsafeWriteError ? error.message : describeWriteError(error)}`);
    }
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const known: Partial<Record<string, string>> = {
    ENOENT: 'its folder does not exist',
    ENOTDIR: 'a part of its path is not a folder',
    EISDIR: 'it is a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  return (code === undefined ? undefined : known[code]) ?? (code ?? String(error));
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
