import type { Binding } from '../../src/model/types.js';

export type BindingFields = Partial<Binding> & Pick<Binding, 'service' | 'port'>;

/** A host TCP listener of `service` on `port`, at line 1 column 1 of `<service>.yml` unless told otherwise. */
export function binding(fields: BindingFields): Binding {
  return {
    endPort: fields.port,
    protocol: 'tcp',
    hostIp: null,
    scope: 'host',
    kind: 'listen',
    format: 'test',
    file: `${fields.service}.yml`,
    line: 1,
    column: 1,
    ...fields,
  };
}

/** A registry entry as the registry extractors produce it: kind `registry`, scope `host`, in `ports.yml`. */
export function entry(fields: BindingFields): Binding {
  return binding({ kind: 'registry', format: 'registry', file: 'ports.yml', ...fields });
}
