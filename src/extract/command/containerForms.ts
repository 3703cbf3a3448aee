// Commands that open host ports for something else: `docker run -p` publishes a container's
// port, `kubectl port-forward` forwards a pod's.
import { normalizeHost, parsePublishSpec } from './addresses.js';
import { type FlagScan, hitInValue, listenerHits, NOTHING, portLiteral, type SpecialForm } from './hits.js';
import { parseArguments } from './options.js';

const DOCKER_GLOBAL_WITH_VALUE = ['host', 'context', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey'];
const DOCKER_RUN_BOOLEAN = new Set([
  'detach', 'interactive', 'tty', 'rm', 'init', 'privileged', 'publish-all', 'read-only', 'sig-proxy',
  'no-healthcheck', 'oom-kill-disable', 'quiet', 'help', 'disable-content-trust', 'use-api-socket', 'replace', 'rmi',
]);

/** `docker|podman|nerdctl [container] run|create ... -p [ip:]host:container[/proto] IMAGE [COMMAND]`. */
export const containerRun: SpecialForm = ({ args, analyzeWords }) => {
  const global = parseArguments(args, {
    shortWithValue: 'Hcl',
    longTakesValue: (name) => DOCKER_GLOBAL_WITH_VALUE.includes(name),
    stopAtPositional: true,
  });
  let rest = global.positionals;
  if (rest[0]?.text === 'container') rest = rest.slice(1);
  const subcommand = rest[0]?.text;
  if (subcommand !== 'run' && subcommand !== 'create') return NOTHING;
  const run = parseArguments(rest.slice(1), {
    shortWithValue: 'acehlmpuvw',
    longTakesValue: (name) => !DOCKER_RUN_BOOLEAN.has(name),
    stopAtPositional: true,
  });
  const hostNetwork = run.options.some((o) => (o.name === 'network' || o.name === 'net') && o.value?.text === 'host');
  if (hostNetwork) {
    // Docker discards `-p` on the host network, where the container's own command listens.
    return { hits: listenerHits(analyzeWords(run.positionals.slice(1))), host: undefined };
  }
  const scan: FlagScan = { hits: [], host: undefined };
  for (const option of run.options) {
    if ((option.name !== 'p' && option.name !== 'publish') || !option.value) continue;
    const published = parsePublishSpec(option.value.text);
    if (!published) continue;
    const hit = hitInValue(option.value, published, published.host, option.flag);
    scan.hits.push(published.soft ? { ...hit, soft: true } : hit);
  }
  return scan;
};

/** `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE... [--address ADDR]`: local ports on localhost by default. */
export const kubectlPortForward: SpecialForm = ({ args }) => {
  const parsed = parseArguments(args, {
    shortWithValue: 'nsv',
    longTakesValue: (name) => name !== 'help' && name !== 'insecure-skip-tls-verify',
  });
  const at = parsed.positionals.findIndex((word) => word.text === 'port-forward');
  if (at < 0) return NOTHING;
  const addresses = (parsed.options.find((o) => o.name === 'address')?.value?.text ?? 'localhost').split(',');
  const host = normalizeHost(addresses.includes('0.0.0.0') ? '0.0.0.0' : (addresses[0] ?? ''));
  const scan: FlagScan = { hits: [], host: undefined };
  for (const word of parsed.positionals.slice(at + 2)) {
    const colon = word.text.indexOf(':');
    const literal = portLiteral(colon < 0 ? word.text : word.text.slice(0, colon));
    if (literal) scan.hits.push(hitInValue({ word, index: 0, text: word.text }, literal, host, 'port-forward'));
  }
  return scan;
};
