// What the language readers find: a port literal with where it is written, how it got to the
// listener (a default, a named setting, an environment variable) and the address it binds.
import type { Node } from 'web-tree-sitter';
import { MAX_PORT, MIN_PORT, parsePortNumber } from '../../model/ports.js';
import type { Protocol } from '../../model/types.js';
import { parseAddressText } from './address.js';
import { isPartOfBrokenToken } from '../treeSitter/brokenTokens.js';
import type { PlainString } from './syntax.js';

export interface PortFact {
  port: number;
  /** 0-based position of the port's first digit. */
  row: number;
  column: number;
  /** A fallback that users override by design (a CLI flag default, `process.env.PORT ?? 3000`). */
  isDefault: boolean;
  /** The variable, field or flag that holds the port. */
  setting?: string;
  /** The environment variable whose fallback the port is. */
  variable?: string;
}

export interface AddressFact {
  port: PortFact;
  /** null is every address; undefined when the code names no host (the runtime's default: every address). */
  host: string | null | undefined;
  protocol?: Protocol;
}

export interface ListenClaim extends PortFact {
  hostIp: string | null;
  protocol: Protocol;
}

/** A number literal whose value, as the language reads it, is a port; a token tree-sitter read only part of is none. */
export function portOfNumberLiteral(node: Node, integerValue: (text: string) => number | undefined): PortFact | undefined {
  const value = isPartOfBrokenToken(node) ? undefined : integerValue(node.text);
  if (value === undefined || !Number.isInteger(value) || value < MIN_PORT || value > MAX_PORT) return undefined;
  return { port: value, row: node.startPosition.row, column: node.startPosition.column, isDefault: false };
}

/** `"8080"`, as a port written in a string. */
export function portOfString(text: PlainString | undefined): PortFact | undefined {
  const port = text === undefined ? undefined : parsePortNumber(text.text);
  return port === undefined || text === undefined ? undefined : { port, row: text.row, column: text.column, isDefault: false };
}

/** `":8080"`, `"0.0.0.0:8080"`: a listen address written in a string. */
export function addressOfString(text: PlainString | undefined): AddressFact | undefined {
  if (text === undefined) return undefined;
  const address = parseAddressText(text.text);
  if (!address) return undefined;
  return {
    port: { port: address.port, row: text.row, column: text.column + address.index, isDefault: false },
    host: address.host,
    protocol: address.protocol,
  };
}

/** The fact as held in a named variable; an inner name (nearer the literal) wins. */
export function heldIn<T extends PortFact | undefined>(fact: T, setting: string): T {
  return fact && fact.setting === undefined ? { ...fact, setting } : fact;
}

export function addressHeldIn(fact: AddressFact | undefined, setting: string): AddressFact | undefined {
  return fact && { ...fact, port: heldIn(fact.port, setting) };
}

/** The fact as a fallback: of an environment variable when `variable` is given. */
export function asDefault<T extends PortFact | undefined>(fact: T, variable?: string): T {
  if (!fact) return fact;
  const result: PortFact = { ...fact, isDefault: true };
  if (variable !== undefined && fact.variable === undefined) {
    result.variable = variable;
    result.setting ??= variable;
  }
  return result as T;
}

export function addressAsDefault(fact: AddressFact | undefined, variable?: string): AddressFact | undefined {
  return fact && { ...fact, port: asDefault(fact.port, variable) };
}

export function listenClaim(address: AddressFact, protocol: Protocol = address.protocol ?? 'tcp'): ListenClaim {
  return { ...address.port, hostIp: address.host ?? null, protocol };
}

/**
 * One claim per literal: a port reached both through a listener call and as a standalone
 * form (a flag's default) is one binding; the first reading, the listener's, wins.
 */
export function distinctClaims(claims: readonly ListenClaim[]): ListenClaim[] {
  const seen = new Set<string>();
  return claims.filter((claim) => {
    const key = `${claim.row}:${claim.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
