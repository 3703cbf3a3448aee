// A listener as the flag readers find it, before the command's `--host` is applied.
import { parsePortNumber } from '../../model/ports.js';
import type { Protocol } from '../../model/types.js';
import type { HostIp, PortLiteral } from './addresses.js';
import type { OptionValue } from './options.js';
import type { ShellWord } from './shellWords.js';
import type { CommandListener } from './types.js';

export interface ListenerHit {
  port: number;
  endPort: number;
  protocol: Protocol;
  /** Undefined when the value names no host: the command's `--host` applies, else every address. */
  host: HostIp | undefined;
  /** Offset of the literal in the analysed command line. */
  offset: number;
  literal: string;
  flag: string;
  /** The program of a nested command line (`sh -c 'redis-server ...'`), when not the outer one. */
  program?: string;
  /** See CommandListener.soft. */
  soft?: boolean;
}

/** What reading one command's arguments found. */
export interface FlagScan {
  hits: ListenerHit[];
  /** The address the command's bare ports bind to (`--host 0.0.0.0`), if it names one. */
  host: HostIp | undefined;
}

export const NOTHING: FlagScan = { hits: [], host: undefined };

/** A whole value that is a port number (`5432`); undefined for `$PORT`, `0`, `70000`. */
export function portLiteral(text: string, protocol: Protocol = 'tcp'): PortLiteral | undefined {
  const port = parsePortNumber(text);
  return port === undefined ? undefined : { port, endPort: port, index: 0, literal: text, protocol };
}

export function hitInValue(value: OptionValue, literal: PortLiteral, host: HostIp | undefined, flag: string): ListenerHit {
  return {
    port: literal.port,
    endPort: literal.endPort,
    protocol: literal.protocol,
    host,
    offset: offsetIn(value.word, value.index + literal.index),
    literal: literal.literal,
    flag,
  };
}

/** The part of a value from `index` on (`5432` of `port=5432`), as a value of its own. */
export function subValue(value: OptionValue, index: number): OptionValue {
  return { word: value.word, index: value.index + index, text: value.text.slice(index) };
}

/** Listeners found in a command line nested in a word (`sh -c '...'`), placed in the outer line. */
export function nestedHits(listeners: readonly CommandListener[], value: OptionValue): ListenerHit[] {
  return listenerHits(listeners, (offset) => offsetIn(value.word, value.index + offset));
}

/** Listeners already analysed, as hits of the command that contains them. */
export function listenerHits(listeners: readonly CommandListener[], place: (offset: number) => number = (offset) => offset): ListenerHit[] {
  return listeners.map((listener) => ({
    port: listener.port,
    endPort: listener.endPort,
    protocol: listener.protocol,
    host: { ip: listener.hostIp, remote: false },
    offset: place(listener.offset),
    literal: listener.literal,
    flag: listener.flag,
    program: listener.program,
    ...(listener.soft ? { soft: true } : {}),
  }));
}

function offsetIn(word: ShellWord, index: number): number {
  return word.offsets[index] ?? word.start;
}

/** What a reader of a program's special syntax (`docker run -p`, `ssh -L`, `sh -c`) is given. */
export interface FormContext {
  args: readonly ShellWord[];
  /** Listeners of a command line held in a string (`sh -c '...'`); offsets into that string. */
  analyzeText(text: string): CommandListener[];
  /** Listeners of a command given as words of this line (a host-network container's command). */
  analyzeWords(words: readonly ShellWord[]): CommandListener[];
}

export type SpecialForm = (context: FormContext) => FlagScan;
