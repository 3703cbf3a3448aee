import type { ExtractContext, Extractor, ExtractResult, SourceFile } from '../../model/types.js';
import { dotenvBeside, dotenvLookup, templatesBeside } from '../dotenvBeside.js';
import { AliasBudgetExceeded, isEmptyNode, isMap, parseYaml, type YamlFile } from '../yaml.js';
import { COMPOSE_DEFAULT_FILES, COMPOSE_OVERRIDE_FILES } from '../../model/compose.js';
import { folderOf, pathIn } from '../../model/paths.js';
import { isComposeFile } from './composeFiles.js';
import { composeProjectName, topLevelName } from './projectName.js';
import { indentQuotedContinuations } from './repairQuotedContinuation.js';
import type { ComposeFileFacts } from '../../model/facts.js';
import { readIncludes, readServiceFacts } from './serviceFacts.js';
import { type ComposeFileContext, extractServicePorts } from './servicePorts.js';

export const composeExtractor: Extractor = {
  format: 'compose',
  matches: isComposeFile,
  extract: (file, context) => extractCompose(file, context),
  dependencies: composeDependencies,
};

/**
 * Compose files named any other way (`zk-single-kafka-single.yml`, run with `-f`), taken by
 * their shape: a top-level `services:` mapping with a service that has an `image` or a
 * `build`. Offered every YAML file that no reader before it in the catalogue took; any
 * other YAML is declined, quietly, for the next reader (Kubernetes manifests).
 */
export const composeDocumentExtractor: Extractor = {
  format: 'compose',
  matches: (path) => /\.ya?ml$/i.test(path) && !path.startsWith('.github/'),
  extract: (file, context) => (mayBeComposeDocument(file.text) ? extractCompose(file, context, { byShape: true }) : DECLINED),
  dependencies: composeDependencies,
};

const DECLINED: ExtractResult = { bindings: [], diagnostics: [], declined: true };

/** The words every compose document holds: most YAML files are declined without a parse. */
function mayBeComposeDocument(text: string): boolean {
  return text.includes('services') && (text.includes('image') || text.includes('build'));
}

function isComposeDocument(yaml: YamlFile): boolean {
  return yaml.documents.some((document) => {
    const services = yaml.get(yaml.resolve(document.contents), 'services');
    return isMap(yaml.resolve(services)) && yaml.entries(services).some(([, definition]) => isServiceDefinition(yaml, definition));
  });
}

function isServiceDefinition(yaml: YamlFile, definition: unknown): boolean {
  return isMap(yaml.resolve(definition)) && (yaml.get(definition, 'image') !== undefined || yaml.get(definition, 'build') !== undefined);
}

/** The `.env` that feeds interpolation (and the templates people copy into it), and the default files that may name the project. */
function composeDependencies(path: string): string[] {
  const folder = folderOf(path);
  const siblings = [...COMPOSE_DEFAULT_FILES, ...COMPOSE_OVERRIDE_FILES].map((name) => pathIn(folder, name));
  return [dotenvBeside(path), ...templatesBeside(path), ...siblings.filter((sibling) => sibling !== path)];
}

function extractCompose(file: SourceFile, context: ExtractContext, options: { byShape?: boolean } = {}): ExtractResult {
  const result: ExtractResult = { bindings: [], diagnostics: [] };
  // Where the walk was when it had to stop, so that the diagnostic can point there.
  let reading: { line: number; column: number } | undefined;
  const fail = (message: string) => result.diagnostics.push({ file: file.path, ...reading, severity: 'error', message });
  try {
    const yaml = parseYaml(file.path, file.text, { repair: indentQuotedContinuations });
    if (options.byShape && !isComposeDocument(yaml)) return DECLINED;
    result.diagnostics.push(...yaml.diagnostics);
    // The shell environment, which Compose reads first, is not known to a static check.
    const variables = dotenvLookup(context, dotenvBeside(file.path), templatesBeside(file.path));
    const compose: ComposeFileContext = {
      yaml,
      project: composeProjectName(file.path, topLevelName(yaml), context, variables),
      variables,
      bindings: result.bindings,
      diagnostics: result.diagnostics,
    };
    const facts: ComposeFileFacts = { project: compose.project, services: [], includes: [] };
    result.facts = { compose: facts };
    for (const document of yaml.documents) {
      if (isEmptyNode(yaml, document.contents)) continue;
      const root = yaml.resolve(document.contents);
      if (!isMap(root)) {
        result.diagnostics.push({ ...yaml.locate(root), severity: 'error', message: 'a compose file must be a mapping' });
        continue;
      }
      facts.includes.push(...readIncludes(compose, yaml.get(root, 'include')));
      const services = servicesOf(yaml, root);
      if (isEmptyNode(yaml, services)) continue;
      if (!isMap(yaml.resolve(services))) {
        result.diagnostics.push({ ...yaml.locate(services), severity: 'error', message: 'services must be a mapping of service names' });
        continue;
      }
      for (const [name, definition, key] of yaml.entries(services)) {
        const { line, column } = yaml.locate(key);
        reading = { line, column };
        if (extractServicePorts(compose, name, definition)) facts.services.push(readServiceFacts(compose, name, definition, { file: file.path, line, column }));
      }
    }
  } catch (error) {
    // An alias bomb in a file taken by its shape alone is nobody's compose file.
    if (options.byShape && result.facts === undefined) return DECLINED;
    if (error instanceof AliasBudgetExceeded) fail(`YAML alias budget exceeded (${error.message}); the rest of the file is not read`);
    else fail(`could not read the compose file: ${error instanceof Error ? error.message : String(error)}`);
  }
  return result;
}

/**
 * The services of a document: its `services:`, or, in Compose's version-1 layout (no
 * `services:` and no `version:`), the top level itself when a service stands there.
 */
function servicesOf(yaml: YamlFile, root: unknown): unknown {
  const services = yaml.get(root, 'services');
  if (services !== undefined || yaml.get(root, 'version') !== undefined) return services;
  return yaml.entries(root).some(([, definition]) => isServiceDefinition(yaml, definition)) ? root : undefined;
}
