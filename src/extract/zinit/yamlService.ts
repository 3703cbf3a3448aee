import { normalizeServiceName } from '../../model/service.js';
import type { Diagnostic } from '../../model/types.js';
import { isMap, isScalar, isSeq, parseYaml, type YamlFile } from '../yaml.js';
import type { LocatedText, PortEntry } from './portDeclaration.js';
import type { ZinitServiceConfig } from './serviceBindings.js';

/**
 * zinit's YAML service file (`/etc/zinit/<name>.yaml`): one service, named by the file's stem,
 * with `exec`, `test`, `oneshot`, `after`, `env`, `log`, `dir`. `test` is a probe, a client of
 * the service, so it claims nothing. `ports` is not zinit's own YAML key; we read it with the
 * same syntax as the TOML form so that one spelling works in both.
 */
export function readZinitYaml(path: string, text: string, name: string): { services: ZinitServiceConfig[]; diagnostics: Diagnostic[] } {
  const file = parseYaml(path, text);
  const diagnostics = [...file.diagnostics];
  const document = file.documents[0];
  if (!document || document.errors.length > 0 || document.contents === null) return { services: [], diagnostics };
  try {
    const root = file.resolve(document.contents);
    if (!isMap(root)) {
      diagnostics.push({ ...file.locate(root), severity: 'error', message: 'a zinit service file is a mapping (exec: ..., test: ...)' });
      return { services: [], diagnostics };
    }
    const execNode = file.get(root, 'exec');
    const portsNode = file.get(root, 'ports');
    if (portsNode !== undefined && !isSeq(file.resolve(portsNode))) {
      diagnostics.push({ ...file.locate(portsNode), severity: 'error', message: 'ports: expected a list of ports' });
    }
    const service: ZinitServiceConfig = {
      service: normalizeServiceName(name),
      name,
      location: file.locate(root),
      ports: file.items(portsNode).map((item) => portEntry(file, item)),
      exec: scalarLocatedText(file, execNode),
      env: file.entries(file.get(root, 'env')).flatMap(([variable, value]) => {
        const located = scalarLocatedText(file, value);
        return located ? [{ name: variable, value: located }] : [];
      }),
    };
    return { services: [service], diagnostics };
  } catch (error) {
    // The alias budget (AliasBudgetExceeded) is the one way a parsed document can still fail.
    diagnostics.push({ file: path, severity: 'error', message: `${error instanceof Error ? error.message : String(error)}: file not checked` });
    return { services: [], diagnostics };
  }
}

function scalarLocatedText(file: YamlFile, node: unknown): LocatedText | undefined {
  const text = file.scalarText(node);
  if (text === undefined) return undefined;
  const scalar = file.resolve(node);
  return { text, locate: (index, token) => file.locateInScalar(scalar, index, token) };
}

function portEntry(file: YamlFile, node: unknown): PortEntry {
  const location = file.locate(node);
  // The number as written: `1e3` and `0x1F90` are numbers to YAML but no port number to zinit.
  if (isScalar(node) && typeof node.value === 'number') return { kind: 'integer', literal: file.scalarText(node) ?? String(node.value), location };
  if (isScalar(node) && typeof node.value === 'string') {
    return { kind: 'string', ...(scalarLocatedText(file, node) as LocatedText) };
  }
  if (isMap(node)) {
    const port = file.get(node, 'port');
    return {
      kind: 'table',
      port: port === undefined ? undefined : portEntry(file, file.resolve(port)),
      protocol: file.scalarText(file.get(node, 'protocol')),
      location,
    };
  }
  return { kind: 'other', location };
}
