import type { Protocol } from '../../model/types.js';

/**
 * A port that a command line makes its own process listen on (`--port 6379`,
 * `--bind 0.0.0.0:8080`, `docker run -p 127.0.0.1:8080:80`, `postgres -p 5432`,
 * `python -m http.server 8000`). Clients (`redis-cli -p`, `pg_isready -p`, URLs, `echo`
 * text) produce none.
 */
export interface CommandListener {
  port: number;
  endPort: number;
  protocol: Protocol;
  /** null for every address. */
  hostIp: string | null;
  /** Offset of the port literal in the command string given to findCommandListeners. */
  offset: number;
  /** The port literal as written (`6379`). */
  literal: string;
  /** The flag or form that made it a listener (`--port`, `-p`, `http.server`). */
  flag: string;
  /** The program the flag belongs to (basename: `redis-server`, `docker`). */
  program: string;
  /** `docker run -p 8000-8010:80`: the runtime binds one free port of the range, so no one port is certain. */
  soft?: boolean;
}

/**
 * Contract implemented in src/extract/command/findCommandListeners.ts:
 *   export function findCommandListeners(command: string): CommandListener[];
 * Pure, never throws, handles shell quoting, `&&`/`;`/`|` chains, env assignments
 * before the program, `${...}` that it cannot resolve (skipped, not guessed).
 */
export type FindCommandListeners = (command: string) => CommandListener[];
