// The gate belongs to the base branch (DESIGN "Trust"): on a pull request the config is the
// base revision's, since a pull request that adds `ignore:` or `exclude: ["**"]` to its own
// `.portcullis.yml` would otherwise switch off the check that judges it. What its own config
// would change is shown instead, to take effect once merged.
import { join } from 'node:path';
import { DEFAULT_CONFIG_FILES, loadConfig } from '../config/loadConfig.js';
import { type ConfigResult, parseConfig } from '../config/parseConfig.js';
import { decodeText } from '../discover/decode.js';
import { readAtRevision } from '../discover/git.js';
import { DEFAULT_LIMITS } from '../discover/limits.js';
import { EMPTY_CONFIG, type IgnoreRule, type PortcullisConfig } from '../model/config.js';
import { formatPortRange } from '../model/ports.js';
import type { Incomplete } from '../model/types.js';
import { escapeMarkdownText, markdownCode } from '../report/escape.js';
import { RULE_IDS } from '../rules/catalogue.js';
import type { FetchContent } from './base.js';
import type { RunEvent } from './event.js';
import { InputError } from './inputs.js';

export interface ConfigChoice {
  config: PortcullisConfig;
  /** The config file's name, as the notice shows it. */
  name: string;
  /** Markdown: what the pull request's own config would change once merged; empty when nothing. */
  changes: string[];
  /** The base's config could not be read. */
  incomplete?: Incomplete;
}

export interface BaseConfigSource {
  root: string;
  /** The base commit when the clone holds it. */
  localBase: string | undefined;
  /** The base commit's sha, for the contents API. */
  baseSha: string;
  fetchContent: FetchContent;
}

/**
 * The base's config, and the pull request's changes to it. `path` is the `config` input
 * (workspace-relative), or undefined for the default names.
 */
export async function pullRequestConfig(source: BaseConfigSource, path: string | undefined): Promise<ConfigChoice> {
  const names = path === undefined ? [...DEFAULT_CONFIG_FILES] : [path];
  let base: { name: string; result: ConfigResult } | undefined;
  for (const name of names) {
    let content: Awaited<ReturnType<FetchContent>>;
    try {
      content = source.localBase === undefined ? await source.fetchContent(name, source.baseSha, DEFAULT_LIMITS.maxFileBytes) : await readAtRevision(source.root, source.localBase, name, DEFAULT_LIMITS.maxFileBytes);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const own = await loadConfig(source.root, path === undefined ? undefined : join(source.root, path));
      return {
        config: structuredClone(EMPTY_CONFIG),
        name,
        changes: describeConfigChanges(EMPTY_CONFIG, own),
        incomplete: { reason: 'base-unreadable', message: `${name} could not be read at the base (${why}): the check ran with no config, and the pull request's own is not used` },
      };
    }
    if (content === undefined) continue;
    if (content === 'link') throw new InputError(`${name} at the base is a symbolic link: not followed (the config must be a regular file)`);
    if (content === 'too-large') throw new InputError(`${name} at the base is larger than the ${DEFAULT_LIMITS.maxFileBytes / (1024 * 1024)} MiB a file may be`);
    base = { name, result: parseConfig(name, decodeText(content).text) };
    break;
  }
  if (path !== undefined && base === undefined) throw new InputError(`${path}: no such config file at the base revision`);
  if (base !== undefined && 'error' in base.result) throw new InputError(base.result.error);
  const config = base !== undefined && 'config' in base.result ? base.result.config : structuredClone(EMPTY_CONFIG);
  const own = await loadConfig(source.root, path === undefined ? undefined : join(source.root, path));
  return { config, name: base?.name ?? names[0] ?? DEFAULT_CONFIG_FILES[0], changes: describeConfigChanges(config, own) };
}

/** The pull request's config against the base's, as Markdown list items. */
export function describeConfigChanges(base: PortcullisConfig, own: ConfigResult): string[] {
  if ('error' in own) return [`- the config would not load: ${configError(own.error)}`];
  const head = own.config;
  const changes: string[] = [];
  const rule = (item: IgnoreRule): string => ruleText(item);
  listChanges(changes, 'ignore', base.ignore, head.ignore, rule);
  listChanges(changes, 'exclude', base.exclude, head.exclude, (glob) => markdownCode(glob));
  listChanges(changes, 'include', base.include, head.include, (glob) => markdownCode(glob));
  listChanges(changes, 'registry', base.registry, head.registry, (file) => markdownCode(file));
  if (JSON.stringify(base.scopes) !== JSON.stringify(head.scopes)) changes.push('- changes `scopes`');
  if (JSON.stringify(base.aliases) !== JSON.stringify(head.aliases)) changes.push('- changes `aliases`');
  for (const id of RULE_IDS) {
    const before = base.rules[id] ?? 'default';
    const after = head.rules[id] ?? 'default';
    if (before !== after) changes.push(`- sets \`rules.${id}\`: ${before} → ${after}`);
  }
  for (const key of Object.keys(base.limits) as Array<keyof PortcullisConfig['limits']>) {
    if (base.limits[key] !== head.limits[key]) changes.push(`- changes \`limits.${key}\`: ${base.limits[key]} → ${head.limits[key]}`);
  }
  return changes;
}

/** Added items first, then removed ones, each in its list's order. */
function listChanges<T>(changes: string[], field: string, base: readonly T[], head: readonly T[], show: (item: T) => string): void {
  const key = (item: T): string => JSON.stringify(item);
  const before = new Set(base.map(key));
  const after = new Set(head.map(key));
  for (const item of head) if (!before.has(key(item))) changes.push(`- adds \`${field}\`: ${show(item)}`);
  for (const item of base) if (!after.has(key(item))) changes.push(`- removes \`${field}\`: ${show(item)}`);
}

function ruleText(rule: IgnoreRule): string {
  const parts = [
    rule.rule === undefined ? '' : `rule ${rule.rule}`,
    rule.service === undefined ? '' : `service ${markdownCode(rule.service)}`,
    rule.port === undefined ? '' : `port ${formatPortRange(rule.port.start, rule.port.end)}`,
  ].filter((part) => part !== '');
  return `${parts.join(', ')} (${escapeMarkdownText(rule.reason)})`;
}

/** `path:line:col: message` with the place as code. */
function configError(error: string): string {
  const at = error.indexOf(': ');
  return at < 0 ? escapeMarkdownText(error) : `${markdownCode(error.slice(0, at))}: ${escapeMarkdownText(error.slice(at + 2))}`;
}

/** The notice in the comment and summary, or nothing when the pull request changes nothing of the config. */
export function configChangesNotice(changes: readonly string[], name: string): string | undefined {
  if (changes.length === 0) return undefined;
  return [
    `**This pull request changes Portcullis's config** (${markdownCode(name)}): this check ran with the base branch's config, and these changes take effect once it is merged:`,
    ...changes,
  ].join('\n');
}

/**
 * The config of the run: the base's on a pull request (with what the pull request's own would
 * change), the checkout's on a push or by hand, where the commit is the branch's already.
 */
export async function chooseConfig(event: RunEvent, source: Omit<BaseConfigSource, 'baseSha'>, path: string | undefined): Promise<ConfigChoice> {
  if (event.pullRequest !== null && event.base !== null && 'sha' in event.base) return pullRequestConfig({ ...source, baseSha: event.base.sha }, path);
  const loaded = await loadConfig(source.root, path === undefined ? undefined : join(source.root, path));
  if ('error' in loaded) throw new InputError(loaded.error);
  return { config: loaded.config, name: path ?? DEFAULT_CONFIG_FILES[0], changes: [] };
}
