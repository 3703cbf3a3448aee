// Terminal conventions: when to color, and errors that stay on one line.

/** Colors on a terminal only, and never when NO_COLOR is set to anything (no-color.org) or the terminal is dumb. */
export function wantsColor(env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  const noColor = env['NO_COLOR'];
  return isTerminal && (noColor === undefined || noColor === '') && env['TERM'] !== 'dumb';
}

/** Errors go on one line: a message that spans several would read as several errors. */
export function oneLine(message: string): string {
  return message
    .split(/[\r\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}
