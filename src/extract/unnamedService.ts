// A name with no letter or digit (`_`, `-`, ` `) normalizes to nothing: it names no service,
// and two such names would pass for one service that cannot collide with itself. Its ports
// are not claims of anyone; the extractors say so instead of reporting a nameless service.

/** The diagnostic message for a service named `name` (as written) that normalizes to ''. */
export function unnamedServiceMessage(what: string, name: string): string {
  return `${what} ${JSON.stringify(name)} has no letter or digit, so it names no service: its ports are not checked`;
}
