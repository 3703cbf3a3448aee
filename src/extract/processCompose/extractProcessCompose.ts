// process-compose files (https://f1bonacc1.github.io/process-compose/): every enabled process
// under `processes:` runs on the host, and the file is one stack started as a whole.
import { dotenvBeside, dotenvLookup } from '../dotenvBeside.js';
import { AliasBudgetExceeded, isEmptyNode, isMap, parseYaml, type YamlFile } from '../yaml.js';
import { normalizeServiceName } from '../../model/service.js';
import { stackId } from '../../model/stack.js';
import type { Binding, Diagnostic, ExtractContext, Extractor, ExtractResult, SourceFile } from '../../model/types.js';
import { readEnvironment } from './environment.js';
import { isTrue, type ProcessComposeFile, readText } from './expansion.js';
import { FORMAT, processClaims } from './processClaims.js';
import { unnamedServiceMessage } from '../unnamedService.js';

export const processComposeExtractor: Extractor = {
  format: FORMAT,
  matches: isProcessComposeFile,
  extract: extractProcessCompose,
  dependencies: (path) => [dotenvBeside(path)],
};

/** `process-compose.yaml`, `process-compose.override.yml`, `process-compose-dev.yaml`, in any folder. */
export function isProcessComposeFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.startsWith('process-compose') && (name.endsWith('.yaml') || name.endsWith('.yml'));
}

export function extractProcessCompose(file: SourceFile, context: ExtractContext): ExtractResult {
  let diagnostics: Diagnostic[] = [];
  try {
    const yaml = parseYaml(file.path, file.text);
    diagnostics = [...yaml.diagnostics];
    const variables = dotenvLookup(context, dotenvBeside(file.path));
    const bindings = yaml.documents.flatMap((doc) => {
      const expands = !isTrue(yaml.scalarText(yaml.get(doc.contents, 'disable_env_expansion')));
      return documentBindings({ yaml, variables: expands ? variables : undefined, diagnostics }, doc.contents);
    });
    return { bindings, diagnostics };
  } catch (error) {
    // An alias bomb is abandoned whole: what was read before it proves nothing about the rest.
    const message =
      error instanceof AliasBudgetExceeded
        ? `${error.message}: the file is skipped`
        : `could not read the file: ${error instanceof Error ? error.message : String(error)}`;
    return { bindings: [], diagnostics: [...diagnostics, { file: file.path, severity: 'error', message }] };
  }
}

function documentBindings(file: ProcessComposeFile, root: unknown): Binding[] {
  const { yaml, diagnostics } = file;
  if (isEmptyNode(yaml, root)) return [];
  if (!isMap(yaml.resolve(root))) {
    diagnostics.push({ ...yaml.locate(root), severity: 'error', message: 'a process-compose file must be a mapping' });
    return [];
  }
  const processes = yaml.resolve(yaml.get(root, 'processes'));
  if (isEmptyNode(yaml, processes)) return [];
  if (!isMap(processes)) {
    diagnostics.push({ ...yaml.locate(processes), severity: 'error', message: '`processes` must be a mapping of process names' });
    return [];
  }
  // The global environment holds no claim of its own; it names processes through their variables.
  const globalEnvironment = readEnvironment(file, yaml.get(root, 'environment'));
  const stack = stackId('process-compose', yaml.path);
  const bindings: Binding[] = [];
  for (const [name, node, keyNode] of yaml.entries(processes)) {
    if (!isMap(yaml.resolve(node))) {
      diagnostics.push({ ...yaml.locate(node ?? keyNode), severity: 'error', message: `process "${name}" must be a mapping` });
      continue;
    }
    if (isTrue(readText(file, yaml.get(node, 'disabled'))?.interpolation.value)) continue;
    const owner = { service: normalizeServiceName(name), format: FORMAT, stack };
    if (owner.service === '') {
      diagnostics.push({ ...yaml.locate(keyNode), severity: 'warning', message: unnamedServiceMessage('process', name) });
      continue;
    }
    const claims = processClaims({ file, name, node, globalEnvironment, owner });
    warnOfReplicas(yaml, name, node, claims, diagnostics);
    bindings.push(...claims);
  }
  return bindings;
}

/** Replicas of one process share its command: a literal port makes them collide with each other. */
function warnOfReplicas(yaml: YamlFile, name: string, node: unknown, claims: readonly Binding[], diagnostics: Diagnostic[]): void {
  const replicasNode = yaml.get(node, 'replicas');
  const replicas = Number(yaml.scalarText(replicasNode));
  const first = claims[0];
  if (!(replicas > 1) || !first) return;
  diagnostics.push({
    ...yaml.locate(replicasNode),
    severity: 'warning',
    message: `process "${name}" runs ${replicas} replicas that all bind port ${first.port}; derive the port from PC_REPLICA_NUM`,
  });
}
