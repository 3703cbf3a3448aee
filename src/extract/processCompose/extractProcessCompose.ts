// process-compose files (https://f1bonacc1.github.io/process-compose/): every enabled process
// under `processes:` runs on the host, and the file is one stack started as a whole.
import { AliasBudgetExceeded, isMap, parseYaml, type YamlFile } from '../yaml.js';
import { normalizeServiceName } from '../../model/service.js';
import type { Binding, Diagnostic, Extractor, ExtractResult, SourceFile } from '../../model/types.js';
import { isAbsent, readEnvironment } from './environment.js';
import { FORMAT, processClaims } from './processClaims.js';

export const processComposeExtractor: Extractor = {
  format: FORMAT,
  matches: isProcessComposeFile,
  extract: (file) => extractProcessCompose(file),
};

/** `process-compose.yaml`, `process-compose.override.yml`, `process-compose-dev.yaml`, in any folder. */
export function isProcessComposeFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.startsWith('process-compose') && (name.endsWith('.yaml') || name.endsWith('.yml'));
}

export function extractProcessCompose(file: SourceFile): ExtractResult {
  let diagnostics: Diagnostic[] = [];
  try {
    const yaml = parseYaml(file.path, file.text);
    diagnostics = [...yaml.diagnostics];
    const bindings = yaml.documents.flatMap((doc) => documentBindings(yaml, doc.contents, diagnostics));
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

function documentBindings(yaml: YamlFile, root: unknown, diagnostics: Diagnostic[]): Binding[] {
  if (isAbsent(root)) return [];
  if (!isMap(yaml.resolve(root))) {
    diagnostics.push({ ...yaml.locate(root), severity: 'error', message: 'a process-compose file must be a mapping' });
    return [];
  }
  const processes = yaml.resolve(yaml.get(root, 'processes'));
  if (isAbsent(processes)) return [];
  if (!isMap(processes)) {
    diagnostics.push({ ...yaml.locate(processes), severity: 'error', message: '`processes` must be a mapping of process names' });
    return [];
  }
  // The global environment holds no claim of its own; it names processes through their variables.
  const globalEnvironment = readEnvironment(yaml, yaml.get(root, 'environment'), diagnostics);
  const stack = `process-compose:${yaml.path}`;
  const bindings: Binding[] = [];
  for (const [name, node, keyNode] of yaml.entries(processes)) {
    if (!isMap(yaml.resolve(node))) {
      diagnostics.push({ ...yaml.locate(node ?? keyNode), severity: 'error', message: `process "${name}" must be a mapping` });
      continue;
    }
    if (isDisabled(yaml.scalarText(yaml.get(node, 'disabled')))) continue;
    const claims = processClaims({ yaml, name, node, globalEnvironment, diagnostics }, normalizeServiceName(name), stack);
    warnOfReplicas(yaml, name, node, claims, diagnostics);
    bindings.push(...claims);
  }
  return bindings;
}

/** process-compose decodes `disabled` into a Go bool, which takes YAML 1.1's spellings too. */
function isDisabled(disabled: string | undefined): boolean {
  return disabled !== undefined && ['true', 'yes', 'on', 'y'].includes(disabled.toLowerCase());
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
