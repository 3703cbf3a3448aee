import type { PortcullisConfig } from '../model/config.js';
import { normalizeServiceName } from '../model/service.js';
import type { Binding, RegistryModel } from '../model/types.js';

/**
 * Turns what the extractors found into the claims that detection compares: one name per
 * service (aliases), one claim per variable, settings that merely point at a registered
 * service given to that service.
 */
export function resolveBindings(bindings: readonly Binding[], registry: RegistryModel, config: PortcullisConfig): Binding[] {
  const canonical = aliasMap(config.aliases);
  const rename = (binding: Binding): Binding => {
    const service = canonical.get(binding.service);
    return service === undefined ? binding : { ...binding, service };
  };
  const servicesByPort = registeredServicesByPort(registry.entries.map(rename));
  return dropReferencedVariables(bindings).map(rename).map((binding) => claimOfRegisteredService(binding, servicesByPort.get(portKey(binding))));
}

function portKey(binding: Pick<Binding, 'port' | 'protocol'>): string {
  return `${binding.port}/${binding.protocol}`;
}

/** The services the registry gives each port (and protocol), and the longest of their names. */
interface RegisteredServices {
  names: Set<string>;
  longest: number;
}

function registeredServicesByPort(entries: readonly Binding[]): Map<string, RegisteredServices> {
  const byPort = new Map<string, RegisteredServices>();
  for (const entry of entries) {
    const key = portKey(entry);
    const services = byPort.get(key) ?? { names: new Set<string>(), longest: 0 };
    services.names.add(entry.service);
    services.longest = Math.max(services.longest, entry.service.length);
    byPort.set(key, services);
  }
  return byPort;
}

/** Registry entries under their canonical names, so they match the resolved bindings. */
export function resolveRegistry(registry: RegistryModel, config: PortcullisConfig): RegistryModel {
  const canonical = aliasMap(config.aliases);
  return {
    ...registry,
    entries: registry.entries.map((entry) => {
      const service = canonical.get(entry.service);
      return service === undefined ? entry : { ...entry, service };
    }),
  };
}

/** Each alias (normalized) -> the canonical name it stands for. */
export function aliasMap(aliases: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, others] of Object.entries(aliases)) {
    const target = normalizeServiceName(name);
    for (const other of others) map.set(normalizeServiceName(other), target);
  }
  return map;
}

/**
 * A `.env` variable that a config references (`${NLP_API_PORT:-3456}`) is that config's
 * claim, located at the `.env` line: the `.env` extractor's own claim of it would be a
 * second one.
 */
function dropReferencedVariables(bindings: readonly Binding[]): Binding[] {
  const referenced = new Set<string>();
  for (const binding of bindings) {
    if (binding.format !== 'dotenv' && binding.variable !== undefined && binding.variableFile !== undefined) {
      referenced.add(`${binding.variableFile}\0${binding.variable}`);
    }
  }
  if (referenced.size === 0) return [...bindings];
  return bindings.filter((binding) => binding.format !== 'dotenv' || !referenced.has(`${binding.variableFile ?? binding.file}\0${binding.variable ?? ''}`));
}

/**
 * A port setting whose name names a registered service, with that service's registered port
 * as its value (`signoz.port = 8080` beside the registry's `signoz = 8080`,
 * `dns-blocker.statsPort = 9090` beside `dns-blocker-stats = 9090`), is that service's claim
 * or a client of it, not a new claim of the service that holds the setting. `onPort` are the
 * services the registry gives the binding's port and protocol; the longest name wins.
 */
function claimOfRegisteredService(binding: Binding, onPort: RegisteredServices | undefined): Binding {
  if (binding.setting === undefined || onPort === undefined) return binding;
  const owner = longestNamedService(settingWords(binding.setting).split('-'), onPort, binding.service);
  if (owner === undefined) return binding;
  const { project: _project, ...rest } = binding;
  return { ...rest, service: owner };
}

/**
 * The longest run of consecutive words that is a registered service other than `holder`.
 * Runs are tried from each word, no longer than the longest registered name: the work grows
 * with the setting's words, not with the registry (20,000 entries on one port took 8 s).
 */
function longestNamedService(words: readonly string[], onPort: RegisteredServices, holder: string): string | undefined {
  let owner: string | undefined;
  for (let start = 0; start < words.length; start++) {
    let name = '';
    for (let end = start; end < words.length; end++) {
      name = end === start ? (words[end] as string) : `${name}-${words[end] as string}`;
      if (name.length > onPort.longest) break;
      if (name !== holder && onPort.names.has(name) && (owner === undefined || name.length > owner.length)) owner = name;
    }
  }
  return owner;
}

/** `dns-blocker.statsPort` -> `dns-blocker-stats-port`: the words of a setting, as a service name. */
function settingWords(setting: string): string {
  return normalizeServiceName(setting.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/\./g, '-'));
}

