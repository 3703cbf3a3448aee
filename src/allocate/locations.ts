import { compareText } from '../model/order.js';
import type { SourceLocation } from '../model/types.js';

export function locationKey(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** By file path (code-unit order, the same in every locale), then line, then column. */
export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}
