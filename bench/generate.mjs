// The synthetic monorepo the benchmark checks: per service ten files, one of them a config
// (compose, process-compose or .env), the rest source, docs and manifests, like a real
// monorepo where a tenth of the files are configs. Ports are unique but for the collisions
// the "pull request" adds.
export function generateTree(count) {
  const tree = new Map();
  const registry = ['services:'];
  for (let n = 0; n < count; n++) {
    const dir = `services/svc-${n}`;
    const port = 20_000 + n;
    registry.push(`  svc-${n}: ${port}`);
    if (n % 3 === 0) {
      tree.set(`${dir}/compose.yml`, `services:\n  svc-${n}:\n    image: example/svc-${n}:1\n    ports:\n      - "\${SVC_${n}_PORT:-${port}}:8080"\n      - "127.0.0.1:${port}:9090"\n    expose:\n      - "9100"\n`);
    } else if (n % 3 === 1) {
      tree.set(`${dir}/process-compose.yaml`, `processes:\n  svc-${n}:\n    command: ./bin/svc-${n} --port ${port}\n    environment:\n      - LOG_LEVEL=info\n      - DATABASE_URL=postgres://localhost:5432/app\n`);
    } else {
      tree.set(`${dir}/.env`, `SVC_${n}_PORT=${port}\nLOG_LEVEL=info\n`);
    }
    tree.set(`${dir}/package.json`, JSON.stringify({ name: `svc-${n}`, version: '1.0.0' }, null, 2));
    tree.set(`${dir}/README.md`, `# svc-${n}\n\nListens on ${port}.\n`);
    for (let f = 0; f < 4; f++) tree.set(`${dir}/src/module${f}.ts`, `export function handler${f}(input: string): string {\n  return input.repeat(${f + 1});\n}\n`);
    // One source file per service with a listener, so the syntax-tree path is measured too.
    tree.set(`${dir}/src/server.ts`, `import express from 'express';\nconst app = express();\nconst port = Number(process.env.PORT ?? ${port});\napp.listen(port);\n`);
    tree.set(`${dir}/Dockerfile`, `FROM node:24\nCOPY . .\nCMD ["node", "dist/index.js"]\n`);
    tree.set(`${dir}/tsconfig.json`, '{ "extends": "../../tsconfig.base.json" }\n');
  }
  tree.set('ports.yml', `${registry.join('\n')}\n`);
  return tree;
}

/** The pull request: ten files change, two of them into a collision with another service. */
export function pullRequestEdits(count) {
  const edits = new Map();
  for (let i = 0; i < 10; i++) {
    const n = (i * 97 + 5) % count;
    edits.set(`services/svc-${n}/.env`, `SVC_${n}_PORT=${i < 2 ? 20_000 : 30_000 + n}\n`);
  }
  return edits;
}

export function isComposeFile(path) {
  return /(?:^|\/)(?:docker-)?compose(?:\.[^/]*)?\.ya?ml$/.test(path);
}
