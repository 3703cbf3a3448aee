import { findCommandListeners } from '../command/findCommandListeners.js';
import { commandListenerBinding, hostListenerBinding } from '../command/listenerBinding.js';
import { isOwnPortVariable } from '../portVariables.js';
import { parsePortNumber } from '../../model/ports.js';
import type { Binding, Diagnostic, SourceLocation } from '../../model/types.js';
import { unnamedServiceMessage } from '../unnamedService.js';
import { readPortEntry, type LocatedText, type PortEntry } from './portDeclaration.js';

export const ZINIT_FORMAT = 'zinit';

/** What the TOML and YAML readers find for one service; everything else of zinit's is no port. */
export interface ZinitServiceConfig {
  /** Normalized service name. */
  service: string;
  /** The name as written (or the file's stem), and where the service is declared. */
  name: string;
  location: SourceLocation;
  ports: PortEntry[];
  exec: LocatedText | undefined;
  env: Array<{ name: string; value: LocatedText }>;
}

/**
 * A zinit service's claims: its declared `ports`, the listener flags of `exec`, and its own
 * port variables in `env` (see isOwnPortVariable). A port said in two places is two claims,
 * since a move must edit both literals. zinit services run on the host, outside any stack.
 */
export function zinitServiceBindings(config: ZinitServiceConfig, diagnostics: Diagnostic[]): Binding[] {
  const owner = { service: config.service, format: ZINIT_FORMAT };
  if (config.service === '') {
    diagnostics.push({ ...config.location, severity: 'warning', message: unnamedServiceMessage('service', config.name) });
    return [];
  }
  const claims: Binding[] = [];
  for (const entry of config.ports) {
    const declared = readPortEntry(entry);
    if ('error' in declared) diagnostics.push({ ...declared.location, severity: 'error', message: declared.error });
    else {
      const { range, protocol } = declared;
      claims.push(hostListenerBinding(owner, declared.location, { port: range.start, endPort: range.end, protocol, hostIp: null }));
    }
  }
  const exec = config.exec;
  if (exec) {
    for (const listener of findCommandListeners(exec.text)) {
      claims.push(commandListenerBinding(listener, exec.locate(listener.offset, listener.literal), owner));
    }
  }
  for (const { name, value } of config.env) {
    const literal = value.text.trim();
    if (!isOwnPortVariable(name, config.service) || literal === '') continue;
    const port = parsePortNumber(literal);
    const location = value.locate(value.text.length - value.text.trimStart().length, literal);
    if (port === undefined) diagnostics.push({ ...location, severity: 'error', message: `env: ${name}="${value.text}" is not a port (1-65535)` });
    else claims.push({ ...hostListenerBinding(owner, location, { port, endPort: port, protocol: 'tcp', hostIp: null }), setting: name });
  }
  return claims;
}
