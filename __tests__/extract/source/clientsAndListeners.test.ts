// DESIGN "What counts as a binding": a program that takes a `--port` and listens on it claims
// the port; a script that only connects with it, or a setting that names where another
// program listens, does not. Each idiom both ways, in every language that has it.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { extractFrom, prepareSourceExtractors } from './helpers.js';

beforeAll(prepareSourceExtractors);

function ports(files: Record<string, string>, path: string): number[] {
  const result = extractFrom(files, path);
  expect(result.diagnostics).toEqual([]);
  return result.bindings.map((binding) => binding.port);
}

const python = (source: string) => ports({ 'tool/pyproject.toml': '[project]\nname = "tool"\n', 'tool/main.py': source }, 'tool/main.py');
const go = (source: string) => ports({ 'tool/go.mod': 'module example.com/tool\n', 'tool/main.go': `package main\n\n${source}` }, 'tool/main.go');
const rust = (source: string) => ports({ 'tool/Cargo.toml': '[package]\nname = "tool"\nversion = "0.1.0"\n', 'tool/src/main.rs': source }, 'tool/src/main.rs');
const js = (source: string) => ports({ 'tool/package.json': '{ "name": "tool" }', 'tool/index.ts': source }, 'tool/index.ts');

const argparse = (flag: string, port: string, use: string) => `import argparse\np = argparse.ArgumentParser()\np.add_argument("${flag}", type=int, default=${port})\nargs = p.parse_args()\n${use}\n`;

describe('Python: a --port option', () => {
  it('is a claim when the server passes it to a listener', () => {
    expect(python(argparse('--port', '8766', 'uvicorn.run(app, host="0.0.0.0", port=args.port)'))).toEqual([8766]);
    expect(python(argparse('--listen-port', '8767', 'port = args.listen_port\napp.run(port=port)'))).toEqual([8767]);
  });

  it('is no claim when the script only connects with it (a URL it requests, a socket it dials)', () => {
    expect(python(argparse('--port', '8765', 'requests.get(f"http://localhost:{args.port}/health")'))).toEqual([]);
    expect(python(argparse('--port', '8765', 'base = "http://127.0.0.1:{}".format(args.port)\nrequests.get(base)'))).toEqual([]);
    expect(python(argparse('--port', '8765', 'port = args.port\nurl = f"http://127.0.0.1:{port}/"\nsock = socket.create_connection(("127.0.0.1", port))'))).toEqual([]);
  });

  it('stays a claim when the value goes where this file does not show, even beside a URL', () => {
    expect(python(argparse('--port', '8768', 'print(f"docs at http://localhost:{args.port}/docs")\nserve(app, args.port)'))).toEqual([8768]);
    expect(python(argparse('--port', '8769', 'main(args)'))).toEqual([8769]);
  });

  it('counts a default address as a listener only when its option says so or the address is a wildcard', () => {
    expect(python('p.add_argument("--web", default="0.0.0.0:8080")\n')).toEqual([8080]);
    expect(python('p.add_argument("--cdn-endpoint", default="127.0.0.1:8081")\np.add_argument("--upstream", default="10.0.0.2:8082")\n')).toEqual([]);
    expect(python('p.add_argument("--bind", default="127.0.0.1:8083")\n')).toEqual([8083]);
  });

  it('reads no claim from a port that only builds a URL or a client call', () => {
    expect(python('PORT = 8000\nrequests.get(f"http://localhost:{PORT}/")\nhttpx.post("http://127.0.0.1:8001/x")\nredis.Redis(port=6379)\n')).toEqual([]);
    expect(python('PORT = 8000\nuvicorn.run(app, port=PORT)\n')).toEqual([8000]);
  });
});

describe('Go: a port flag', () => {
  it('is a claim when the server listens with it', () => {
    expect(go('func main() {\n\tport := flag.Int("port", 8080, "")\n\tflag.Parse()\n\thttp.ListenAndServe(fmt.Sprintf(":%d", *port), nil)\n}\n')).toEqual([8080]);
    expect(go('var cfg Config\n\nfunc main() {\n\tflag.IntVar(&cfg.Port, "port", 8084, "")\n\tflag.Parse()\n\tserve(cfg)\n}\n')).toEqual([8084]);
  });

  it('is no claim when the program only dials it', () => {
    expect(go('func main() {\n\tport := flag.Int("port", 8081, "")\n\tflag.Parse()\n\tresp, err := http.Get(fmt.Sprintf("http://localhost:%d/health", *port))\n}\n')).toEqual([]);
    expect(go('func main() {\n\tvar port int\n\tflag.IntVar(&port, "port", 8082, "")\n\tconn, err := net.Dial("tcp", net.JoinHostPort("localhost", strconv.Itoa(port)))\n}\n')).toEqual([]);
    expect(go('func main() {\n\tport := flag.Int("port", 8083, "")\n\turl := "http://localhost:" + strconv.Itoa(*port)\n\tfmt.Println(url)\n}\n')).toEqual([]);
  });

  it('counts a default address as a listener only when its flag says so or the address is a wildcard', () => {
    expect(go('func main() {\n\tweb := flag.String("web", "0.0.0.0:9090", "")\n\tserve(*web)\n}\n')).toEqual([9090]);
    expect(go('func main() {\n\tcdn := flag.String("cdn_endpoint", "127.0.0.1:8081", "")\n\tuse(*cdn)\n}\n')).toEqual([]);
  });

  it('reads no claim from a client call or a URL', () => {
    expect(go('func main() {\n\thttp.Get("http://localhost:8080/")\n\tnet.Dial("tcp", "127.0.0.1:6379")\n\tgrpc.Dial("localhost:50051")\n}\n')).toEqual([]);
  });
});

describe('Rust: a clap port field', () => {
  const cli = (port: string, field: string, main: string) =>
    `#[derive(Parser)]\nstruct Args {\n    #[arg(long, default_value_t = ${port})]\n    ${field}: u16,\n}\n\nfn main() {\n    let args = Args::parse();\n${main}\n}\n`;

  it('is a claim when the server binds it', () => {
    expect(rust(cli('8080', 'port', '    let listener = TcpListener::bind(("0.0.0.0", args.port)).unwrap();'))).toEqual([8080]);
    expect(rust(cli('8085', 'port', '    run(args);'))).toEqual([8085]);
  });

  it('is no claim when the program only requests or dials it', () => {
    expect(rust(cli('8081', 'port', '    let body = reqwest::blocking::get(format!("http://localhost:{}/health", args.port)).unwrap();'))).toEqual([]);
    expect(rust(cli('8082', 'port', '    let port = args.port;\n    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();'))).toEqual([]);
  });

  it('counts a default address as a listener only when its field says so or the address is a wildcard', () => {
    const field = (name: string, value: string) => `struct Args {\n    #[arg(long, default_value = "${value}")]\n    ${name}: String,\n}\n`;
    expect(rust(field('cdn_endpoint', '127.0.0.1:8081'))).toEqual([]);
    expect(rust(field('upstream', '0.0.0.0:8086'))).toEqual([8086]);
    expect(rust(field('listen_addr', '127.0.0.1:8087'))).toEqual([8087]);
  });

  it('reads no claim from a port that only builds a URL', () => {
    expect(rust('fn main() {\n    let port = 8080;\n    let url = format!("http://localhost:{port}/");\n    let stream = TcpStream::connect("127.0.0.1:9000");\n}\n')).toEqual([]);
  });
});

describe('TypeScript: clients and listeners', () => {
  it('reads no claim from `http.request({ port })`, `fetch` or a port that builds a URL', () => {
    expect(js("const port = 3000;\nhttp.request({ host: 'localhost', port, path: '/' });\nawait fetch(`http://localhost:${port}/api`);\nnew WebSocket('ws://localhost:3001');\n")).toEqual([]);
  });

  it('reads the listener with the same port', () => {
    expect(js('const port = 3000;\napp.listen(port);\n')).toEqual([3000]);
  });
});
