import { normalizeServiceName } from '../../model/service.js';

export type UnitType = 'service' | 'socket';

export interface UnitIdentity {
  /** `redis.service`; for a drop-in, the unit it extends. */
  unit: string;
  type: UnitType;
}

const UNIT_SUFFIXES: ReadonlyArray<[suffix: string, type: UnitType]> = [
  ['.service', 'service'],
  ['.socket', 'socket'],
];

/**
 * The unit a file defines or extends: `redis.service`, `api.socket`, or a drop-in
 * `redis.service.d/override.conf` (systemd.unit(5)). Other files are no units of ours.
 */
export function unitOfPath(path: string): UnitIdentity | undefined {
  const segments = path.split('/');
  const base = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2] ?? '';
  const name = base.endsWith('.conf') && parent.endsWith('.d') ? parent.slice(0, -'.d'.length) : base;
  for (const [suffix, type] of UNIT_SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) return { unit: name, type };
  }
  return undefined;
}

/**
 * The service a unit name stands for: `redis.service`, `redis.socket` and the template
 * `redis@.service` are all `redis`.
 */
export function unitServiceName(unit: string): string {
  const dot = unit.lastIndexOf('.');
  const stem = dot > 0 ? unit.slice(0, dot) : unit;
  return normalizeServiceName(stem.endsWith('@') ? stem.slice(0, -1) : stem);
}
