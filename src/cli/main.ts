import { runCli } from './run.js';
import { oneLine, wantsColor } from './terminal.js';

// Whatever escapes the command still ends in one line, never a stack trace.
const fail = (error: unknown): void => {
  process.stderr.write(`portcullis: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(2);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// A reader that stops early (`portcullis ports | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fail(error);
});

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: wantsColor(process.env, process.stdout.isTTY === true),
});

