import { beforeAll, describe, expect, it } from '@jest/globals';
import { claimsOf, extractFrom, extractorFor, prepareSourceExtractors } from './helpers.js';

beforeAll(prepareSourceExtractors);

const pyproject = '[project]\nname = "ml_api"\nversion = "0.1.0"\n';

function py(source: string, path = 'ml/ml_api/main.py') {
  return extractFrom({ 'ml/pyproject.toml': pyproject, [path]: source }, path);
}

describe('Python listeners', () => {
  it("reads Flask's `app.run(port=5000)`, uvicorn, aiohttp, Dash and tornado, with their hosts", () => {
    const source = [
      'if __name__ == "__main__":',
      '    app.run(host="0.0.0.0", port=5000, debug=True)',
      '    uvicorn.run(app, host="127.0.0.1", port=8000)',
      '    web.run_app(app, port=8080)',
      '    dash_app.run_server(port=8050)',
      '    tornado_app.listen(8888)',
    ].join('\n');
    const result = py(source);
    expect(claimsOf(result.bindings)).toEqual([
      { service: 'ml-api', port: 5000, protocol: 'tcp', hostIp: null, line: 2, column: 34 },
      { service: 'ml-api', port: 8000, protocol: 'tcp', hostIp: '127.0.0.1', line: 3, column: 45 },
      { service: 'ml-api', port: 8080, protocol: 'tcp', hostIp: null, line: 4, column: 27 },
      { service: 'ml-api', port: 8050, protocol: 'tcp', hostIp: null, line: 5, column: 30 },
      { service: 'ml-api', port: 8888, protocol: 'tcp', hostIp: null, line: 6, column: 24 },
    ]);
    expect(result.bindings[0]?.format).toBe('python');
  });

  it('reads `socket.bind((host, port))` (udp for a datagram socket) and `HTTPServer(("", 8000), ..)`', () => {
    const source = [
      'HOST, PORT = "0.0.0.0", 9000',
      'sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
      'sock.bind(("0.0.0.0", 9001))',
      'dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)',
      'dns.bind(("127.0.0.1", 5353))',
      'httpd = HTTPServer(("", 8001), Handler)',
      'with socketserver.UDPServer(("", 9002), Handler) as server:',
      '    server.serve_forever()',
    ].join('\n');
    expect(claimsOf(py(source).bindings)).toEqual([
      { service: 'ml-api', port: 9001, protocol: 'tcp', hostIp: null, line: 3, column: 23 },
      { service: 'ml-api', port: 5353, protocol: 'udp', hostIp: '127.0.0.1', line: 5, column: 24 },
      { service: 'ml-api', port: 8001, protocol: 'tcp', hostIp: null, line: 6, column: 25 },
      { service: 'ml-api', port: 9002, protocol: 'udp', hostIp: null, line: 7, column: 34 },
    ]);
  });

  it('follows module constants and `os.environ.get("PORT", ..)` fallbacks (default claims), and reads prometheus and asyncio servers', () => {
    const source = [
      'import os',
      'PORT = int(os.environ.get("PORT", 8002))',
      'METRICS_PORT = 9003',
      '',
      'def main():',
      '    start_http_server(METRICS_PORT, addr="127.0.0.1")',
      '    uvicorn.run("app:app", host="0.0.0.0", port=PORT)',
      '    asyncio.run(asyncio.start_server(handle, "::1", 9004))',
    ].join('\n');
    expect(claimsOf(py(source).bindings)).toEqual([
      { service: 'ml-api', port: 9003, protocol: 'tcp', hostIp: '127.0.0.1', line: 3, column: 16, setting: 'METRICS_PORT' },
      { service: 'ml-api', port: 8002, protocol: 'tcp', hostIp: null, line: 2, column: 35, isDefault: true, setting: 'PORT', variable: 'PORT' },
      { service: 'ml-api', port: 9004, protocol: 'tcp', hostIp: '::1', line: 8, column: 53 },
    ]);
  });

  it('reads argparse and click `--port` defaults as default claims, and not other options', () => {
    const source = [
      'parser.add_argument("-p", "--port", type=int, default=8003)',
      'parser.add_argument("--bind", default="0.0.0.0:8004")',
      'parser.add_argument("--workers", type=int, default=4)',
      'parser.add_argument("--db-port", type=int, default=5432)',
      '@click.option("--listen-port", default=8005)',
      'def serve(listen_port): ...',
    ].join('\n');
    expect(claimsOf(py(source).bindings)).toEqual([
      { service: 'ml-api', port: 8003, protocol: 'tcp', hostIp: null, line: 1, column: 55, isDefault: true, setting: 'port' },
      { service: 'ml-api', port: 8004, protocol: 'tcp', hostIp: null, line: 2, column: 48, isDefault: true, setting: 'bind' },
      { service: 'ml-api', port: 8005, protocol: 'tcp', hostIp: null, line: 5, column: 40, isDefault: true, setting: 'listen-port' },
    ]);
  });
});

describe('Python code that claims nothing', () => {
  it('ignores clients, log messages, URLs, comments and a socket\'s `listen(backlog)`', () => {
    const source = [
      '# app.run(port=1111)',
      'r = redis.Redis(host="localhost", port=6379)',
      'requests.get("http://localhost:2222/health")',
      'conn = psycopg2.connect(host="db", port=5432)',
      'print("listening on 0.0.0.0:3333")',
      'logger.info(f"serving on port {PORT}")',
      'subprocess.run(["server", "--port", "4444"])',
      'sock.connect(("127.0.0.1", 5555))',
      'sock.listen(5)',
      'server.listen(128)',
    ].join('\n');
    expect(py(source)).toEqual({ bindings: [], diagnostics: [] });
  });

  it('does not read test files', () => {
    for (const path of ['ml/ml_api/test_main.py', 'ml/ml_api/main_test.py', 'ml/conftest.py']) {
      expect(() => extractorFor(path)).toThrow('no source extractor matches');
    }
  });
});
