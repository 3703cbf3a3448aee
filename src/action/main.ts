// Placeholder entry until the Action adapter lands (issue 4): runs the same check as the
// CLI on the workspace and fails on new errors.
import { runCli } from '../cli/run.js';

process.exitCode = await runCli(['check', process.env['GITHUB_WORKSPACE'] ?? '.'], {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
