import type { PortRange } from './types.js';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Parses a decimal port number (1-65535); anything else is undefined. */
export function parsePortNumber(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= MIN_PORT && port <= MAX_PORT ? port : undefined;
}

/** Parses `N` or `N-M` (N <= M). */
export function parsePortRange(text: string): PortRange | undefined {
  const dash = text.indexOf('-');
  if (dash < 0) {
    const port = parsePortNumber(text.trim());
    return port === undefined ? undefined : { start: port, end: port };
  }
  const start = parsePortNumber(text.slice(0, dash).trim());
  const end = parsePortNumber(text.slice(dash + 1).trim());
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end };
}

export function rangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function formatPortRange(start: number, end: number): string {
  return start === end ? String(start) : `${start}-${end}`;
}
