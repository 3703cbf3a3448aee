// Servers whose port is a positional argument, and commands that carry another command line
// in a string (`sh -c '...'`, `pg_ctl -o '-p 5433'`).
import { normalizeHost, parseListenAddress } from './addresses.js';
import { type FlagScan, hitInValue, type ListenerHit, nestedHits, NOTHING, portLiteral, type SpecialForm } from './hits.js';
import { assignmentName } from './invocation.js';
import { scanListenerFlags } from './listenerFlags.js';
import { parseArguments } from './options.js';
import { splitShellCommands, type ShellWord } from './shellWords.js';

/** `python -m http.server 8000 --bind 127.0.0.1`. Without a port it listens on 8000, but there is no literal to point at. */
export const pythonHttpServer: SpecialForm = ({ args }) => {
  const parsed = parseArguments(args, {
    shortWithValue: 'bdp',
    longTakesValue: (name) => name === 'bind' || name === 'directory' || name === 'protocol',
  });
  const first = parsed.positionals[0];
  const literal = first && portLiteral(first.text);
  if (!first || !literal) return NOTHING;
  const bind = parsed.options.find((o) => o.name === 'b' || o.name === 'bind')?.value;
  const host = bind === undefined ? undefined : normalizeHost(bind.text);
  return { hits: [hitInValue({ word: first, index: 0, text: first.text }, literal, host, 'http.server')], host: undefined };
};

/** `python manage.py runserver [addr:]port` (and `django-admin runserver`). */
export const djangoRunserver: SpecialForm = ({ args }) => {
  const parsed = parseArguments(args, {
    shortWithValue: 'v',
    longTakesValue: (name) => name === 'settings' || name === 'pythonpath' || name === 'verbosity',
  });
  const at = parsed.positionals.findIndex((word) => word.text === 'runserver');
  const addressWord = at < 0 ? undefined : parsed.positionals[at + 1];
  if (!addressWord) return NOTHING;
  const address = parseListenAddress(addressWord.text);
  if (!address?.port) return NOTHING;
  const value = { word: addressWord, index: 0, text: addressWord.text };
  return { hits: [hitInValue(value, address.port, address.host, 'runserver')], host: undefined };
};

/** `export PORT=3000`: the variable that most servers read their port from. */
export const exportPort: SpecialForm = ({ args }) => ({ hits: portAssignmentHits(args), host: undefined });

/** `PORT=3000` among assignment words. */
export function portAssignmentHits(words: readonly ShellWord[]): ListenerHit[] {
  const hits: ListenerHit[] = [];
  for (const word of words) {
    if (assignmentName(word) !== 'PORT') continue;
    const index = 'PORT='.length;
    const literal = portLiteral(word.text.slice(index));
    if (literal) hits.push(hitInValue({ word, index, text: word.text.slice(index) }, literal, undefined, 'PORT'));
  }
  return hits;
}

/** `sh -c 'redis-server --port 6379'`: the string is a command line of its own. */
export const shellCommandString: SpecialForm = ({ args, analyzeText }) => {
  const parsed = parseArguments(args, { shortWithValue: 'o', longTakesValue: () => false, stopAtPositional: true });
  const script = parsed.positionals[0];
  if (!script || !parsed.options.some((o) => o.name === 'c')) return NOTHING;
  const value = { word: script, index: 0, text: script.text };
  return { hits: nestedHits(analyzeText(script.text), value), host: undefined };
};

/** `pg_ctl -o "-p 5433" start`: the options string is postgres's own arguments. */
export const pgCtlOptions: SpecialForm = ({ args }) => {
  const parsed = parseArguments(args, { shortWithValue: 'DlomtNPUep', longTakesValue: () => false });
  const scan: FlagScan = { hits: [], host: undefined };
  for (const option of parsed.options) {
    if (option.name !== 'o' || !option.value) continue;
    const value = option.value;
    for (const words of splitShellCommands(value.text)) {
      const inner = scanListenerFlags('postgres', words);
      scan.host = inner.host ?? scan.host;
      for (const hit of inner.hits) {
        scan.hits.push({ ...hit, offset: value.word.offsets[value.index + hit.offset] ?? value.word.start });
      }
    }
  }
  return scan;
};
