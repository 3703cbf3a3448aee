import type { ExtractResult, Extractor, SourceFile } from '../../model/types.js';
import { parseYaml } from '../yaml.js';
import { KUBERNETES_FORMAT, ManifestReader } from './manifestReader.js';
import { readPodSpec, type ObjectName } from './podPorts.js';
import { readService } from './servicePorts.js';
import { firstTemplateLine, templateActionLine } from './templating.js';

/**
 * Which files: every YAML file that no reader before it in the catalogue takes (compose,
 * process-compose and zinit files are theirs), decided by content.
 * Manifests live anywhere (`k8s/`, `deploy/`, `infra/`, kustomize overlays, the root), and a
 * folder list would miss real collisions without a word; reading the other YAML costs one
 * substring scan each, since only files that mention both `apiVersion` and `kind` are parsed.
 */
export const kubernetesExtractor: Extractor = {
  format: KUBERNETES_FORMAT,
  matches: isManifestCandidate,
  extract: extractKubernetes,
};

export function isManifestCandidate(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const stem = base.endsWith('.yaml') ? base.slice(0, -5) : base.endsWith('.yml') ? base.slice(0, -4) : undefined;
  if (stem === undefined || path.startsWith('.github/')) return false;
  return !OTHER_FILE_STEMS.some((other) => stem === other || stem.startsWith(`${other}.`));
}

/** The config and lock files: never manifests. (A `ports.yml` that the registry reader before this one declines may be one.) */
const OTHER_FILE_STEMS = ['.portcullis', 'pnpm-lock'];

export function extractKubernetes(file: SourceFile): ExtractResult {
  if (!file.text.includes('apiVersion') || !file.text.includes('kind')) return { bindings: [], diagnostics: [] };
  const yaml = parseYaml(file.path, file.text);
  if (file.text.includes('{{')) {
    const actionLine = templateActionLine(file.text, yaml.documents);
    if (actionLine !== undefined) return templated(file.path, actionLine);
    if (yaml.diagnostics.length > 0) return templated(file.path, firstTemplateLine(file.text));
  }
  const reader = new ManifestReader(yaml);
  try {
    for (const document of yaml.documents) {
      if (document.errors.length === 0 && document.contents !== null) readObject(reader, document.contents);
    }
  } catch (error) {
    // The alias budget (AliasBudgetExceeded) is the one way a parsed document can still fail.
    reader.diagnostics.push({ file: file.path, severity: 'error', message: `${error instanceof Error ? error.message : String(error)}: rest of the file not checked` });
  }
  if (reader.templateAt) return templated(file.path, reader.templateAt.line);
  const result: ExtractResult = { bindings: reader.bindings, diagnostics: [...yaml.diagnostics, ...reader.diagnostics] };
  const workloads = reader.workloads.filter((workload) => workload.containers.length > 0);
  return workloads.length === 0 ? result : { ...result, facts: { workloads } };
}

function templated(path: string, line: number | undefined): ExtractResult {
  const message = 'a template (Helm, Go template or envsubst placeholders), not a manifest: its ports are decided when it is rendered, so it is not checked';
  return { bindings: [], diagnostics: [{ file: path, ...(line === undefined ? {} : { line }), severity: 'warning', message }] };
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function readObject(reader: ManifestReader, object: unknown): void {
  const { file } = reader;
  const kind = reader.text(object, 'kind');
  if (kind === undefined || reader.text(object, 'apiVersion') === undefined) return;
  if (kind === 'List' || kind.endsWith('List')) {
    for (const item of file.items(file.get(object, 'items'))) readObject(reader, item);
    return;
  }
  const podSpecPath = POD_SPEC_PATHS[kind];
  if (!podSpecPath && kind !== 'Service') return;
  const name = objectName(reader, object);
  if (!name) return;
  if (podSpecPath) readPodSpec(reader, name, podSpecPath.reduce<unknown>((node, key) => file.get(node, key), object));
  else readService(reader, name, file.get(object, 'spec'));
}

function objectName(reader: ManifestReader, object: unknown): ObjectName | undefined {
  const metadata = reader.file.get(object, 'metadata');
  const name = reader.text(metadata, 'name') ?? reader.text(metadata, 'generateName');
  if (name === undefined) {
    reader.problem(object, `${reader.text(object, 'kind')} has no metadata.name: its ports are not checked`, 'warning');
    return undefined;
  }
  return { namespace: reader.text(metadata, 'namespace') ?? 'default', name };
}
