// Random source files: the listener idioms each language reader knows, with random ports,
// addresses and names in their holes, among noise lines, comments and unbalanced brackets.
// Not valid programs most of the time, which is the point: the readers must cope.
import fc from 'fast-check';
import { anyText, name, portText } from './vocabulary.js';

type Idiom = (port: string, word: string) => string;

const port = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 70000 }).map(String) }, { weight: 2, arbitrary: portText });

const RUST: Idiom[] = [
  (p) => `let port = ${p};`,
  (p) => `let port: u16 = ${p};`,
  () => '.with_http_listener((host, port))',
  (p) => `TcpListener::bind("0.0.0.0:${p}").unwrap();`,
  (p) => `TcpListener::bind(("127.0.0.1", ${p}))?;`,
  (p) => `let addr = SocketAddr::from(([0, 0, 0, 0], ${p}));`,
  (p) => `warp::serve(routes).run(([127, 0, 0, 1], ${p})).await;`,
  (p) => `#[arg(long, default_value = "${p}")]`,
  (p) => `#[arg(long, default_value_t = ${p})]`,
  (p, w) => `const ${w.toUpperCase()}_PORT: u16 = ${p};`,
  (p) => `UdpSocket::bind("[::]:${p}")`,
  (p) => `"0.0.0.0:${p}".parse::<SocketAddr>()`,
  (p) => `let s = "\\x30.0.0.0:${p}"; let r = r#"0.0.0.0:${p}"#;`,
  () => 'fn main() {',
  () => '#[cfg(test)]\nmod tests {',
  () => '}',
];

const GO: Idiom[] = [
  () => 'package main',
  () => 'func main() {',
  (p) => `http.ListenAndServe(":${p}", nil)`,
  (p) => `net.Listen("tcp", "0.0.0.0:${p}")`,
  (p) => `net.ListenPacket("udp", ":${p}")`,
  (p) => `r.Run(":${p}")`,
  (p) => `e.Start(":${p}")`,
  (p) => `srv := &http.Server{Addr: ":${p}"}`,
  (p, w) => `port := flag.Int("${w}", ${p}, "port")`,
  (p) => `flag.StringVar(&addr, "listen", ":${p}", "")`,
  (p) => `addr := \`:${p}\``,
  () => '}',
];

const JAVASCRIPT: Idiom[] = [
  (p) => `app.listen(${p});`,
  (p) => `app.listen(${p}, '0.0.0.0', () => {});`,
  (p) => `server.listen({ port: ${p}, host: '::' });`,
  (p) => `const port = ${p};`,
  (p) => `const port = Number(process.env.PORT ?? ${p});`,
  () => 'app.listen(port);',
  (p) => `Bun.serve({ port: ${p}, fetch });`,
  (p) => `Deno.serve({ port: ${p} }, handler);`,
  (p) => `new WebSocketServer({ port: ${p} });`,
  (p) => `dgram.createSocket('udp4').bind(${p});`,
  (p) => `app.listen(\`${p}\`);`,
  (p) => `app.listen(${p} as number);`,
  (p, w) => `const App = () => <div>${w}{${p}}</div>;`,
  () => 'function main() {',
  () => '}',
];

const PYTHON: Idiom[] = [
  (p) => `app.run(port=${p})`,
  (p) => `app.run(host="0.0.0.0", port=${p})`,
  (p) => `uvicorn.run(app, host="0.0.0.0", port=${p})`,
  (p) => `PORT = ${p}`,
  (p) => `HOST, PORT = "0.0.0.0", ${p}`,
  (p) => `server = HTTPServer(("", ${p}), Handler)`,
  (p) => `sock.bind(("0.0.0.0", ${p}))`,
  (p) => `parser.add_argument("--port", type=int, default=${p})`,
  (p) => `@click.option("--port", default=${p})`,
  (p) => `web.run_app(app, port=${p})`,
  (p) => `port = int(os.environ.get("PORT", ${p}))`,
  () => 'if __name__ == "__main__":',
  () => 'def main():',
];

const NIX_MODULE: Idiom[] = [
  () => '{ config, lib, pkgs, ... }:',
  (p, w) => `services.${w}.port = ${p};`,
  (p) => `port = mkOption { type = types.port; default = ${p}; };`,
  (p) => `networking.firewall.allowedTCPPorts = [ ${p} ];`,
  (p) => `ExecStart = "\${pkgs.app}/bin/app --port ${p}";`,
  (p) => `listenAddress = "0.0.0.0:${p}";`,
  (p, w) => `settings.processes.${w}.command = "redis-server --port ${p}";`,
  (p) => `environment.PORT = "${p}";`,
  (p) => `''\n  multi ${p} line\n''`,
  (p) => `let port = ${p}; in`,
  () => 'with lib;',
  () => '{',
  () => '};',
  () => '}',
  () => 'rec {',
  () => 'inherit port;',
  () => '"${toString cfg.port}"',
  (p) => `firewall.inbound = [ { port = ${p}; proto = "tcp"; host = "any"; } ];`,
  (p, w) => `settings.outputs.${w}.port = ${p};`,
  (p) => `nodes = [ { server = "nue0.example.org"; port = ${p}; } ];`,
  (p, w) => `options.myorg.ports = mkOption { type = with types; attrsOf port; default = { ${w} = ${p}; }; };`,
  (p, w) => `myorg.ports.${w} = ${p};`,
  (p, w) => `config.ports = { ${w} = { from = ${p}; to = ${p}; }; };`,
];

const NIX_REGISTRY: Idiom[] = [
  () => '{ lib, ... }:',
  () => '{',
  () => '}',
  () => '};',
  (_, w) => `${w} = {`,
  (p, w) => `${w} = ${p};`,
  (p, w) => `"${w}" = ${p};`,
  (p, w) => `${w} = { port = ${p}; protocol = "udp"; };`,
  (p, w) => `${w} = { http = ${p}; metrics = ${p}; };`,
  () => 'let base = 3000; in',
  () => 'rec {',
  (p, w) => `${w} = base + ${p};`,
  (p, w) => `${w} = { from = ${p}; to = ${p}; };`,
  (p, w) => `${w}-min = ${p}; ${w}-max = ${p};`,
  (p) => `minPort = ${p}; basePort = ${p};`,
  () => 'portFor = name: basePort + 1;',
  () => 'myorg.ports = {',
  () => 'ports = {',
  () => 'inherit ports;',
  () => 'let ports = {',
  () => '{ base ? 3000 }:',
];

const identifier = fc.oneof(fc.stringMatching(/^[a-z][\w-]{0,8}$/), name);

function document(idioms: readonly Idiom[], comment: string): fc.Arbitrary<string> {
  const line = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...idioms), port, identifier).map(([idiom, p, w]) => idiom(p, w)) },
    { weight: 1, arbitrary: anyText.map((text) => `${comment} ${text}`) },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: fc.constantFrom('(', ')', '{', '}', '[', ']', '"', "'", '`', '/*', '*/', '\\', '') },
  );
  return fc
    .array(fc.tuple(fc.constantFrom('', '  ', '    ', '\t'), line), { maxLength: 16 })
    .map((lines) => `${lines.map(([indent, text]) => indent + text).join('\n')}\n`);
}

export const rustDocument = document(RUST, '//');
export const goDocument = document(GO, '//');
export const javascriptDocument = document(JAVASCRIPT, '//');
export const pythonDocument = document(PYTHON, '#');
export const nixModuleDocument = document(NIX_MODULE, '#');
export const nixRegistryDocument = document(NIX_REGISTRY, '#');

/** The manifest that names a source file's package, beside it: its `name` is random too. */
export const manifests: fc.Arbitrary<Record<string, string>> = fc.tuple(name, fc.boolean()).map(([packageName, broken]) => {
  const quoted = JSON.stringify(packageName);
  const cut = (text: string) => (broken ? text.slice(0, text.length >> 1) : text);
  return {
    'Cargo.toml': cut(`[package]\nname = ${quoted}\n`),
    'package.json': cut(`{ "name": ${quoted} }\n`),
    'go.mod': cut(`module github.com/acme/${packageName}/v2\n`),
    'pyproject.toml': cut(`[project]\nname = ${quoted}\n`),
  };
});
