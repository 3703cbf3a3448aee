import { MAX_PORT, MIN_PORT } from '../../model/ports.js';
import type { WorkloadFacts } from '../../model/facts.js';
import type { Binding, Diagnostic, Protocol, Severity, SourceLocation } from '../../model/types.js';
import { isScalar, type YamlFile } from '../yaml.js';
import { isTemplatePlaceholder } from './templating.js';

export const KUBERNETES_FORMAT = 'kubernetes';

export interface PortValue {
  port: number;
  location: SourceLocation;
}

/** Collects one manifest file's bindings and diagnostics, reading fields with the API server's rules. */
export class ManifestReader {
  readonly bindings: Binding[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Each workload's containers and the images they run: the topology puts code built into those images in them. */
  readonly workloads: WorkloadFacts[] = [];
  /** Where the first template placeholder stood in a port field, if one did. */
  templateAt: SourceLocation | undefined;

  constructor(readonly file: YamlFile) {}

  /**
   * A field's text. Helm's `name: {{ include "app.fullname" . }}` is valid YAML, a flow
   * mapping in a flow mapping: it marks the file as a template rather than a manifest without a name.
   */
  text(map: unknown, key: string): string | undefined {
    const node = this.file.get(map, key);
    const text = this.file.scalarText(node);
    if (text === undefined && node !== undefined && node !== null && this.sourceOf(node).startsWith('{{')) this.templateAt ??= this.file.locate(node);
    return text;
  }

  isTrue(map: unknown, key: string): boolean {
    const node = this.file.resolve(this.file.get(map, key));
    return isScalar(node) && node.value === true;
  }

  /**
   * An int32 port field (`containerPort`, `hostPort`, `port`, `nodePort`): 1-65535. `0` means
   * "not set" for the optional ones, as in the API. A string is rejected as the API server
   * would, unless it is a template placeholder: then the whole file is a template.
   */
  port(map: unknown, key: string, presence: 'required' | 'optional'): PortValue | undefined {
    const node = this.file.resolve(this.file.get(map, key));
    if (node === undefined || node === null) {
      if (presence === 'required') this.problem(map, `${key} is required`);
      return undefined;
    }
    const location = this.file.locate(node);
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      if (isTemplatePlaceholder(this.sourceOf(node))) this.templateAt ??= location;
      else this.problem(node, `${key} must be an integer, not ${JSON.stringify(this.sourceOf(node))}`);
      return undefined;
    }
    if (value === 0 && presence === 'optional') return undefined;
    if (value < MIN_PORT || value > MAX_PORT) {
      this.problem(node, `${key} ${value} must be between ${MIN_PORT} and ${MAX_PORT}, inclusive`);
      return undefined;
    }
    return { port: value, location };
  }

  /** `protocol`: TCP (the default) or UDP; SCTP is valid but no protocol we model. */
  protocol(map: unknown): Protocol | undefined {
    const node = this.file.get(map, 'protocol');
    const name = this.file.scalarText(node);
    if (name === undefined || name === 'TCP') return 'tcp';
    if (name === 'UDP') return 'udp';
    if (name === 'SCTP') this.problem(node, 'SCTP ports are not checked (only TCP and UDP are)', 'warning');
    else this.problem(node, `protocol "${name}" is not one of "TCP", "UDP", "SCTP"`);
    return undefined;
  }

  problem(node: unknown, message: string, severity: Severity = 'error'): void {
    this.diagnostics.push({ ...this.file.locate(node), severity, message });
  }

  private sourceOf(node: unknown): string {
    const range = (node as { range?: [number, number] } | null)?.range;
    return range ? this.file.text.slice(range[0], range[1]) : '';
  }
}
