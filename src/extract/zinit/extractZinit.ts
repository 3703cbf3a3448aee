import type { Binding, Diagnostic, ExtractResult, Extractor, SourceFile } from '../../model/types.js';
import { ZINIT_FORMAT, zinitServiceBindings, type ZinitServiceConfig } from './serviceBindings.js';
import { readZinitToml } from './tomlServices.js';
import { readZinitYaml } from './yamlService.js';
import { isUnderZinitFolder, serviceNameFromFile, zinitFileKind } from './zinitFiles.js';

/**
 * zinit service files (see zinitFileKind). A TOML file is zinit's when a `services.<name>` or
 * `service` table has an `exec` command (under a `zinit/` folder, `ports` alone is enough); it
 * is parsed only when it mentions both `service` and `exec`, so other TOML costs one substring
 * scan.
 */
export const zinitExtractor: Extractor = {
  format: ZINIT_FORMAT,
  matches: (path) => zinitFileKind(path) !== undefined,
  extract: extractZinit,
};

export function extractZinit(file: SourceFile): ExtractResult {
  const kind = zinitFileKind(file.path);
  const inZinitFolder = isUnderZinitFolder(file.path);
  let read: { services: ZinitServiceConfig[]; diagnostics: Diagnostic[] };
  if (kind === 'yaml') {
    read = readZinitYaml(file.path, file.text, serviceNameFromFile(file.path));
  } else if (kind === 'toml' && (inZinitFolder || (file.text.includes('service') && file.text.includes('exec')))) {
    read = readZinitToml(file.path, file.text, serviceNameFromFile(file.path));
    // A `services` table none of whose entries runs a command belongs to some other tool.
    const someoneElses = !inZinitFolder && read.services.length > 0 && read.services.every((service) => service.exec === undefined);
    if (someoneElses) return { bindings: [], diagnostics: [] };
  } else {
    return { bindings: [], diagnostics: [] };
  }
  const diagnostics = read.diagnostics;
  const bindings: Binding[] = read.services.flatMap((service) => zinitServiceBindings(service, diagnostics));
  return { bindings, diagnostics };
}

