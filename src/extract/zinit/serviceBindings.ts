import { findCommandListeners } from '../command/findCommandListeners.js';
import { parsePortNumber } from '../../model/ports.js';
import type { Binding, Diagnostic, Protocol, SourceLocation } from '../../model/types.js';
import { readPortEntry, type LocatedText, type PortEntry } from './portDeclaration.js';
import { isOwnPortVariable, oneClaimPerPort } from './processClaims.js';

export const ZINIT_FORMAT = 'zinit';

/** What the TOML and YAML readers find for one service; everything else of zinit's is no port. */
export interface ZinitServiceConfig {
  /** Normalized service name. */
  service: string;
  ports: PortEntry[];
  exec: LocatedText | undefined;
  env: Array<{ name: string; value: LocatedText }>;
}

/**
 * A zinit service's claims: its declared `ports`, the listener flags of `exec`, and `PORT` or
 * `<SERVICE>_PORT` in `env`. The same port said twice is one claim, at the first place it is
 * written (declared ports first). zinit services run on the host, outside any stack.
 */
export function zinitServiceBindings(config: ZinitServiceConfig, diagnostics: Diagnostic[]): Binding[] {
  const claims: Binding[] = [];
  for (const entry of config.ports) {
    const declared = readPortEntry(entry);
    if ('error' in declared) diagnostics.push({ ...declared.location, severity: 'error', message: declared.error });
    else claims.push(zinitBinding(config.service, declared.location, declared.range.start, declared.range.end, declared.protocol, null));
  }
  if (config.exec) {
    const exec = config.exec;
    for (const listener of findCommandListeners(exec.text)) {
      claims.push(zinitBinding(config.service, exec.locate(listener.offset, listener.literal), listener.port, listener.endPort, listener.protocol, listener.hostIp));
    }
  }
  for (const { name, value } of config.env) {
    const literal = value.text.trim();
    if (!isOwnPortVariable(name, config.service) || literal === '') continue;
    const port = parsePortNumber(literal);
    const location = value.locate(value.text.length - value.text.trimStart().length, literal);
    if (port === undefined) diagnostics.push({ ...location, severity: 'error', message: `env: ${name}="${value.text}" is not a port (1-65535)` });
    else claims.push({ ...zinitBinding(config.service, location, port, port, 'tcp', null), setting: name });
  }
  return oneClaimPerPort(claims);
}

function zinitBinding(service: string, location: SourceLocation, port: number, endPort: number, protocol: Protocol, hostIp: string | null): Binding {
  return { service, port, endPort, protocol, hostIp, scope: 'host', kind: 'listen', format: ZINIT_FORMAT, ...location };
}
