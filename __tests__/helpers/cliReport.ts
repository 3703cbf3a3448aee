// The CLI's JSON report as the tests read it, whether the CLI ran in the test's process or as
// the bundle in a process of its own.

export interface CliLocation {
  service: string;
  file: string;
  line: number;
  column: number;
}

export interface CliConflict {
  id: string;
  rule: string;
  severity: string;
  status: string;
  scope: string;
  port: number;
  endPort: number;
  services: string[];
  locations: CliLocation[];
  suggestions: Array<CliLocation & { from: number; to: number; toEnd: number; sharedWith?: string[] }>;
  message: string;
}

export interface CliReport {
  status: number | null;
  stderr: string;
  json: {
    bindings: Array<{ service: string; port: number; scope: string; kind: string; format: string; file: string; line: number; column: number }>;
    conflicts: CliConflict[];
    diagnostics: Array<{ file: string; line?: number; severity: string; message: string }>;
  };
}

/** What `--format json` printed, parsed; a run that printed none fails with what it said instead. */
export function parseCliReport(status: number | null, stdout: string, stderr: string): CliReport {
  let json: CliReport['json'];
  try {
    json = JSON.parse(stdout) as CliReport['json'];
  } catch {
    throw new Error(`portcullis printed no JSON (exit ${status}): ${stderr}`);
  }
  return { status, stderr, json };
}
