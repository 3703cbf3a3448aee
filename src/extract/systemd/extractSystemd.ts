import { findCommandListeners } from '../command/findCommandListeners.js';
import { commandListenerBinding, hostListenerBinding, type ListenedPort, type ListenerOwner, type ListenerPlace } from '../command/listenerBinding.js';
import { isOwnPortVariable } from '../portVariables.js';
import { parsePortNumber } from '../../model/ports.js';
import type { Binding, Diagnostic, ExtractResult, Extractor, Protocol, SourceFile } from '../../model/types.js';
import { execStartCommand } from './execStart.js';
import { parseListenAddress } from './listenAddress.js';
import { parseUnitFile, positionInValue, type UnitEntry } from './unitFile.js';
import { unitOfPath, unitServiceName } from './unitName.js';
import { splitUnitWords } from './unitWords.js';
import { unnamedServiceMessage } from '../unnamedService.js';

export const SYSTEMD_FORMAT = 'systemd';

/** `.socket` and `.service` units anywhere, and their drop-ins `<unit>.d/*.conf`. */
export const systemdExtractor: Extractor = {
  format: SYSTEMD_FORMAT,
  matches: (path) => unitOfPath(path) !== undefined,
  extract: extractSystemd,
};

export function extractSystemd(file: SourceFile): ExtractResult {
  const identity = unitOfPath(file.path);
  if (!identity) return { bindings: [], diagnostics: [] };
  const { entries, problems } = parseUnitFile(file.text);
  const unit = new UnitReader(file.path, identity.unit);
  for (const problem of problems) unit.diagnostics.push({ file: file.path, line: problem.line, severity: 'error', message: problem.message });
  const bindings = identity.type === 'socket' ? unit.socketBindings(entries) : unit.serviceBindings(entries);
  if (bindings.length > 0 && unit.service === '') {
    return { bindings: [], diagnostics: [...unit.diagnostics, { file: file.path, severity: 'warning', message: unnamedServiceMessage('unit', unit.unit) }] };
  }
  return { bindings, diagnostics: unit.diagnostics };
}

const LISTEN_PROTOCOL: Readonly<Record<string, Protocol>> = { ListenStream: 'tcp', ListenDatagram: 'udp' };

/** systemd.socket(5): an empty value for any of these resets the whole list of listen addresses. */
const LISTEN_KEYS = new Set([
  'ListenStream',
  'ListenDatagram',
  'ListenSequentialPacket',
  'ListenFIFO',
  'ListenSpecial',
  'ListenNetlink',
  'ListenMessageQueue',
  'ListenUSBFunction',
]);

class UnitReader {
  readonly diagnostics: Diagnostic[] = [];
  /** The service whose claims these are: the unit's, or the one a socket's `Service=` names. */
  service: string;

  constructor(
    private readonly path: string,
    /** The unit named by the file, or by a socket's `Service=`. */
    public unit: string,
  ) {
    this.service = unitServiceName(unit);
  }

  socketBindings(entries: readonly UnitEntry[]): Binding[] {
    let listens: Array<{ entry: UnitEntry; protocol: Protocol; port: number; hostIp: string | null; offset: number }> = [];
    for (const entry of entries) {
      if (entry.section !== 'Socket') continue;
      if (entry.key === 'Service' && entry.value !== '') {
        this.unit = entry.value;
        this.service = unitServiceName(entry.value);
      }
      if (!LISTEN_KEYS.has(entry.key)) continue;
      if (entry.value === '') {
        listens = [];
        continue;
      }
      const address = parseListenAddress(entry.value);
      const protocol = LISTEN_PROTOCOL[entry.key];
      if (address.kind === 'invalid' && protocol) this.problem(entry, 0, `${entry.key}=: ${address.message}`);
      if (address.kind !== 'port') continue;
      if (protocol) listens.push({ entry, protocol, ...address });
      else if (entry.key === 'ListenSequentialPacket') {
        this.problem(entry, address.offset, 'ListenSequentialPacket= takes AF_UNIX socket paths only: the port is ignored', 'warning');
      }
    }
    // Made after the loop: `Service=` may come after the addresses whose service it names.
    return listens.map(({ entry, protocol, port, hostIp, offset }) => this.binding(entry, offset, { port, endPort: port, protocol, hostIp }));
  }

  serviceBindings(entries: readonly UnitEntry[]): Binding[] {
    let exec: Binding[] = [];
    const environment = new Map<string, Binding>();
    for (const entry of entries) {
      if (entry.section !== 'Service') continue;
      if (entry.key === 'ExecStart') {
        if (entry.value === '') exec = [];
        else exec.push(...this.execBindings(entry));
      } else if (entry.key === 'Environment') {
        if (entry.value === '') environment.clear();
        else this.readEnvironment(entry, environment);
      }
    }
    return [...exec, ...environment.values()];
  }

  private execBindings(entry: UnitEntry): Binding[] {
    return findCommandListeners(execStartCommand(entry.value)).map((listener) =>
      commandListenerBinding(listener, this.place(entry, listener.offset), this.owner()),
    );
  }

  /** `Environment=PORT=8080 "API_PORT=8081"`: later assignments of a variable replace earlier ones. */
  private readEnvironment(entry: UnitEntry, environment: Map<string, Binding>): void {
    for (const word of splitUnitWords(entry.value)) {
      const equals = word.text.indexOf('=');
      if (equals <= 0) {
        this.problem(entry, word.start, `Environment=: "${word.text}" is not a NAME=VALUE assignment`);
        continue;
      }
      const name = word.text.slice(0, equals);
      environment.delete(name);
      const literal = word.text.slice(equals + 1);
      if (!isOwnPortVariable(name, this.service) || literal === '') continue;
      const offset = word.offsets[equals + 1] ?? word.start;
      const port = parsePortNumber(literal);
      if (port === undefined) this.problem(entry, offset, `Environment=: ${name}="${literal}" is not a port (1-65535)`);
      else if (!entry.value.startsWith(literal, offset)) {
        // `PORT=80'80'` is 8080 to systemd, but no one place of the line writes it.
        this.problem(entry, offset, `Environment=: ${name}=${literal} is not written as one literal (quotes or escapes inside it); skipped`, 'warning');
      } else environment.set(name, { ...this.binding(entry, offset, { port, endPort: port, protocol: 'tcp', hostIp: null }), setting: name });
    }
  }

  private binding(entry: UnitEntry, offset: number, listened: ListenedPort): Binding {
    return hostListenerBinding(this.owner(), this.place(entry, offset), listened);
  }

  /** Read when a binding is made: a socket's `Service=` renames the unit's claims. */
  private owner(): ListenerOwner {
    return { service: this.service, format: SYSTEMD_FORMAT };
  }

  private place(entry: UnitEntry, offset: number): ListenerPlace {
    return { file: this.path, ...positionInValue(entry, offset) };
  }

  private problem(entry: UnitEntry, offset: number, message: string, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ file: this.path, ...positionInValue(entry, offset), severity, message });
  }
}
