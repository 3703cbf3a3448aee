import type { ConflictRule, Severity } from '../model/types.js';

export interface RuleDescription {
  id: ConflictRule;
  /** PascalCase, as SARIF viewers show a rule's name. */
  name: string;
  /** The severity a conflict of this rule has unless stacks or defaults soften it. */
  level: Severity;
  summary: string;
  description: string;
  /** How to fix it, in Markdown. */
  help: string;
}

/** Every rule of DESIGN.md, in its order (SARIF `ruleIndex` is the position here). */
export const RULES: readonly RuleDescription[] = [
  {
    id: 'duplicate-port',
    name: 'DuplicatePort',
    level: 'error',
    summary: 'Two or more services bind overlapping ports in one scope.',
    description:
      'Two or more services bind overlapping ports with the same protocol and overlapping addresses in one network scope, so whichever starts second fails with "Address already in use". It is a warning when the services belong to two stacks that are alternatives, or when both claims are defaults users override.',
    help: 'Move every service but one to the proposed free port, or tell Portcullis in `.portcullis.yml` (`scopes`) that the stacks never run together.',
  },
  {
    id: 'registry-conflict',
    name: 'RegistryConflict',
    level: 'error',
    summary: 'A service binds a port that the registry gives to another service.',
    description:
      "The repository's port registry assigns this port to one service, and another service binds it too.",
    help: 'Move the newcomer to the proposed free port, and register that port for it.',
  },
  {
    id: 'registry-duplicate',
    name: 'RegistryDuplicate',
    level: 'error',
    summary: 'The registry gives one port to two services.',
    description: "The repository's port registry assigns the same port to two different services.",
    help: 'Give one of the services the proposed free port in the registry, and move it there.',
  },
  {
    id: 'registry-drift',
    name: 'RegistryDrift',
    level: 'warning',
    summary: 'A registered service binds a port other than its registered one.',
    description: 'The service is in the port registry, but one of its configurations binds a port the registry does not give it.',
    help: 'Bind the registered port (the proposal), or update the registry if the service has moved.',
  },
  {
    id: 'reserved-port',
    name: 'ReservedPort',
    level: 'warning',
    summary: 'A binding falls in a range the registry reserves.',
    description: 'The port registry reserves this range so that nobody takes it; a service binds a port inside it.',
    help: 'Move the service to the proposed free port outside the reserved range.',
  },
  {
    id: 'out-of-range',
    name: 'OutOfRange',
    level: 'warning',
    summary: "A port lies outside its category's range.",
    description: "The registry gives the service's category a port range, and the service binds a port outside it.",
    help: "Move the service to the proposed free port inside its category's range.",
  },
  {
    id: 'unregistered',
    name: 'Unregistered',
    level: 'warning',
    summary: 'A service binds a port the registry does not list.',
    description: 'The repository keeps a port registry, and this service binds a port that is not in it.',
    help: 'Register the port for the service, so that the next service does not take it.',
  },
];

export function ruleIndex(rule: ConflictRule): number {
  return RULES.findIndex((description) => description.id === rule);
}
