import type { Diagnostic } from '../../model/types.js';
import type { InterpolatedScalar } from '../interpolatedScalar.js';
import type { YamlFile } from '../yaml.js';

/**
 * Diagnostics for what interpolation could not resolve, at each reference: a malformed
 * `${...}` is an error (Compose refuses the file); an unset or unmet required variable is a
 * warning, since the shell that runs Compose may set it.
 */
export function interpolationDiagnostics(yaml: YamlFile, scalar: InterpolatedScalar, subject: string): Diagnostic[] {
  return scalar.interpolation.problems.map((problem) => {
    const at = yaml.locateInScalar(scalar.node, problem.offset, scalar.raw.slice(problem.offset, problem.offset + 2));
    const reason = problem.kind === 'unset' ? `${problem.message} (no .env value, no default)` : problem.message;
    return {
      file: at.file,
      line: at.line,
      column: at.column,
      severity: problem.kind === 'invalid' ? 'error' : 'warning',
      message: `${subject}: ${reason}; skipped`,
    };
  });
}
