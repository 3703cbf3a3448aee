// Collects a Nix file's bindings: each at the file offset of its port literal, once.
import { parseListenAddress } from '../command/addresses.js';
import { hostListenerBinding } from '../command/listenerBinding.js';
import { parsePortNumber } from '../../model/ports.js';
import type { NixDefault } from '../../model/facts.js';
import type { Binding, Diagnostic, Protocol } from '../../model/types.js';
import { type NixSource, offsetLocation } from './nixGrammar.js';
import { isWritten, type Rendered } from './renderValue.js';

export const NIX_FORMAT = 'nix';

export interface Claim {
  service: string;
  port: number;
  /** For a range; defaults to `port`. */
  endPort?: number;
  protocol: Protocol;
  hostIp: string | null;
  /** File offset of the port literal. */
  offset: number;
  setting: string;
  isDefault: boolean;
  stack?: string | undefined;
  variable?: string | undefined;
  /** A port the runtime picks from a range (`docker run -p 8000-8010:80`). */
  soft?: boolean | undefined;
  /** For a default: the option path a machine's own setting replaces it through (`services.x.port`). */
  optionPath?: string | undefined;
}

export class ClaimSink {
  readonly bindings: Binding[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** The option path of each default claimed, at the claim's location. */
  readonly defaults: NixDefault[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly source: NixSource) {}

  /** One binding per service and literal: an option's default reached again through `cfg.port` is the same claim. */
  add(claim: Claim): void {
    const key = `${claim.service}\0${claim.offset}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const owner = { service: claim.service, format: NIX_FORMAT, ...(claim.stack === undefined ? {} : { stack: claim.stack }) };
    const listened = { port: claim.port, endPort: claim.endPort ?? claim.port, protocol: claim.protocol, hostIp: claim.hostIp };
    const location = offsetLocation(this.source, claim.offset);
    if (claim.isDefault && claim.optionPath !== undefined) this.defaults.push({ path: claim.optionPath, at: location });
    this.bindings.push({
      ...hostListenerBinding(owner, location, listened),
      setting: claim.setting,
      ...(claim.isDefault ? { isDefault: true } : {}),
      ...(claim.variable === undefined ? {} : { variable: claim.variable }),
      ...(claim.soft ? { soft: true } : {}),
    });
  }

  warn(offset: number, message: string): void {
    this.diagnostics.push({ ...offsetLocation(this.source, offset), severity: 'warning', message });
  }
}

export interface PortText {
  port: number;
  offset: number;
}

/**
 * A value that is a port number as written (`8080`, `"8080"`, `toString 8080`). A number out of
 * range gives a warning; anything not written in the file (`cfg.port`) gives nothing.
 */
export function writtenPort(rendered: Rendered, sink: ClaimSink, what: string): PortText | undefined {
  const number = writtenNumber(rendered);
  if (!number) return undefined;
  // `port = 0` asks for any free port, as NixOS modules document it: nothing fixed, nothing wrong.
  if (number.port === undefined && Number(number.text) !== 0) sink.warn(number.offset, `${what} = ${number.text} is not a port (1-65535)`);
  return number.port === undefined ? undefined : { port: number.port, offset: number.offset };
}

/** A value that is a number as written, with the port it is when it is one. */
export function writtenNumber(rendered: Rendered): { text: string; offset: number; port: number | undefined } | undefined {
  const start = rendered.text.length - rendered.text.trimStart().length;
  const text = rendered.text.trim();
  if (text === '' || !/^\d+$/.test(text) || !isWritten(rendered, start, start + text.length)) return undefined;
  return { text, offset: rendered.offsets[start] as number, port: parsePortNumber(text) };
}

export interface AddressText extends PortText {
  hostIp: string | null;
  protocol: Protocol;
  wildcard: boolean;
}

/**
 * A listen address as written (`"0.0.0.0:6789"`, `"[::]:8080"`, `":9100"`), its port literal in
 * the file. A URL (`http://127.0.0.1:8200`) is where a client dials, whatever the setting's name.
 */
export function writtenAddress(rendered: Rendered): AddressText | undefined {
  const start = rendered.text.length - rendered.text.trimStart().length;
  const address = parseListenAddress(rendered.text.trim());
  const port = address?.port;
  if (!port || !isWritten(rendered, start + port.index, start + port.index + port.literal.length)) return undefined;
  const hostIp = address.host?.ip ?? null;
  return {
    port: port.port,
    offset: rendered.offsets[start + port.index] as number,
    hostIp,
    protocol: port.protocol,
    wildcard: hostIp === '0.0.0.0' || hostIp === '::',
  };
}
