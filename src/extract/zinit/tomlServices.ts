import { parseTOML, type AST } from 'toml-eslint-parser';
import { normalizeServiceName } from '../../model/service.js';
import type { Diagnostic, SourceLocation } from '../../model/types.js';
import type { LocatedText, PortEntry } from './portDeclaration.js';
import type { ZinitServiceConfig } from './serviceBindings.js';

/**
 * zinit's TOML service configs come in two shapes:
 *   - several services in one file, `[services.<name>]` with `exec`, `ports`, `env`;
 *   - one service per file, `[service]` with `name`, `exec`, `ports`, `env` (the file's stem
 *     names the service when `name` is absent).
 * Tables, dotted keys and inline tables are all the same thing in TOML, so the reader works on
 * the flattened key paths, never on how the file happens to spell them.
 */
export interface ZinitTomlRead {
  services: ZinitServiceConfig[];
  diagnostics: Diagnostic[];
}

export function readZinitToml(path: string, text: string, fallbackName: string): ZinitTomlRead {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(text);
  } catch (error) {
    return { services: [], diagnostics: [tomlErrorDiagnostic(path, error)] };
  }
  const positions = new TextPositions(path, text);
  const groups = new Map<string, { name: string | undefined; entries: TomlEntry[] }>();
  for (const entry of flattenToml(program)) {
    const member = serviceMember(entry.path);
    if (!member) continue;
    let group = groups.get(member.id);
    if (!group) groups.set(member.id, (group = { name: member.name, entries: [] }));
    group.entries.push({ path: member.rest, value: entry.value });
  }
  const services: ZinitServiceConfig[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const group of groups.values()) {
    const field = (name: string) => group.entries.find((entry) => entry.path.length === 1 && entry.path[0] === name)?.value;
    const nameNode = field('name');
    const name = group.name ?? (isString(nameNode) ? nameNode.value : fallbackName);
    const [first] = group.entries;
    const execNode = field('exec');
    const portsNode = field('ports');
    if (portsNode && portsNode.type !== 'TOMLArray') {
      diagnostics.push({ ...positions.at(portsNode), severity: 'error', message: 'ports: expected a list of ports' });
    }
    services.push({
      service: normalizeServiceName(name),
      name,
      location: first ? positions.at(first.value) : { file: path, line: 1, column: 1 },
      ports: portsNode?.type === 'TOMLArray' ? portsNode.elements.map((element) => positions.portEntry(element)) : [],
      exec: isString(execNode) ? positions.stringText(execNode) : undefined,
      env: group.entries.flatMap((entry) => {
        const [env, variable] = entry.path;
        const value = entry.path.length === 2 && env === 'env' ? positions.scalarText(entry.value) : undefined;
        return variable !== undefined && value ? [{ name: variable, value }] : [];
      }),
    });
  }
  return { services, diagnostics };
}

/** `services.<name>.<rest>` or `service.<rest>`: which service a key path belongs to. */
function serviceMember(path: readonly string[]): { id: string; name: string | undefined; rest: string[] } | undefined {
  const [head, second] = path;
  if (head === 'services' && second !== undefined && path.length > 2) return { id: `services.${second}`, name: second, rest: path.slice(2) };
  if (head === 'service' && path.length > 1) return { id: 'service', name: undefined, rest: path.slice(1) };
  return undefined;
}

function isString(node: AST.TOMLContentNode | undefined): node is AST.TOMLStringValue {
  return node?.type === 'TOMLValue' && node.kind === 'string';
}

interface TomlEntry {
  path: string[];
  value: AST.TOMLContentNode;
}

/** Every key/value of the document with its full key path; inline tables are expanded. */
function flattenToml(program: AST.TOMLProgram): TomlEntry[] {
  const entries: TomlEntry[] = [];
  const push = (prefix: string[], keyValue: AST.TOMLKeyValue): void => {
    const path = [...prefix, ...keyValue.key.keys.map(keyName)];
    if (keyValue.value.type === 'TOMLInlineTable') for (const inner of keyValue.value.body) push(path, inner);
    else entries.push({ path, value: keyValue.value });
  };
  for (const item of program.body[0].body) {
    if (item.type === 'TOMLTable') for (const keyValue of item.body) push(item.resolvedKey.map(String), keyValue);
    else push([], item);
  }
  return entries;
}

function tomlErrorDiagnostic(path: string, error: unknown): Diagnostic {
  const { lineNumber, column } = error as { lineNumber?: unknown; column?: unknown };
  const message = `invalid TOML: ${error instanceof Error ? error.message : String(error)}`;
  if (typeof lineNumber !== 'number') return { file: path, severity: 'error', message };
  return { file: path, line: lineNumber, ...(typeof column === 'number' ? { column: column + 1 } : {}), severity: 'error', message };
}

/** Positions in one TOML file: node starts, and characters inside string values. */
class TextPositions {
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly path: string,
    private readonly text: string,
  ) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  at(node: AST.TOMLNode): SourceLocation {
    return { file: this.path, line: node.loc.start.line, column: node.loc.start.column + 1 };
  }

  /**
   * Characters of a string value map one to one onto its source unless the string has escapes
   * or is a multi-line string whose first newline TOML drops; then the token is found as the
   * same occurrence in the source, or else located at the string's first character.
   */
  stringText(node: AST.TOMLStringValue): LocatedText {
    const quotes = node.multiline ? 3 : 1;
    const rawStart = node.range[0] + quotes;
    const raw = this.text.slice(rawStart, node.range[1] - quotes);
    const value = node.value;
    if (raw === value) return { text: value, locate: (index) => this.offset(rawStart + index) };
    return {
      text: value,
      locate: (index, token) => {
        let at = -1;
        for (let seen = occurrences(value.slice(0, index), token); seen >= 0; seen--) {
          at = raw.indexOf(token, at + 1);
          if (at < 0) return this.offset(rawStart);
        }
        return this.offset(rawStart + at);
      },
    };
  }

  /** A string or number value as text (an env value); other values are undefined. */
  scalarText(node: AST.TOMLContentNode): LocatedText | undefined {
    if (node.type !== 'TOMLValue') return undefined;
    if (node.kind === 'string') return this.stringText(node);
    if (node.kind !== 'integer') return undefined;
    const start = node.range[0];
    return { text: String(node.value), locate: (index) => this.offset(start + index) };
  }

  portEntry(node: AST.TOMLContentNode): PortEntry {
    if (node.type === 'TOMLValue' && node.kind === 'integer') return { kind: 'integer', literal: String(node.value), location: this.at(node) };
    if (node.type === 'TOMLValue' && node.kind === 'string') return { kind: 'string', ...this.stringText(node) };
    if (node.type === 'TOMLInlineTable') {
      const field = (name: string) => node.body.find((keyValue) => keyValue.key.keys.length === 1 && keyValue.key.keys.map(keyName)[0] === name)?.value;
      const port = field('port');
      const protocol = field('protocol');
      return {
        kind: 'table',
        port: port ? this.portEntry(port) : undefined,
        protocol: protocol?.type === 'TOMLValue' ? String(protocol.value) : undefined,
        location: this.at(node),
      };
    }
    return { kind: 'other', location: this.at(node) };
  }

  private offset(offset: number): SourceLocation {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { file: this.path, line: low + 1, column: offset - (this.lineStarts[low] as number) + 1 };
  }
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

function occurrences(text: string, token: string): number {
  let count = 0;
  for (let at = text.indexOf(token); token.length > 0 && at >= 0; at = text.indexOf(token, at + token.length)) count++;
  return count;
}
