import type { ExtractContext, Extractor, ExtractResult, SourceFile } from '../../model/types.js';
import { dotenvBeside, dotenvLookup } from '../dotenvBeside.js';
import { AliasBudgetExceeded, isEmptyNode, isMap, parseYaml } from '../yaml.js';
import { COMPOSE_DEFAULT_FILES, COMPOSE_OVERRIDE_FILES, composeStack, folderOf, isComposeFile, pathIn } from './composeFiles.js';
import { composeProjectName, topLevelName } from './projectName.js';
import { indentQuotedContinuations } from './repairQuotedContinuation.js';
import { type ComposeFileContext, extractServicePorts } from './servicePorts.js';

export const composeExtractor: Extractor = {
  format: 'compose',
  matches: isComposeFile,
  extract: extractCompose,
  dependencies: composeDependencies,
};

/** The `.env` that feeds interpolation, and the default files that may name the project. */
function composeDependencies(path: string): string[] {
  const folder = folderOf(path);
  const siblings = [...COMPOSE_DEFAULT_FILES, ...COMPOSE_OVERRIDE_FILES].map((name) => pathIn(folder, name));
  return [dotenvBeside(path), ...siblings.filter((sibling) => sibling !== path)];
}

function extractCompose(file: SourceFile, context: ExtractContext): ExtractResult {
  const result: ExtractResult = { bindings: [], diagnostics: [] };
  // Where the walk was when it had to stop, so that the diagnostic can point there.
  let reading: { line: number; column: number } | undefined;
  const fail = (message: string) => result.diagnostics.push({ file: file.path, ...reading, severity: 'error', message });
  try {
    const yaml = parseYaml(file.path, file.text, { repair: indentQuotedContinuations });
    result.diagnostics.push(...yaml.diagnostics);
    // The shell environment, which Compose reads first, is not known to a static check.
    const variables = dotenvLookup(context, dotenvBeside(file.path));
    const compose: ComposeFileContext = {
      yaml,
      project: composeProjectName(file.path, topLevelName(yaml), context, variables),
      stack: composeStack(folderOf(file.path)),
      variables,
      bindings: result.bindings,
      diagnostics: result.diagnostics,
    };
    for (const document of yaml.documents) {
      if (isEmptyNode(yaml, document.contents)) continue;
      const root = yaml.resolve(document.contents);
      if (!isMap(root)) {
        result.diagnostics.push({ ...yaml.locate(root), severity: 'error', message: 'a compose file must be a mapping' });
        continue;
      }
      const services = yaml.get(root, 'services');
      if (isEmptyNode(yaml, services)) continue;
      if (!isMap(yaml.resolve(services))) {
        result.diagnostics.push({ ...yaml.locate(services), severity: 'error', message: 'services must be a mapping of service names' });
        continue;
      }
      for (const [name, definition, key] of yaml.entries(services)) {
        const { line, column } = yaml.locate(key);
        reading = { line, column };
        extractServicePorts(compose, name, definition);
      }
    }
  } catch (error) {
    if (error instanceof AliasBudgetExceeded) fail(`YAML alias budget exceeded (${error.message}); the rest of the file is not read`);
    else fail(`could not read the compose file: ${error instanceof Error ? error.message : String(error)}`);
  }
  return result;
}
