// What a Markdown registry's rows and bullets claim, and how those claims become registry
// entries, reservations and categories.
import { normalizeServiceName } from '../../model/service.js';
import type { Binding, Diagnostic, Protocol, RegistryCategory, RegistryFacts, ReservedRange, SourceLocation } from '../../model/types.js';
import { isPortSpecProblem, parsePortSpec, type PortSpec, registryBinding } from './documentRegistry.js';
import { type CategoryLabel, labelFrees, labelReserves, serviceLabel } from './markdownLabels.js';
import type { MappedText } from './markdownText.js';

export const MARKDOWN_REGISTRY_FORMAT = 'registry-markdown';

export interface MarkdownSource {
  path: string;
  text: string;
  position(offset: number): { line: number; column: number };
}

export function locationAt(doc: MarkdownSource, offset: number): SourceLocation {
  return { file: doc.path, ...doc.position(offset) };
}

/** Where a text starts, past its markup (`**Main Services**` at `M`). */
export function textStartLocation(text: MappedText, doc: MarkdownSource, fallbackOffset: number): SourceLocation {
  const lead = Math.max(0, text.text.search(/\S/));
  return locationAt(doc, text.sourceOffset(lead, text.text.charAt(lead)) ?? fallbackOffset);
}

/** A heading or a table's section row: the category of what follows it. */
export interface Section {
  category: CategoryLabel;
  location: SourceLocation;
}

/** What the headings (and a table's section rows) above a claim say about it. */
export interface SectionContext {
  section: Section | undefined;
  reserves: boolean;
}

export interface LocatedPort extends PortSpec {
  location: SourceLocation;
}

export interface Claim {
  from: 'table' | 'list';
  /** The service text: `Grafana (core monitoring)`, `Reserved for future services`. */
  label: string;
  ports: LocatedPort[];
  /** From a protocol column; a literal's own `/udp` wins. */
  protocols: Protocol[];
  section: Section | undefined;
  /** A heading or section row above it reserves what it lists. */
  reservedBySection: boolean;
}

export interface PortListProblem {
  problem: string;
  shaped: boolean;
  location: SourceLocation;
}

/**
 * The ports of a cell or a bullet's bold text: `3000`, `3006-3009`, `53/udp`, `3306, 5432, 6379`,
 * `80/443`, `25 / 587`, each item allowed a note (`3000 (dev)`), each located at its first digit.
 */
export function locatePorts(text: MappedText, doc: MarkdownSource, fallbackOffset: number): LocatedPort[] | PortListProblem {
  const ports: LocatedPort[] = [];
  for (const { item, index } of portListItems(text.text)) {
    const lead = item.search(/\S/);
    if (lead < 0) continue;
    const note = item.indexOf('(');
    const spec = parsePortSpec(note >= 0 && item.trimEnd().endsWith(')') ? item.slice(0, note) : item);
    const itemLocation = () => locationAt(doc, text.sourceOffset(index + lead, item.charAt(lead)) ?? fallbackOffset);
    if (isPortSpecProblem(spec)) return { ...spec, location: itemLocation() };
    const offset = text.sourceOffset(index + spec.index, spec.literal);
    // `3&#48;00` reads as 3000 but has no `3000` to point a fix at: not a port as written.
    if (offset === undefined) return { problem: `port ${spec.literal} is written with character references or escapes, not as plain digits`, shaped: true, location: itemLocation() };
    ports.push({ ...spec, location: locationAt(doc, offset) });
  }
  return ports;
}

/**
 * The items of a port list, each with where it starts: split at commas and at a slash that a
 * number follows (`80/443`, `25 / 587`), never at `53/udp`, whose slash names the protocol,
 * nor inside a note's parentheses (`3000 (dev, staging)`). Hand-written: a split by regular
 * expression could not skip the parentheses.
 */
function portListItems(text: string): Array<{ item: string; index: number }> {
  const items: Array<{ item: string; index: number }> = [];
  let start = 0;
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text.charAt(at);
    if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0 && (char === ',' || (char === '/' && /^[ \t]*\d/.test(text.slice(at + 1, at + 16))))) {
      items.push({ item: text.slice(start, at), index: start });
      start = at + 1;
    }
  }
  items.push({ item: text.slice(start), index: start });
  return items;
}

export function isPortListProblem(value: LocatedPort[] | Claim | PortListProblem): value is PortListProblem {
  return 'problem' in value;
}

export function portListDiagnostic(problem: PortListProblem): Diagnostic {
  return { ...problem.location, severity: 'error', message: `port registry: ${problem.problem}` };
}

export type ClaimMeaning = { kind: 'entry'; service: string } | { kind: 'reserved'; reason: string } | { kind: 'none' };

/**
 * An empty or reserving label reserves its ports; `available` frees them; a URL is never a
 * service name. Everything else names the service that owns the ports.
 */
export function claimMeaning(claim: Claim): ClaimMeaning {
  const label = claim.label.trim();
  if (labelFrees(label)) return { kind: 'none' };
  const name = serviceLabel(label);
  // A label with no letter or digit (`-`, `—`) names no one: what it lists is taken, by nobody.
  const service = normalizeServiceName(name);
  if (claim.reservedBySection || labelReserves(label) || service === '') return { kind: 'reserved', reason: label };
  return name.includes('://') ? { kind: 'none' } : { kind: 'entry', service };
}

export interface MarkdownRegistry {
  bindings: Binding[];
  registry: RegistryFacts;
}

/**
 * Entries, reservations and categories of a file's claims. A file that keeps a registry table
 * keeps its entries there: bullets beside it restate them in other words (seed 003's lists and
 * its Quick Reference table name the 8100 service differently), so they add only reservations.
 */
export function claimsToRegistry(claims: readonly Claim[], declaredCategories: readonly RegistryCategory[]): MarkdownRegistry {
  const meanings = claims.map(claimMeaning);
  const tablesHaveEntries = claims.some((claim, i) => claim.from === 'table' && meanings[i]?.kind === 'entry');
  const bindings: Binding[] = [];
  const reserved: ReservedRange[] = [];
  const categories = new Map<string, RegistryCategory>();
  for (const category of declaredCategories) addCategory(categories, category);
  claims.forEach((claim, i) => {
    const meaning = meanings[i];
    if (meaning?.kind === 'reserved') {
      for (const port of claim.ports) reserved.push({ ...port.location, start: port.start, end: port.end, ...(meaning.reason === '' ? {} : { reason: meaning.reason }) });
    } else if (meaning?.kind === 'entry' && !(claim.from === 'list' && tablesHaveEntries)) {
      const category = claim.section?.category.name || undefined;
      if (claim.section && category) addCategory(categories, { ...claim.section.location, name: category, ...optionalRange(claim.section.category) });
      for (const port of claim.ports) {
        for (const protocol of port.protocol ? [port.protocol] : claim.protocols) {
          bindings.push(registryBinding(MARKDOWN_REGISTRY_FORMAT, { service: meaning.service, start: port.start, end: port.end, protocol, location: port.location, category }));
        }
      }
    }
  });
  return { bindings, registry: { categories: [...categories.values()], reserved } };
}

function optionalRange(label: CategoryLabel): Pick<RegistryCategory, 'range'> {
  return label.range ? { range: label.range } : {};
}

/** The first mention of a category names it; a later one may still give its range. */
function addCategory(categories: Map<string, RegistryCategory>, category: RegistryCategory): void {
  const known = categories.get(category.name);
  if (!known) categories.set(category.name, category);
  else if (!known.range && category.range) categories.set(category.name, { ...known, range: category.range });
}
