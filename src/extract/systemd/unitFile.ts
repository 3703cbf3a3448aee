// systemd unit files are line-based INI with their own dialect (systemd.syntax(7)): `#` and
// `;` comment lines, `[Section]` headers, `Key=Value` with white space around `=` ignored, and a
// trailing backslash that continues the value on the next line (the backslash becomes a space,
// comment lines inside the continuation are dropped). Written by hand because no maintained npm
// INI parser follows these continuation rules or keeps the line and column of each value.

/** Where a run of a value's characters starts in the file. */
export interface ValuePiece {
  /** Offset of the run's first character in `UnitEntry.value`. */
  offset: number;
  line: number;
  column: number;
}

export interface UnitEntry {
  section: string;
  key: string;
  /** The value as systemd reads it: trimmed, continuations joined. */
  value: string;
  /** 1-based line of the key. */
  line: number;
  pieces: ValuePiece[];
}

export interface UnitProblem {
  line: number;
  message: string;
}

export interface UnitFile {
  entries: UnitEntry[];
  problems: UnitProblem[];
}

export function parseUnitFile(text: string): UnitFile {
  const entries: UnitEntry[] = [];
  const problems: UnitProblem[] = [];
  let section: string | undefined;
  let open: UnitEntry | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = stripCarriageReturn(lines[index] as string);
    const line = index + 1;
    const lead = raw.length - raw.trimStart().length;
    const content = raw.trim();
    if (open) {
      if (isComment(content)) continue;
      if (content.length === 0) {
        open = undefined;
        continue;
      }
      open = appendValue(open, content, line, lead + 1);
      continue;
    }
    if (content.length === 0 || isComment(content)) continue;
    if (content.startsWith('[')) {
      if (!content.endsWith(']') || content.length < 3) {
        problems.push({ line, message: `invalid section header: ${content}` });
        section = undefined;
      } else {
        section = content.slice(1, -1);
      }
      continue;
    }
    const equals = content.indexOf('=');
    if (equals <= 0) {
      problems.push({ line, message: `not an assignment (Key=Value): ${content}` });
      continue;
    }
    if (section === undefined) {
      problems.push({ line, message: 'assignment outside of a [Section]: ignored, as systemd does' });
      continue;
    }
    const afterEquals = content.slice(equals + 1);
    const valueText = afterEquals.trimStart();
    const valueColumn = lead + equals + 1 + (afterEquals.length - valueText.length) + 1;
    const entry: UnitEntry = { section, key: content.slice(0, equals).trimEnd(), value: '', line, pieces: [] };
    entries.push(entry);
    open = appendValue(entry, valueText, line, valueColumn);
  }
  return { entries, problems };
}

/** Appends one line's part of a value; returns the entry while a trailing backslash continues it. */
function appendValue(entry: UnitEntry, part: string, line: number, column: number): UnitEntry | undefined {
  if (part.length > 0) entry.pieces.push({ offset: entry.value.length, line, column });
  if (!part.endsWith('\\')) {
    entry.value += part;
    return undefined;
  }
  entry.value += `${part.slice(0, -1)} `;
  return entry;
}

/** The file position of the character at `offset` in an entry's value. */
export function positionInValue(entry: UnitEntry, offset: number): { line: number; column: number } {
  let piece = entry.pieces[0];
  for (const candidate of entry.pieces) {
    if (candidate.offset > offset) break;
    piece = candidate;
  }
  if (!piece) return { line: entry.line, column: 1 };
  return { line: piece.line, column: piece.column + offset - piece.offset };
}

function isComment(content: string): boolean {
  return content.startsWith('#') || content.startsWith(';');
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
