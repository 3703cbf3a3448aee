import { beforeAll, describe, expect, it } from '@jest/globals';
import { extractNixModule, nixModuleExtractor } from '../../../src/extract/nix/extractNixModule.js';
import { brief, extractLines, fixture, problems } from './helpers.js';

beforeAll(async () => {
  await nixModuleExtractor.prepare?.();
});

const module = (name: string) => extractNixModule({ path: `nix/modules/${name}.nix`, text: fixture(`seed000/${name}.nix`) });

describe('seed 000: five Rust services whose NixOS modules give main ports and a metrics.port', () => {
  it('constellation: `bind` and the submodule option `metrics.port`, both defaults, once each despite ExecStart using them', () => {
    const result = module('constellation');
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'constellation 0.0.0.0:6789/tcp @20:26 constellation.bind (default)',
      'constellation *:8765/tcp @30:23 constellation.metrics.port (default)',
    ]);
    expect(result.bindings[1]).toEqual({
      service: 'constellation',
      port: 8765,
      endPort: 8765,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'listen',
      format: 'nix',
      file: 'nix/modules/constellation.nix',
      line: 30,
      column: 23,
      setting: 'constellation.metrics.port',
      isDefault: true,
    });
  });

  it('spacedust: a `--bind` literal in ExecStart is a fixed claim; `--metrics-port ${toString cfg.metrics.port}` is the option\'s', () => {
    const result = module('spacedust');
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'spacedust *:8765/tcp @14:17 spacedust.metrics.port (default)',
      'spacedust 0.0.0.0:9998/tcp @22:123 --bind',
    ]);
  });

  it('slingshot: port options by type, read through an indented `script` with `\'\'${` escapes', () => {
    const result = module('slingshot');
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'slingshot *:3000/tcp @16:17 slingshot.port (default)',
      'slingshot *:443/tcp @20:17 slingshot.tlsPort (default)',
      'slingshot *:8765/tcp @24:17 slingshot.metrics.port (default)',
    ]);
  });

  it('ufos: the commented-out `bind` and the `cacheSize` default are no claims; the ExecStart list\'s `--bind` is', () => {
    const result = module('ufos');
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'ufos *:8765/tcp @19:19 ufos.metrics.port (default)',
      'ufos 0.0.0.0:9999/tcp @33:25 --bind',
    ]);
  });

  it('who-am-i: a loopback `bind` default and `options.port` in a submodule written with dotted names', () => {
    const result = module('who-am-i');
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'who-am-i 127.0.0.1:9997/tcp @13:28 who-am-i.bind (default)',
      'who-am-i *:8765/tcp @21:21 who-am-i.metrics.port (default)',
    ]);
  });
});

describe('seed 001: modules and process-compose-flake that take their ports from lib/ports.nix', () => {
  it('the NixOS module: registry references and firewall ports claim nothing', () => {
    const result = extractNixModule({ path: 'hosts/alpha/configuration.nix', text: fixture('seed001/modules/usage.nix') });
    expect(problems(result)).toEqual([]);
    expect(result.bindings).toEqual([]);
  });

  it('process-compose-flake: `--port ${toString ports.databases.redis}`, `environment.PORT = toString ports.development.api` and probes claim nothing', () => {
    const result = extractNixModule({ path: 'flake/process-compose.nix', text: fixture('seed001/flake/process-compose.nix') });
    expect(problems(result)).toEqual([]);
    expect(result.bindings).toEqual([]);
  });

  it('"Use in Module": `services.newService.port = ports.newCategory.newService` claims nothing', () => {
    const result = extractNixModule({ path: 'modules/new-service.nix', text: fixture('seed001/modules/new-service.nix') });
    expect(problems(result)).toEqual([]);
    expect(result.bindings).toEqual([]);
  });

  it('the anti-pattern: a hard-coded `services.myService.port = 3000` is a fixed claim of my-service', () => {
    const result = extractLines('modules/my-service.nix', [
      '{', //                                    1
      "  # DON'T: Hardcode ports inline", //     2
      '  services.myService.port = 3000;', //    3
      '}', //                                    4
    ]);
    expect(result.bindings.map(brief)).toEqual(['my-service *:3000/tcp @3:29 myService.port']);
    const preferred = extractLines('modules/my-service.nix', ['{', '  # DO: Reference from ports.nix', '  services.myService.port = ports.development.myService;', '}']);
    expect(preferred.bindings).toEqual([]);
  });
});
