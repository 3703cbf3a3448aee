// The synthetic monorepo the benchmark checks: per service ten files, one of them a config
// (compose, process-compose or .env), the rest source in one of four languages (one file
// with a listener, the others without), docs and a manifest; a NixOS module for every fourth
// service; a registry as ports.yml and as lib/ports.nix. Ports are unique but for the
// collisions the "pull request" adds.
export function generateTree(count) {
  const tree = new Map();
  for (let n = 0; n < count; n++) {
    const dir = `services/svc-${n}`;
    const port = 20_000 + n;
    tree.set(`${dir}/${configFile(n)}`, configText(n, port));
    tree.set(`${dir}/README.md`, `# svc-${n}\n\nListens on ${port}.\n`);
    for (const [file, text] of sourceFiles(n, 40_000 + n)) tree.set(`${dir}/${file}`, text);
    if (n % 4 === 0) {
      tree.set(
        `nixos/modules/svc-${n}.nix`,
        `{ config, lib, ... }:\nlet ports = import ../../lib/ports.nix; in\n{\n  services.svc-${n} = {\n    enable = true;\n    port = ports.services.svc-${n};\n    metrics.port = lib.mkDefault ${40_000 + n};\n  };\n}\n`,
      );
    }
  }
  const names = Array.from({ length: count }, (_, n) => n);
  tree.set('ports.yml', `services:\n${names.map((n) => `  svc-${n}: { ports: { http: ${20_000 + n}, metrics: ${40_000 + n} } }`).join('\n')}\n`);
  tree.set('lib/ports.nix', `{\n  services = {\n${names.map((n) => `    svc-${n} = { http = ${20_000 + n}; metrics = ${40_000 + n}; };`).join('\n')}\n  };\n}\n`);
  return tree;
}

function configFile(n) {
  return ['compose.yml', 'process-compose.yaml', '.env'][n % 3];
}

function configText(n, port) {
  switch (n % 3) {
    case 0:
      return `services:\n  svc-${n}:\n    image: example/svc-${n}:1\n    ports:\n      - "\${SVC_${n}_PORT:-${port}}:8080"\n      - "127.0.0.1:${port}:9090"\n    expose:\n      - "9100"\n`;
    case 1:
      return `processes:\n  svc-${n}:\n    command: ./bin/svc-${n} --port ${port}\n    environment:\n      - LOG_LEVEL=info\n      - DATABASE_URL=postgres://localhost:5432/app\n`;
    default:
      return `SVC_${n}_PORT=${port}\nLOG_LEVEL=info\n`;
  }
}

/** A manifest and seven source files in one of four languages; one of them holds the metrics listener (seed 000's idiom). */
function sourceFiles(n, metricsPort) {
  const modules = (name) => [0, 1, 2, 3, 4].map((f) => name(f));
  switch (n % 4) {
    case 0:
      return [
        ['package.json', JSON.stringify({ name: `svc-${n}`, version: '1.0.0' }, null, 2)],
        ['src/metrics.ts', `import express from 'express';\nconst app = express();\nconst port = Number(process.env.METRICS_PORT ?? ${metricsPort});\napp.listen(port);\n`],
        ...modules((f) => [`src/module${f}.ts`, `export function weight${f}(input: string): string {\n  return input.repeat(${f + 1});\n}\n`]),
      ];
    case 1:
      return [
        ['Cargo.toml', `[package]\nname = "svc-${n}"\nversion = "0.1.0"\n`],
        ['src/main.rs', `fn main() {\n    let host = [0, 0, 0, 0];\n    let port = ${metricsPort};\n    PrometheusBuilder::new().with_http_listener((host, port)).install().unwrap();\n}\n`],
        ...modules((f) => [`src/module${f}.rs`, `pub fn weight${f}() -> u32 {\n    ${f + 1}\n}\n`]),
      ];
    case 2:
      return [
        ['go.mod', `module example.com/svc-${n}\n\ngo 1.22\n`],
        ['main.go', `package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":${metricsPort}", nil)\n}\n`],
        ...modules((f) => [`module${f}.go`, `package main\n\nfunc weight${f}() int { return ${f + 1} }\n`]),
      ];
    default:
      return [
        ['pyproject.toml', `[project]\nname = "svc-${n}"\nversion = "0.1.0"\n`],
        ['app.py', `import uvicorn\n\nif __name__ == "__main__":\n    uvicorn.run("app:app", port=${metricsPort})\n`],
        ...modules((f) => [`module${f}.py`, `def weight${f}():\n    return ${f + 1}\n`]),
      ];
  }
}

/** The pull request: ten files change, two of them into a collision with another service. */
export function pullRequestEdits(count) {
  const edits = new Map();
  for (let i = 0; i < 10; i++) {
    const n = editedService(i, count);
    edits.set(`services/svc-${n}/.env`, `SVC_${n}_PORT=${i < 2 ? 20_000 : 30_000 + n}\n`);
  }
  return edits;
}

/** The collisions the pull request injects: each edited service that takes svc-0's port 20000. */
export function injectedCollisions(count) {
  return [0, 1].map((i) => ({ port: 20_000, service: `svc-${editedService(i, count)}` }));
}

function editedService(i, count) {
  return (i * 97 + 5) % count;
}

export function isComposeFile(path) {
  return /(?:^|\/)(?:docker-)?compose(?:\.[^/]*)?\.ya?ml$/.test(path);
}

/**
 * A NixOS fleet: a flake naming `hosts` machines, a hundred modules in the NixOS idiom (an
 * enable option, a port option with a default, a service run under `mkIf cfg.enable`), each
 * host importing and enabling twenty of them and setting the port of five, and a registry
 * keyed by host. Every module's default is unique; no machine has a collision.
 */
export function generateFleet(hosts) {
  const tree = new Map();
  const modules = 100;
  const names = Array.from({ length: hosts }, (_, h) => `host-${h}`);
  tree.set('flake.nix', `{\n  outputs = { self, nixpkgs }: {\n    nixosConfigurations = {\n${names.map((name) => `      ${name} = nixpkgs.lib.nixosSystem { modules = [ ./hosts/${name} ]; };`).join('\n')}\n    };\n  };\n}\n`);
  for (let m = 0; m < modules; m++) {
    tree.set(
      `modules/svc-${m}.nix`,
      `{ config, lib, ... }:\nlet cfg = config.fleet.svc-${m}; in\n{\n  options.fleet.svc-${m} = {\n    enable = lib.mkEnableOption "svc-${m}";\n    port = lib.mkOption { type = lib.types.port; default = ${10_000 + m}; };\n  };\n  config = lib.mkIf cfg.enable {\n    systemd.services.svc-${m}.serviceConfig.ExecStart = "svc --port \${toString cfg.port}";\n  };\n}\n`,
    );
  }
  names.forEach((name, h) => {
    const used = Array.from({ length: 20 }, (_, i) => (h * 7 + i * 5) % modules);
    const body = used.map((m, i) => `  fleet.svc-${m}.enable = true;${i < 5 ? `\n  fleet.svc-${m}.port = ${20_000 + h * 100 + i};` : ''}`).join('\n');
    tree.set(`hosts/${name}/default.nix`, `{ ... }:\n{\n  imports = [ ./hardware.nix ${used.map((m) => `../../modules/svc-${m}.nix`).join(' ')} ];\n${body}\n}\n`);
    tree.set(`hosts/${name}/hardware.nix`, `{ ... }:\n{\n  boot.loader.grub.enable = true;\n  networking.hostName = "${name}";\n}\n`);
  });
  tree.set('lib/ports.nix', `{\n${names.map((name, h) => `  ${name} = { ssh-tunnel = ${30_000 + h}; };`).join('\n')}\n}\n`);
  return tree;
}
