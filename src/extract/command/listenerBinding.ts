import type { Binding, SourceLocation } from '../../model/types.js';
import type { CommandListener } from './types.js';

/** Where a port literal is written, and the variable it came through, if it did. */
export type ListenerPlace = SourceLocation & Pick<Binding, 'via' | 'variable' | 'variableFile'>;

/** Whose port it is: the process that listens, in the format that describes it. */
export interface ListenerOwner {
  service: string;
  format: string;
  stack?: string;
}

export type ListenedPort = Pick<Binding, 'port' | 'endPort' | 'protocol' | 'hostIp'>;

/** A port that a process of the host listens on (process-compose, zinit, systemd). */
export function hostListenerBinding(owner: ListenerOwner, place: ListenerPlace, listened: ListenedPort): Binding {
  return {
    service: owner.service,
    ...listened,
    scope: 'host',
    kind: 'listen',
    format: owner.format,
    ...place,
    ...(owner.stack === undefined ? {} : { stacks: [owner.stack] }),
  };
}

/**
 * A listener of a process's command line as that process's claim, the same in every format
 * that runs commands: the flag (or the variable the port came through) is the setting, and a
 * port the runtime picks from a range is soft.
 */
export function commandListenerBinding(listener: CommandListener, place: ListenerPlace, owner: ListenerOwner): Binding {
  const { port, endPort, protocol, hostIp } = listener;
  return {
    ...hostListenerBinding(owner, place, { port, endPort, protocol, hostIp }),
    setting: place.variable ?? listener.flag,
    ...(listener.soft ? { soft: true } : {}),
  };
}
