// What a compose file says about where its services run, beside their ports: the folder each
// builds, its profiles, its network, the service it extends, and the files it includes. The
// topology stage joins these with other files (Dockerfiles, source code, `-f` chains).
import type { ComposeServiceFacts, PathReference } from '../../model/facts.js';
import { folderOf, resolveWrittenPath } from '../../model/paths.js';
import { normalizeServiceName } from '../../model/service.js';
import type { SourceLocation } from '../../model/types.js';
import { splitShellCommands } from '../command/shellWords.js';
import { readInterpolated } from '../interpolatedScalar.js';
import { isEmptyNode, isMap, isScalar, isSeq } from '../yaml.js';
import type { ComposeFileContext } from './servicePorts.js';

/** The facts of one service definition (a mapping, already checked), read as Compose reads them. */
export function readServiceFacts(file: ComposeFileContext, name: string, definition: unknown, at: SourceLocation): ComposeServiceFacts {
  const { yaml } = file;
  const networkMode = text(file, yaml.get(definition, 'network_mode'));
  const facts: ComposeServiceFacts = {
    name: normalizeServiceName(name),
    at,
    profiles: readProfiles(file, yaml.get(definition, 'profiles')),
    hostNetwork: networkMode === 'host',
  };
  if (networkMode?.startsWith('service:')) facts.networkOf = normalizeServiceName(networkMode.slice('service:'.length));
  const build = readBuild(file, yaml.get(definition, 'build'));
  if (build) facts.build = build;
  const extended = readExtends(file, yaml.get(definition, 'extends'));
  if (extended) facts.extends = extended;
  const modules = [yaml.get(definition, 'entrypoint'), yaml.get(definition, 'command')].flatMap((node) => pythonModulesRun(commandWords(file, node)));
  if (modules.length > 0) facts.pythonModules = [...new Set(modules)];
  return facts;
}

/** `command: python -m app.serve` or `[python3, -m, app.serve]`: the words Compose runs. */
function commandWords(file: ComposeFileContext, node: unknown): string[] {
  const { yaml } = file;
  if (node === undefined || isEmptyNode(yaml, node)) return [];
  if (isSeq(yaml.resolve(node))) return withShellScripts(yaml.items(node).map((item) => text(file, item) ?? ''));
  const line = text(file, node);
  return line === undefined ? [] : shellWords(line);
}

function shellWords(line: string): string[] {
  return withShellScripts(splitShellCommands(line).flatMap((command) => command.map((word) => word.text)));
}

/** `sh -c "python -m app.migrate && python -m app"`: the script's words too. */
function withShellScripts(words: readonly string[]): string[] {
  const script = words.findIndex((word, index) => word === '-c' && /^(?:ba|da|z)?sh$/.test(baseName(words[index - 1] ?? '')));
  const body = words[script + 1];
  return script < 0 || body === undefined ? [...words] : [...words.slice(0, script), ...splitShellCommands(body).flatMap((command) => command.map((word) => word.text))];
}

const baseName = (program: string): string => program.slice(program.lastIndexOf('/') + 1);

/** The module after `-m` of a Python interpreter (`python`, `python3.9`, `/usr/bin/python3`). */
function pythonModulesRun(words: readonly string[]): string[] {
  const modules: string[] = [];
  let interpreter = false;
  for (const [index, word] of words.entries()) {
    if (/^python[\d.]*$/.test(baseName(word))) interpreter = true;
    const module = words[index + 1];
    if (interpreter && word === '-m' && module !== undefined && /^[A-Z_][\w.]*$/i.test(module)) modules.push(module);
  }
  return modules;
}

/** `include:` entries: a path, or `{ path: one or several, project_directory, env_file }`. */
export function readIncludes(file: ComposeFileContext, node: unknown): PathReference[] {
  const { yaml } = file;
  if (isEmptyNode(yaml, node)) return [];
  if (!isSeq(yaml.resolve(node))) {
    report(file, node, 'include must be a list of files');
    return [];
  }
  const references: PathReference[] = [];
  for (const item of yaml.items(node)) {
    const paths = isMap(yaml.resolve(item)) ? yaml.get(item, 'path') : item;
    const written = isSeq(yaml.resolve(paths)) ? yaml.items(paths) : [paths];
    for (const entry of written) {
      const reference = pathReference(file, entry);
      if (reference) references.push(reference);
      else report(file, entry, 'an included file must be named by a string');
    }
  }
  return references;
}

/** `build: ./dir` or `build: { context: ./dir, dockerfile: Dockerfile.dev }`; the context defaults to the file's folder. */
function readBuild(file: ComposeFileContext, node: unknown): ComposeServiceFacts['build'] {
  const { yaml } = file;
  if (node === undefined || isEmptyNode(yaml, node)) return undefined;
  const resolved = yaml.resolve(node);
  if (isScalar(resolved)) {
    const context = pathReference(file, node);
    return context && { context };
  }
  if (!isMap(resolved)) return undefined;
  const contextNode = yaml.get(node, 'context');
  const context = contextNode === undefined ? { path: folderOf(yaml.path), at: yaml.locate(node) } : pathReference(file, contextNode);
  if (!context) return undefined;
  const dockerfile = text(file, yaml.get(node, 'dockerfile'));
  if (dockerfile === undefined || 'unresolved' in context) return { context };
  const dockerfilePath = resolveWrittenPath(context.path, dockerfile);
  return 'path' in dockerfilePath ? { context, dockerfile: dockerfilePath.path } : { context };
}

/** `extends: base` (a service of this file) or `{ service: base, file: common.yml }`. */
function readExtends(file: ComposeFileContext, node: unknown): ComposeServiceFacts['extends'] {
  const { yaml } = file;
  if (node === undefined || isEmptyNode(yaml, node)) return undefined;
  const at = yaml.locate(node);
  if (isScalar(yaml.resolve(node))) {
    const service = text(file, node);
    return service ? { service: normalizeServiceName(service), at } : undefined;
  }
  const service = text(file, yaml.get(node, 'service'));
  if (!service) {
    report(file, node, 'extends needs the service it extends');
    return undefined;
  }
  const fileNode = yaml.get(node, 'file');
  const extendedFile = fileNode === undefined ? undefined : pathReference(file, fileNode);
  return { service: normalizeServiceName(service), at, ...(extendedFile ? { file: extendedFile } : {}) };
}

function readProfiles(file: ComposeFileContext, node: unknown): string[] {
  const { yaml } = file;
  if (node === undefined || isEmptyNode(yaml, node)) return [];
  if (!isSeq(yaml.resolve(node))) {
    report(file, node, 'profiles must be a list of names');
    return [];
  }
  return [...new Set(yaml.items(node).flatMap((item) => text(file, item) ?? []))].filter((profile) => profile !== '');
}

/** A path written in the file, relative to the file's folder. */
function pathReference(file: ComposeFileContext, node: unknown): PathReference | undefined {
  const written = text(file, node);
  if (written === undefined) return undefined;
  const at = file.yaml.locate(node);
  const resolved = resolveWrittenPath(folderOf(file.yaml.path), written);
  return 'path' in resolved ? { path: resolved.path, at } : { path: written, at, unresolved: resolved.unresolved };
}

/** A scalar's interpolated text; undefined for anything else. */
function text(file: ComposeFileContext, node: unknown): string | undefined {
  if (node === undefined || !isScalar(file.yaml.resolve(node))) return undefined;
  const scalar = readInterpolated(file.yaml, node, file.variables);
  if (!scalar) return undefined;
  // A variable without a value: the text as written, whose `${...}` says it is not known.
  if (scalar.interpolation.problems.length > 0) return scalar.raw.trim();
  return scalar.interpolation.value.trim();
}

function report(file: ComposeFileContext, node: unknown, message: string): void {
  file.diagnostics.push({ ...file.yaml.locate(node), severity: 'error', message });
}
