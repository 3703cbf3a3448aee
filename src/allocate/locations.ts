import { compareText } from '../model/order.js';
import type { Binding, SourceLocation } from '../model/types.js';

export function locationKey(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** By file path (code-unit order, the same in every locale), then line, then column. */
export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

/**
 * The order in which claims were written: by location, and for claims on one shared value
 * (a `.env` variable that two services reference) by where each references it, so the
 * service declared first is the first.
 */
export function compareClaimOrder(a: Pick<Binding, 'file' | 'line' | 'column' | 'via'>, b: Pick<Binding, 'file' | 'line' | 'column' | 'via'>): number {
  const byLocation = compareLocations(a, b);
  if (byLocation !== 0 || a.via === undefined || b.via === undefined) return byLocation;
  return compareLocations(a.via, b.via);
}
