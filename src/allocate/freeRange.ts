import { MAX_PORT, MIN_PORT } from '../model/ports.js';
import type { PortRange } from '../model/types.js';
import type { PortSet } from './portSet.js';

/** Linux's default `net.ipv4.ip_local_port_range`: the kernel hands these to outgoing connections. */
export const EPHEMERAL_RANGE: PortRange = { start: 32768, end: 60999 };
/** Ports below 1024 need root or CAP_NET_BIND_SERVICE. */
export const PRIVILEGED_END = 1023;
/** Kubernetes' default `--service-node-port-range`: a nodePort must lie here. */
export const NODE_PORT_RANGE: PortRange = { start: 30000, end: 32767 };

const LISTENING_WINDOWS: readonly PortRange[] = [
  { start: PRIVILEGED_END + 1, end: EPHEMERAL_RANGE.start - 1 },
  { start: EPHEMERAL_RANGE.end + 1, end: MAX_PORT },
];

/**
 * The ascending, disjoint ranges a proposal in `scope` may use. A nodePort has its own range,
 * which Kubernetes enforces whatever the host's limits; anywhere else a port is unprivileged,
 * outside the ephemeral range, and inside the service's category range when it has one.
 */
export function proposalWindows(scope: string, category: PortRange | undefined): PortRange[] {
  if (scope === 'cluster') return [NODE_PORT_RANGE];
  if (category === undefined) return [...LISTENING_WINDOWS];
  return LISTENING_WINDOWS.flatMap((window) => {
    const start = Math.max(window.start, category.start);
    const end = Math.min(window.end, category.end);
    return start <= end ? [{ start, end }] : [];
  });
}

export interface FreeRangeRequest {
  /** The search starts here and goes up; when nothing fits above, it wraps to the bottom of the windows. */
  from: number;
  /** How many contiguous ports are needed. */
  length: number;
  windows: readonly PortRange[];
  /** Ports the range must not touch. */
  blocked: readonly PortSet[];
}

/** The first range of `length` free ports at or above `from`, else the lowest one below it. */
export function findFreeRange(request: FreeRangeRequest): PortRange | undefined {
  return firstFit(request, request.from, MAX_PORT) ?? firstFit(request, MIN_PORT, request.from - 1);
}

function firstFit(request: FreeRangeRequest, lowestStart: number, highestStart: number): PortRange | undefined {
  for (const window of request.windows) {
    let start = Math.max(lowestStart, window.start);
    while (start <= highestStart && start + request.length - 1 <= window.end) {
      const candidate = { start, end: start + request.length - 1 };
      const obstacle = firstObstacle(candidate, request.blocked);
      if (obstacle === undefined) return candidate;
      // Every start up to the obstacle's end would still cover one of its ports.
      start = obstacle.end + 1;
    }
  }
  return undefined;
}

function firstObstacle(candidate: PortRange, blocked: readonly PortSet[]): PortRange | undefined {
  for (const set of blocked) {
    const obstacle = set.firstOverlap(candidate);
    if (obstacle !== undefined) return obstacle;
  }
  return undefined;
}
