import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { suggestFreePorts } from '../allocate/allocate.js';
import { loadConfig } from '../config/loadConfig.js';
import type { PortcullisConfig } from '../model/config.js';
import { UnsafeWriteError, writeFileNoFollow } from '../discover/workspaceFiles.js';
import { analyzeWorkingTree, CheckUsageError, failingConflicts, runCheck } from '../pipeline/check.js';
import { renderInventoryJson, renderInventoryMarkdown, renderInventoryText } from '../report/inventory.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { type CliCommand, parseCommandLine, UsageError } from './args.js';
import { CHECK_HELP, MAIN_HELP, PORTS_HELP, SUGGEST_HELP } from './help.js';
import { VERSION } from '../version.js';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
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
    if (error instanceof UsageError || error instanceof CheckUsageError || error instanceof UnsafeWriteError) {
      io.stderr(`portcullis: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`portcullis: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}

async function runCommand(command: CliCommand, io: CliIo): Promise<number> {
  switch (command.command) {
    case 'help':
      io.stdout({ main: MAIN_HELP, check: CHECK_HELP, ports: PORTS_HELP, suggest: SUGGEST_HELP }[command.topic]);
      return EXIT_OK;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return EXIT_OK;
    default:
      break;
  }
  const root = resolvePath(io.cwd, command.root);
  if (!(await isDirectory(root))) throw new UsageError(`ROOT is not a folder: ${command.root}`);
  const config = await configFor(root, command.config === undefined ? undefined : resolvePath(io.cwd, command.config));
  if (command.command === 'check') {
    const report = await runCheck({ root, config, registry: command.registry, ...(command.base === undefined ? {} : { base: command.base }) });
    const rendered = {
      text: () => renderText(report),
      markdown: () => renderMarkdown(report),
      json: () => renderJson(report),
      sarif: () => renderSarif(report, { toolVersion: VERSION }),
    }[command.format]();
    await emit(rendered, command.output, io, root);
    const incompleteFails = report.incomplete.length > 0 && command.incomplete === 'fail';
    return failingConflicts(report.conflicts, command.failOn).length > 0 || incompleteFails ? EXIT_FAILING : EXIT_OK;
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
  if (ports.length < command.count) io.stderr(`portcullis: only ${ports.length} free ports fit the constraints\n`);
  await emit(ports.map((port) => `${port}\n`).join(''), command.output, io, root);
  return EXIT_OK;
}

async function configFor(root: string, explicit: string | undefined): Promise<PortcullisConfig> {
  const loaded = await loadConfig(root, explicit);
  if ('error' in loaded) throw new UsageError(loaded.error);
  return loaded.config;
}

/**
 * Stdout, or `--output`: never through a link, and inside the root never through a linked
 * folder (a pull request can commit `report.json -> ~/.bashrc`); a path the user names
 * outside the root is theirs to choose.
 */
async function emit(text: string, output: string | undefined, io: CliIo, root: string): Promise<void> {
  if (output === undefined) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  else writeFileNoFollow({ path: resolvePath(io.cwd, output), label: output, root }, text);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
