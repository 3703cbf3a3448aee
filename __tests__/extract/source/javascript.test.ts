import { beforeAll, describe, expect, it } from '@jest/globals';
import { claimsOf, extractFrom, extractorFor, prepareSourceExtractors } from './helpers.js';

beforeAll(prepareSourceExtractors);

function js(source: string, path = 'web/src/server.ts') {
  return extractFrom({ 'web/package.json': '{ "name": "@acme/web", "version": "1.0.0" }', [path]: source }, path);
}

describe('TypeScript and JavaScript listeners', () => {
  it('reads `app.listen(3000)` and `createServer(..).listen(8080, "127.0.0.1")` with its host', () => {
    const source = [
      "import express from 'express';",
      'const app = express();',
      'app.listen(3000, () => console.log(`listening on http://localhost:3000`));',
      "http.createServer(handler).listen(8080, '127.0.0.1');",
    ].join('\n');
    const result = js(source);
    expect(claimsOf(result.bindings)).toEqual([
      { service: 'web', port: 3000, protocol: 'tcp', hostIp: null, line: 3, column: 12 },
      { service: 'web', port: 8080, protocol: 'tcp', hostIp: '127.0.0.1', line: 4, column: 35 },
    ]);
    expect(result.bindings.map((binding) => binding.format)).toEqual(['typescript', 'typescript']);
  });

  it('reads options objects: `server.listen({ port })`, `Bun.serve`, `Deno.serve`, `new WebSocketServer`', () => {
    const source = [
      "server.listen({ port: 3001, host: '0.0.0.0' });",
      'Bun.serve({ port: 3002, fetch(request) { return new Response("ok"); } });',
      'Deno.serve({ port: 8000, hostname: "127.0.0.1" }, handler);',
      'const wss = new WebSocketServer({ port: 3003 });',
      'const options = { port: 3004 };',
      'fastify.listen(options);',
    ].join('\n');
    expect(claimsOf(js(source).bindings)).toEqual([
      { service: 'web', port: 3001, protocol: 'tcp', hostIp: null, line: 1, column: 23 },
      { service: 'web', port: 3002, protocol: 'tcp', hostIp: null, line: 2, column: 19 },
      { service: 'web', port: 8000, protocol: 'tcp', hostIp: '127.0.0.1', line: 3, column: 20 },
      { service: 'web', port: 3003, protocol: 'tcp', hostIp: null, line: 4, column: 41 },
      { service: 'web', port: 3004, protocol: 'tcp', hostIp: null, line: 5, column: 25 },
    ]);
  });

  it('reads `process.env.PORT ?? 3000` and `|| 3000` fallbacks as default claims of PORT', () => {
    const source = [
      'const port = Number(process.env.PORT ?? 3005);',
      'app.listen(port);',
      "const adminPort = parseInt(process.env.ADMIN_PORT || '3006', 10);",
      'admin.listen(adminPort);',
      'export const config = { port: process.env.PORT || 3007 };',
      'const redisPort = process.env.REDIS_PORT ?? 6379;',
    ].join('\n');
    expect(claimsOf(js(source).bindings)).toEqual([
      { service: 'web', port: 3005, protocol: 'tcp', hostIp: null, line: 1, column: 41, isDefault: true, setting: 'PORT', variable: 'PORT' },
      { service: 'web', port: 3006, protocol: 'tcp', hostIp: null, line: 3, column: 55, isDefault: true, setting: 'ADMIN_PORT', variable: 'ADMIN_PORT' },
      { service: 'web', port: 3007, protocol: 'tcp', hostIp: null, line: 5, column: 51, isDefault: true, setting: 'PORT', variable: 'PORT' },
    ]);
  });

  it("reads dgram's `socket.bind(41234)` as udp, and a destructured default", () => {
    const source = "const socket = dgram.createSocket('udp4');\nsocket.bind(41234);\nconst { port = 3008 } = options;\nserver.listen(port);\n";
    expect(claimsOf(js(source, 'web/src/main.js').bindings)).toEqual([
      { service: 'web', port: 41234, protocol: 'udp', hostIp: null, line: 2, column: 13 },
      { service: 'web', port: 3008, protocol: 'tcp', hostIp: null, line: 3, column: 16, isDefault: true, setting: 'port' },
    ]);
    expect(js(source, 'web/src/main.js').bindings[0]?.format).toBe('javascript');
  });

  it('reads .tsx files with the TSX grammar', () => {
    const source = 'const App = () => <div>hello</div>;\nserver.listen(3009);\n';
    expect(claimsOf(js(source, 'web/src/app.tsx').bindings)).toEqual([{ service: 'web', port: 3009, protocol: 'tcp', hostIp: null, line: 2, column: 15 }]);
  });
});

describe('TypeScript and JavaScript code that claims nothing', () => {
  it('ignores fetch, clients, log messages, URLs, comments and `.bind(this)`', () => {
    const source = [
      '// app.listen(1111);',
      "const response = await fetch('http://localhost:2222/api');",
      "const redis = new Redis({ port: 6379, host: 'cache' });",
      "const client = createClient({ url: 'redis://localhost:6380' });",
      "console.log('listening on 0.0.0.0:3333');",
      'this.handler = this.handler.bind(this);',
      "axios.get('http://127.0.0.1:4444');",
    ].join('\n');
    expect(js(source)).toEqual({ bindings: [], diagnostics: [] });
  });

  it('does not read tests, specs, declarations or minified bundles', () => {
    for (const path of ['web/src/server.test.ts', 'web/src/server.spec.js', 'web/src/types.d.ts', 'web/public/vendor.min.js']) {
      expect(() => extractorFor(path)).toThrow('no source extractor matches');
    }
  });
});
