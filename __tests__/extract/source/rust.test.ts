import { beforeAll, describe, expect, it } from '@jest/globals';
import { claimsOf, extractFrom, prepareSourceExtractors } from './helpers.js';

beforeAll(prepareSourceExtractors);

const cargo = (name: string, extra = ''): string => `[package]\nname = "${name}"\nversion = "0.1.0"\n${extra}`;

function rust(source: string, path = 'svc/src/main.rs', files: Record<string, string> = {}) {
  return extractFrom({ 'svc/Cargo.toml': cargo('svc'), [path]: source, ...files }, path);
}

describe('Rust listeners', () => {
  it('follows `let port = 8765;` into `.with_http_listener((host, port))`, pointing at the literal', () => {
    const source = [
      'fn install_metrics_server() -> Result<()> {',
      '    let host = [0, 0, 0, 0];',
      '    let port = 8765;',
      '    info!("metrics listening at http://0.0.0.0:8765");',
      '    PrometheusBuilder::new()',
      '        .with_http_listener((host, port))',
      '        .install()?;',
      '    Ok(())',
      '}',
    ].join('\n');
    const result = rust(source);
    expect(claimsOf(result.bindings)).toEqual([{ service: 'svc', port: 8765, protocol: 'tcp', hostIp: null, line: 3, column: 16, setting: 'port' }]);
    expect(result.bindings[0]?.format).toBe('rust');
    expect(result.diagnostics).toEqual([]);
  });

  it('reads `TcpListener::bind` with a string address, keeping its host', () => {
    const source = 'async fn main() {\n    let listener = TcpListener::bind("127.0.0.1:3000").await.unwrap();\n}\n';
    expect(claimsOf(rust(source).bindings)).toEqual([{ service: 'svc', port: 3000, protocol: 'tcp', hostIp: '127.0.0.1', line: 2, column: 49 }]);
  });

  it('reads `TcpListener::bind(("0.0.0.0", port))` and `SocketAddr::from(([127, 0, 0, 1], 9200))` passed by reference', () => {
    const source = [
      'fn main() {',
      '    let port = 9100;',
      '    let a = std::net::TcpListener::bind(("0.0.0.0", port)).unwrap();',
      '    let addr = SocketAddr::from(([127, 0, 0, 1], 9200));',
      '    axum::Server::bind(&addr).serve(app.into_make_service());',
      '}',
    ].join('\n');
    expect(claimsOf(rust(source).bindings)).toEqual([
      { service: 'svc', port: 9100, protocol: 'tcp', hostIp: null, line: 2, column: 16, setting: 'port' },
      { service: 'svc', port: 9200, protocol: 'tcp', hostIp: '127.0.0.1', line: 4, column: 50, setting: 'addr' },
    ]);
  });

  it('reads a wildcard `"0.0.0.0:9999".parse()` wherever it is parsed, once', () => {
    const source = [
      'fn main() {',
      '    let addr: SocketAddr = "0.0.0.0:9999".parse().unwrap();',
      '    let upstream: SocketAddr = "10.0.0.5:9999".parse().unwrap();',
      '    hyper::Server::bind(&addr).serve(service);',
      '}',
    ].join('\n');
    expect(claimsOf(rust(source).bindings)).toEqual([{ service: 'svc', port: 9999, protocol: 'tcp', hostIp: null, line: 2, column: 37, setting: 'addr' }]);
  });

  it("reads warp's `.run(([0, 0, 0, 0], 3030))` and actix's `.bind((\"127.0.0.1\", 8080))`", () => {
    const source = [
      'async fn main() {',
      '    warp::serve(routes).run(([0, 0, 0, 0], 3030)).await;',
      '    HttpServer::new(|| App::new()).bind(("127.0.0.1", 8080))?.run().await',
      '}',
    ].join('\n');
    expect(claimsOf(rust(source).bindings)).toEqual([
      { service: 'svc', port: 3030, protocol: 'tcp', hostIp: null, line: 2, column: 44 },
      { service: 'svc', port: 8080, protocol: 'tcp', hostIp: '127.0.0.1', line: 3, column: 55 },
    ]);
  });

  it('reads an address chosen by `if`, once, at the first branch', () => {
    const source = 'fn main() {\n    let l = TcpListener::bind(if acme_ipv6 { "[::]:443" } else { "0.0.0.0:443" });\n}\n';
    expect(claimsOf(rust(source).bindings)).toEqual([{ service: 'svc', port: 443, protocol: 'tcp', hostIp: null, line: 2, column: 52 }]);
  });

  it('reads `UdpSocket::bind` as udp, and follows a `const` to its literal', () => {
    const source = 'const DNS_PORT: u16 = 5353;\n\nfn main() {\n    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, DNS_PORT)).unwrap();\n}\n';
    expect(claimsOf(rust(source).bindings)).toEqual([{ service: 'svc', port: 5353, protocol: 'udp', hostIp: null, line: 1, column: 23, setting: 'DNS_PORT' }]);
  });

  it('reads `env::var("PORT")...unwrap_or(8080)` as a default of the variable', () => {
    const source = [
      'fn main() {',
      '    let port: u16 = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080);',
      '    let listener = TcpListener::bind(("0.0.0.0", port)).unwrap();',
      '}',
    ].join('\n');
    expect(claimsOf(rust(source).bindings)).toEqual([{ service: 'svc', port: 8080, protocol: 'tcp', hostIp: null, line: 2, column: 87, isDefault: true, setting: 'PORT', variable: 'PORT' }]);
  });

  it('reads clap defaults on listener-named fields as default claims', () => {
    const source = [
      '#[derive(Parser)]',
      'struct Args {',
      '    /// Where to listen',
      '    #[arg(long, env = "LISTEN_ADDR", default_value = "0.0.0.0:9990")]',
      '    listen: SocketAddr,',
      '    #[clap(long, default_value = "[::]:8765")]',
      '    metrics: SocketAddr,',
      '    #[arg(long, default_value_t = 8080)]',
      '    port: u16,',
      '    #[arg(long, default_value_t = DEFAULT_ADMIN_PORT)]',
      '    admin_port: u16,',
      '    #[arg(long, default_value_t = 8)]',
      '    workers: usize,',
      '    #[arg(long, default_value = "127.0.0.1:8081")]',
      '    cdn_endpoint: String,',
      '}',
      'const DEFAULT_ADMIN_PORT: u16 = 9000;',
    ].join('\n');
    expect(claimsOf(rust(source).bindings)).toEqual([
      { service: 'svc', port: 9990, protocol: 'tcp', hostIp: null, line: 4, column: 63, isDefault: true, setting: 'listen', variable: 'LISTEN_ADDR' },
      { service: 'svc', port: 8765, protocol: 'tcp', hostIp: null, line: 6, column: 40, isDefault: true, setting: 'metrics' },
      { service: 'svc', port: 8080, protocol: 'tcp', hostIp: null, line: 8, column: 35, isDefault: true, setting: 'port' },
      { service: 'svc', port: 9000, protocol: 'tcp', hostIp: null, line: 17, column: 33, isDefault: true, setting: 'admin_port' },
    ]);
  });
});

describe('Rust code that claims nothing', () => {
  it('ignores log messages, URLs, comments and client connections', () => {
    const source = [
      'fn main() {',
      '    // TcpListener::bind("0.0.0.0:1111")',
      '    /* let port = 2222; server.bind(("0.0.0.0", port)) */',
      '    info!("metrics listening at http://0.0.0.0:8765");',
      '    println!("listening on 0.0.0.0:3333");',
      '    let url = "http://0.0.0.0:4444/metrics";',
      '    let stream = TcpStream::connect("127.0.0.1:5555").unwrap();',
      '    let client = reqwest::get("http://localhost:6666").await?;',
      '    let db = TcpStream::connect(("db.internal", 5432));',
      '}',
    ].join('\n');
    expect(rust(source)).toEqual({ bindings: [], diagnostics: [] });
  });

  it('skips `#[cfg(test)]` modules, `#[test]` and `#[tokio::test]` functions, and `#![cfg(test)]` files', () => {
    const source = [
      'fn main() {',
      '    let listener = TcpListener::bind("0.0.0.0:7000").unwrap();',
      '}',
      '',
      '#[cfg(test)]',
      'mod tests {',
      '    #[test]',
      '    fn binds() { TcpListener::bind("0.0.0.0:7001").unwrap(); }',
      '}',
      '',
      '#[tokio::test]',
      'async fn serves() { TcpListener::bind("0.0.0.0:7002").await.unwrap(); }',
      '',
      '#[cfg(not(test))]',
      'fn production() { TcpListener::bind("0.0.0.0:7003").unwrap(); }',
    ].join('\n');
    expect(rust(source).bindings.map((binding) => binding.port)).toEqual([7000, 7003]);
    expect(rust('#![cfg(test)]\nfn helper() { TcpListener::bind("0.0.0.0:7004").unwrap(); }\n').bindings).toEqual([]);
  });

  it('skips the files of Cargo `[[example]]`, `[[bench]]` and `[[test]]` targets', () => {
    const files = {
      'svc/Cargo.toml': cargo('svc', '\n[[example]]\nname = "demo"\npath = "demo/server.rs"\n\n[[bench]]\nname = "load"\npath = "./perf/load.rs"\n'),
      'svc/demo/server.rs': 'fn main() { TcpListener::bind("0.0.0.0:7100").unwrap(); }\n',
      'svc/perf/load.rs': 'fn main() { TcpListener::bind("0.0.0.0:7101").unwrap(); }\n',
      'svc/src/main.rs': 'fn main() { TcpListener::bind("0.0.0.0:7102").unwrap(); }\n',
    };
    expect(extractFrom(files, 'svc/demo/server.rs').bindings).toEqual([]);
    expect(extractFrom(files, 'svc/perf/load.rs').bindings).toEqual([]);
    expect(extractFrom(files, 'svc/src/main.rs').bindings.map((binding) => binding.port)).toEqual([7102]);
  });
});
