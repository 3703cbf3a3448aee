// Network tools that are clients by default and listeners in one form each: `ssh -L`/`-D`,
// `nc -l`, `socat TCP-LISTEN:`.
import { type HostIp, normalizeHost, type PortLiteral } from './addresses.js';
import { type FlagScan, hitInValue, NOTHING, portLiteral, type SpecialForm } from './hits.js';
import { type OptionValue, parseArguments } from './options.js';
import type { Protocol } from '../../model/types.js';

/**
 * `ssh -L [bind:]port:host:hostport` and `ssh -D [bind:]port` open a listener on this machine,
 * on loopback unless a bind address is given (`*` or an empty one: every address); they are
 * claims. `ssh -R` listens on the remote machine and `ssh -p` dials: neither is.
 */
export const sshForwards: SpecialForm = ({ args }) => {
  const parsed = parseArguments(args, { shortWithValue: 'BbcDEeFIiJLlmOoPpQRSWw', longTakesValue: () => false });
  const scan: FlagScan = { hits: [], host: undefined };
  for (const option of parsed.options) {
    if ((option.name !== 'L' && option.name !== 'D') || !option.value) continue;
    const forward = parseForwardSpec(option.value.text, option.name === 'L');
    if (forward) scan.hits.push(hitInValue(option.value, forward.port, forward.host, option.flag));
  }
  return scan;
};

/** `[bind:]port` followed, for `-L`, by `:host:hostport` or `:/socket`. */
export function parseForwardSpec(text: string, hasTarget: boolean): { port: PortLiteral; host: HostIp } | undefined {
  let bind: string | undefined;
  let portAt = 0;
  if (text.startsWith('[')) {
    const close = text.indexOf(']:');
    if (close < 0) return undefined;
    bind = text.slice(1, close);
    portAt = close + 2;
  } else {
    const colon = text.indexOf(':');
    const first = colon < 0 ? text : text.slice(0, colon);
    if (!/^\d+$/.test(first)) {
      if (colon < 0) return undefined;
      bind = first;
      portAt = colon + 1;
    }
  }
  const colon = text.indexOf(':', portAt);
  if (hasTarget !== colon >= 0) return undefined;
  const literal = portLiteral(text.slice(portAt, colon < 0 ? text.length : colon));
  if (!literal) return undefined;
  return { port: { ...literal, index: portAt }, host: bind === undefined ? normalizeHost('localhost') : normalizeHost(bind) };
}

const NC_LONG_WITH_VALUE = ['source-port', 'source', 'exec', 'sh-exec', 'lua-exec', 'wait', 'idle-timeout', 'max-conns', 'output', 'proxy'];

/** `nc -l 8080`, `nc -l -p 8080`, `nc -lu 127.0.0.1 5353`, `ncat --listen 8080`; without `-l`, a client. */
export const netcatListen: SpecialForm = ({ args }) => {
  const parsed = parseArguments(args, {
    shortWithValue: 'cehiIMmOpqsTVwXx',
    longTakesValue: (name) => NC_LONG_WITH_VALUE.includes(name),
  });
  const has = (...names: string[]): boolean => parsed.options.some((o) => names.includes(o.name));
  if (!has('l', 'listen')) return NOTHING;
  const protocol: Protocol = has('u', 'udp') ? 'udp' : 'tcp';
  const source = parsed.options.find((o) => o.name === 's' || o.name === 'source')?.value;
  const portOption = parsed.options.find((o) => (o.name === 'p' || o.name === 'source-port') && o.value);
  const positionals = parsed.positionals;
  let value: OptionValue | undefined = portOption?.value;
  let flag = portOption?.flag ?? '-l';
  let hostText = source?.text;
  if (!value) {
    const last = positionals[positionals.length - 1];
    if (!last) return NOTHING;
    value = { word: last, index: 0, text: last.text };
    flag = '-l';
    if (positionals.length > 1) hostText = positionals[0]?.text;
  }
  const literal = portLiteral(value.text, protocol);
  if (!literal) return NOTHING;
  const host = hostText === undefined ? undefined : normalizeHost(hostText);
  return { hits: [hitInValue(value, literal, host ?? { ip: null, remote: false }, flag)], host: undefined };
};

const SOCAT_LISTENERS: Readonly<Record<string, Protocol>> = {
  'TCP-LISTEN': 'tcp', 'TCP4-LISTEN': 'tcp', 'TCP6-LISTEN': 'tcp', 'TCP-L': 'tcp', 'TCP4-L': 'tcp', 'TCP6-L': 'tcp',
  'OPENSSL-LISTEN': 'tcp', 'SSL-L': 'tcp',
  'UDP-LISTEN': 'udp', 'UDP4-LISTEN': 'udp', 'UDP6-LISTEN': 'udp', 'UDP-L': 'udp', 'UDP4-L': 'udp', 'UDP6-L': 'udp',
  'UDP-RECV': 'udp', 'UDP4-RECV': 'udp', 'UDP6-RECV': 'udp', 'UDP-RECVFROM': 'udp', 'UDP4-RECVFROM': 'udp', 'UDP6-RECVFROM': 'udp',
};

/** `socat TCP-LISTEN:8080,fork,bind=127.0.0.1 TCP:backend:80`: only the listening address is a claim. */
export const socatListen: SpecialForm = ({ args }) => {
  const scan: FlagScan = { hits: [], host: undefined };
  for (const word of args) {
    const colon = word.text.indexOf(':');
    if (colon <= 0) continue;
    const keyword = word.text.slice(0, colon).toUpperCase();
    const protocol = Object.hasOwn(SOCAT_LISTENERS, keyword) ? SOCAT_LISTENERS[keyword] : undefined;
    if (!protocol) continue;
    const [portText = '', ...options] = word.text.slice(colon + 1).split(',');
    const literal = portLiteral(portText, protocol);
    if (!literal) continue;
    const bind = options.find((option) => option.startsWith('bind='));
    const host = normalizeHost(bind === undefined ? '' : bind.slice('bind='.length));
    scan.hits.push(hitInValue({ word, index: colon + 1, text: portText }, literal, host, word.text.slice(0, colon)));
  }
  return scan;
};
