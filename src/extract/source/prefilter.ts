// Most source files hold no listener. A scan of the text for the words that every idiom a
// language reader knows must contain decides whether the file is parsed at all: it costs
// microseconds, a parse milliseconds. Each pattern is one alternation of literals (linear).
import type { SourceLanguage } from './languages.js';

const LISTENER_WORDS: Record<SourceLanguage['format'], RegExp> = {
  // bind, with_http_listener, serve, warp's run(..), tiny_http's Server::http(..), a wildcard
  // address to parse, clap's default_value.
  rust: /bind|listen|serve|run\(|http\(|0\.0\.0\.0:|\[::\]:|default_value/,
  // ListenAndServe, net.Listen*, gin's Run(..), echo's Start(..), http.Server{..}, flag and pflag definitions.
  go: /Listen|Run\(|Start|Server\{|flag\.|Flag/,
  // listen(..), Bun/Deno/hono serve(..), new WebSocketServer(..), dgram sockets, process.env.PORT.
  typescript: /listen|serve\(|Server\(|dgram|createSocket|PORT/,
  javascript: /listen|serve\(|Server\(|dgram|createSocket|PORT/,
  // run(..), run_app, serve/start_server/make_server, bind, listen, HTTPServer, TCPSite, argparse and click options, PORT.
  python: /run|serve|bind|listen|Server|TCPSite|add_argument|option\(|PORT/,
};

export function mayHoldListener(format: SourceLanguage['format'], text: string): boolean {
  return LISTENER_WORDS[format].test(text);
}
