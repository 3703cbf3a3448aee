// The listener flags of an ordinary server command: the generic table (`--port`, `--listen`,
// `--web.listen-address`) plus the program's own (`postgres -p`, `memcached -U`).
import { normalizeHost, parseListenAddress } from './addresses.js';
import { type FlagScan, hitInValue, portLiteral, subValue } from './hits.js';
import { optionKey, type OptionValue, type ParsedOption, parseArguments } from './options.js';
import { GENERIC_LONG_OPTIONS, lookup, SERVER_RULES, type ServerRule, type ValueKind } from './programs.js';
import type { ShellWord } from './shellWords.js';

export function scanListenerFlags(program: string, args: readonly ShellWord[]): FlagScan {
  const rule = lookup(SERVER_RULES, program);
  const short = rule?.short && hasSubcommand(rule, args) ? rule.short : undefined;
  const longKind = (name: string): ValueKind | undefined => lookup(rule?.long, name) ?? lookup(GENERIC_LONG_OPTIONS, name);
  const parsed = parseArguments(args, {
    shortWithValue: short ? Object.keys(short).join('') : '',
    longTakesValue: (name) => longKind(name) !== undefined,
    singleDashLong: true,
  });
  const scan: FlagScan = { hits: [], host: undefined };
  for (const option of parsed.options) {
    const kind = option.long ? longKind(option.name) : lookup(short, option.name);
    if (kind !== undefined && option.value !== undefined) readValue(kind, option, option.value, scan);
  }
  return scan;
}

function hasSubcommand(rule: ServerRule, args: readonly ShellWord[]): boolean {
  const subcommands = rule.subcommands;
  return subcommands === undefined || args.some((word) => subcommands.includes(word.text));
}

function readValue(kind: ValueKind, option: ParsedOption, value: OptionValue, into: FlagScan): void {
  switch (kind) {
    case 'port':
    case 'udp-port': {
      const literal = portLiteral(value.text, kind === 'udp-port' ? 'udp' : 'tcp');
      if (literal) into.hits.push(hitInValue(value, literal, undefined, option.flag));
      return;
    }
    case 'address': {
      // The flag's own name must say listen or bind before a URL counts as a listen address.
      const address = parseListenAddress(value.text, /listen|bind/.test(option.name));
      if (address?.port) into.hits.push(hitInValue(value, address.port, address.host, option.flag));
      else if (address?.host) into.host = address.host;
      return;
    }
    case 'host':
      into.host = normalizeHost(value.text);
      return;
    case 'pg-setting':
      readPostgresSetting(option, value, into);
      return;
  }
}

/** `postgres -c port=5432` and `-c listen_addresses='*'`. */
function readPostgresSetting(option: ParsedOption, value: OptionValue, into: FlagScan): void {
  const eq = value.text.indexOf('=');
  if (eq <= 0) return;
  const setting = optionKey(value.text.slice(0, eq));
  const setValue = subValue(value, eq + 1);
  if (setting === 'port') {
    const literal = portLiteral(setValue.text);
    if (literal) into.hits.push(hitInValue(setValue, literal, undefined, `${option.flag} port`));
  } else if (setting === 'listen-addresses') {
    into.host = normalizeHost(setValue.text);
  }
}
