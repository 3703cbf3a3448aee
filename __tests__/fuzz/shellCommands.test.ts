// The shell-word splitter and the listener finder: random and generated command lines never
// break them, every word character maps back to where it is written, and every listener's
// literal stands at its offset.
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { findArgvListeners, findCommandListeners } from '../../src/extract/command/findCommandListeners.js';
import { splitShellCommands } from '../../src/extract/command/shellWords.js';
import type { CommandListener } from '../../src/extract/command/types.js';
import { corpusList } from './corpus.js';
import { assertNoViolations, MAX_INPUT_MS } from './fuzzConfig.js';
import { timed } from './invariants.js';
import { mutatedText } from './mutations.js';
import { commandLine } from './shellCommands.js';

const commands = corpusList('command', 'commands.json');
const anyCommand = fc.oneof(fc.string(), commandLine, mutatedText(commands, commands, 4));

function wordViolations(source: string): string[] {
  const run = timed(() => splitShellCommands(source));
  if ('error' in run) return [`threw: ${run.error}`];
  const violations = run.ms > MAX_INPUT_MS ? [`took ${Math.round(run.ms)} ms`] : [];
  for (const word of run.value.flat()) {
    if (word.offsets.length !== word.text.length) violations.push(`word ${JSON.stringify(word.text)} has ${word.offsets.length} offsets`);
    word.offsets.forEach((offset, i) => {
      const previous = word.offsets[i - 1] ?? word.start - 1;
      if (offset <= previous) violations.push(`word ${JSON.stringify(word.text)}: offsets do not increase at ${i}`);
      // Quote removal drops characters, it never moves one: each is where it is written.
      if (source.charAt(offset) !== word.text.charAt(i)) violations.push(`word ${JSON.stringify(word.text)}: character ${i} is not at offset ${offset}`);
    });
  }
  return violations;
}

function listenerViolations(text: string, listeners: readonly CommandListener[]): string[] {
  return listeners.flatMap((listener) => {
    const problems: string[] = [];
    if (!text.startsWith(listener.literal, listener.offset)) problems.push(`literal ${JSON.stringify(listener.literal)} is not at offset ${listener.offset}`);
    if (!(listener.port >= 1 && listener.port <= listener.endPort && listener.endPort <= 65535)) problems.push(`ports ${listener.port}-${listener.endPort}`);
    if (Number.parseInt(listener.literal, 10) !== listener.port) problems.push(`literal ${JSON.stringify(listener.literal)} does not start with port ${listener.port}`);
    return problems;
  });
}

describe('splitShellCommands', () => {
  it('never throws, and maps every word character back to where it is written', () => {
    assertNoViolations(anyCommand, wordViolations);
  });
});

describe('findCommandListeners', () => {
  it('never throws, and every listener literal stands at its offset', () => {
    assertNoViolations(anyCommand, (command) => {
      const run = timed(() => findCommandListeners(command));
      if ('error' in run) return [`threw: ${run.error}`];
      return [...(run.ms > MAX_INPUT_MS ? [`took ${Math.round(run.ms)} ms`] : []), ...listenerViolations(command, run.value)];
    });
  });

  it('finds in an argument vector what it finds in each argument, at its offset in that argument', () => {
    assertNoViolations(fc.array(fc.oneof(commandLine, fc.string()), { maxLength: 6 }), (argv) => {
      const run = timed(() => findArgvListeners(argv));
      if ('error' in run) return [`threw: ${run.error}`];
      return run.value.flatMap((listener) => {
        const arg = argv[listener.argIndex];
        return arg === undefined ? [`argIndex ${listener.argIndex} is no argument`] : listenerViolations(arg, [listener]);
      });
    });
  });
});
