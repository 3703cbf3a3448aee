import { beforeAll, describe, expect, it } from '@jest/globals';
import { claimsOf, extractFrom, extractorFor, prepareSourceExtractors } from './helpers.js';

beforeAll(prepareSourceExtractors);

function go(source: string, path = 'api/main.go') {
  return extractFrom({ 'api/go.mod': 'module github.com/acme/api/v2\n\ngo 1.22\n', [path]: source }, path);
}

describe('Go listeners', () => {
  it('reads `http.ListenAndServe(":8080", nil)` and `net.Listen` with its network', () => {
    const source = [
      'package main',
      '',
      'func main() {',
      '\tgo http.ListenAndServe(":8080", nil)',
      '\tl, err := net.Listen("tcp", "127.0.0.1:9000")',
      '\tpc, err := net.ListenPacket("udp", `:5353`)',
      '}',
    ].join('\n');
    expect(claimsOf(go(source).bindings)).toEqual([
      { service: 'api', port: 8080, protocol: 'tcp', hostIp: null, line: 4, column: 27 },
      { service: 'api', port: 9000, protocol: 'tcp', hostIp: '127.0.0.1', line: 5, column: 41 },
      { service: 'api', port: 5353, protocol: 'udp', hostIp: null, line: 6, column: 39 },
    ]);
    expect(go(source).bindings[0]?.format).toBe('go');
  });

  it('reads `&http.Server{Addr: ":8080"}` once, also when it is served later', () => {
    const source = 'package main\n\nfunc main() {\n\tsrv := &http.Server{Addr: ":8081", Handler: mux}\n\tlog.Fatal(srv.ListenAndServe())\n}\n';
    expect(claimsOf(go(source).bindings)).toEqual([{ service: 'api', port: 8081, protocol: 'tcp', hostIp: null, line: 4, column: 30, setting: 'Addr' }]);
  });

  it('follows `":" + port` to the `if port == ""` fallback after `os.Getenv("PORT")`: a default claim', () => {
    const source = [
      'package main',
      '',
      'func main() {',
      '\tport := os.Getenv("PORT")',
      '\tif port == "" {',
      '\t\tport = "8082"',
      '\t}',
      '\thttp.ListenAndServe(":"+port, nil)',
      '}',
    ].join('\n');
    expect(claimsOf(go(source).bindings)).toEqual([{ service: 'api', port: 8082, protocol: 'tcp', hostIp: null, line: 6, column: 11, isDefault: true, setting: 'PORT', variable: 'PORT' }]);
  });

  it('reads gin, echo and fiber starters, and `fmt.Sprintf(":%d", port)` of a constant', () => {
    const source = [
      'package main',
      '',
      'const adminPort = 9091',
      '',
      'func main() {',
      '\tr.Run(":8083")',
      '\te.Start("0.0.0.0:8084")',
      '\tapp.Listen(fmt.Sprintf(":%d", adminPort))',
      '}',
    ].join('\n');
    expect(claimsOf(go(source).bindings)).toEqual([
      { service: 'api', port: 8083, protocol: 'tcp', hostIp: null, line: 6, column: 10 },
      { service: 'api', port: 8084, protocol: 'tcp', hostIp: null, line: 7, column: 19 },
      { service: 'api', port: 9091, protocol: 'tcp', hostIp: null, line: 3, column: 19, setting: 'adminPort' },
    ]);
  });

  it("reads `net.ListenUDP` of a `net.UDPAddr` as udp, and urfave/cli's `IntFlag` default", () => {
    const source = [
      'package main',
      '',
      'func main() {',
      '\tconn, _ := net.ListenUDP("udp", &net.UDPAddr{Port: 5354})',
      '\tflags := []cli.Flag{&cli.IntFlag{Name: "port", Value: 8086}, &cli.IntFlag{Name: "retries", Value: 3}}',
      '\tpool.Run(10)',
      '}',
    ].join('\n');
    expect(claimsOf(go(source).bindings)).toEqual([
      { service: 'api', port: 5354, protocol: 'udp', hostIp: null, line: 4, column: 53 },
      { service: 'api', port: 8086, protocol: 'tcp', hostIp: null, line: 5, column: 56, isDefault: true, setting: 'port' },
    ]);
  });

  it('reads flag defaults of listener flags as default claims, once when the flag is also served', () => {
    const source = [
      'package main',
      '',
      'var (',
      '\tport    = flag.Int("port", 8085, "HTTP port")',
      '\tworkers = flag.Int("workers", 8, "worker count")',
      ')',
      '',
      'func main() {',
      '\taddr := flag.String("metrics-addr", ":9100", "metrics address")',
      '\tvar dbPort int',
      '\tflag.IntVar(&dbPort, "db-port", 5432, "database port")',
      '\tpflag.IntP("admin-port", "a", 9092, "admin port")',
      '\tflag.StringVar(&httpPort, "http-port", getEnv("WHOAMI_PORT_NUMBER", "80"), "give me a port number")',
      '\tflag.Parse()',
      '\tgo http.ListenAndServe(*addr, metrics)',
      '}',
    ].join('\n');
    expect(claimsOf(go(source).bindings)).toEqual([
      { service: 'api', port: 9100, protocol: 'tcp', hostIp: null, line: 9, column: 40, isDefault: true, setting: 'metrics-addr' },
      { service: 'api', port: 8085, protocol: 'tcp', hostIp: null, line: 4, column: 29, isDefault: true, setting: 'port' },
      { service: 'api', port: 9092, protocol: 'tcp', hostIp: null, line: 12, column: 32, isDefault: true, setting: 'admin-port' },
      { service: 'api', port: 80, protocol: 'tcp', hostIp: null, line: 13, column: 71, isDefault: true, setting: 'http-port', variable: 'WHOAMI_PORT_NUMBER' },
    ]);
  });
});

describe('Go code that claims nothing', () => {
  it('ignores clients, log messages, URLs and comments', () => {
    const source = [
      'package main',
      '',
      'func main() {',
      '\t// http.ListenAndServe(":1111", nil)',
      '\tresp, _ := http.Get("http://localhost:2222/health")',
      '\tconn, _ := net.Dial("tcp", "127.0.0.1:3333")',
      '\tlog.Printf("listening on 0.0.0.0:4444")',
      '\trdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})',
      '\tcmd.Run()',
      '}',
    ].join('\n');
    expect(go(source)).toEqual({ bindings: [], diagnostics: [], facts: { goPackage: 'main' } });
  });

  it('does not read `_test.go` files', () => {
    expect(() => extractorFor('api/server_test.go')).toThrow('no source extractor matches');
  });
});
