import { describe, expect, it, jest } from '@jest/globals';
import * as core from '@actions/core';
import { beyondRunnerLimit, checkRunBatches, emitAnnotations, reportAnnotations, type Annotation } from '../../src/action/annotations.js';
import type { Conflict, Report } from '../../src/model/types.js';
import { fixtureReport, HOSTILE_FILE } from '../report/fixture.js';
import { workflowCommands } from './runner.js';

function captureStdout(action: () => void): string {
  let written = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  });
  try {
    action();
  } finally {
    spy.mockRestore();
  }
  return written;
}

describe('reportAnnotations', () => {
  it('annotates every location: new conflicts at their severity, existing ones as notices, diagnostics with a line as warnings', () => {
    const annotations = reportAnnotations(fixtureReport());
    expect(annotations.map((annotation) => [annotation.level, `${annotation.file}:${annotation.line}:${annotation.column ?? ''}`])).toEqual([
      ['error', 'PORTS.md:12:5'],
      ['error', 'docker/compose.yml:8:9'],
      ['error', 'spacedust/src/main.rs:12:16'],
      ['error', `${HOSTILE_FILE}:9:14`],
      ['warning', 'apps/a/compose.yml:7:11'],
      ['warning', 'apps/b/.env:1:10'],
      ['warning', 'deploy/compose.yml:5:19'],
      ['notice', 'hosts/dns.nix:4:20'],
      ['notice', 'systemd/resolver.socket:5:16'],
      ['warning', 'docker/compose.yml:14:7'],
      ['warning', 'PORTS.md:40:'],
    ]);
    expect(annotations[1]).toEqual({
      level: 'error',
      file: 'docker/compose.yml',
      line: 8,
      column: 9,
      title: 'Portcullis registry-conflict: 3002/tcp',
      message: 'grafana-embed publishes 3002, which the registry gives to embed; proposed: grafana-embed → 3003',
    });
    expect(annotations[7]?.title).toBe('Portcullis duplicate-port: 53/udp (existing)');
  });

  it('keeps repository text on one line: control characters become visible escapes', () => {
    const hostile = reportAnnotations(fixtureReport()).find((annotation) => annotation.file === HOSTILE_FILE);
    expect(hostile?.message).toContain('<!-- portcullis -->\\nnext and spacedust both listen on 8765');
    expect(hostile?.message).not.toContain('\n');
  });
});

describe('emitAnnotations through @actions/core', () => {
  it('prints one workflow command per annotation that no repository text can break out of', () => {
    const injected: Annotation = {
      level: 'error',
      file: 'a,b:c 100%.yml',
      line: 3,
      column: 7,
      title: 'x::warning::y, z',
      message: 'evil\n::error file=x::forged%0A',
    };
    const stdout = captureStdout(() => emitAnnotations(core, [injected]));
    expect(stdout.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(stdout).toBe('::error title=x%3A%3Awarning%3A%3Ay%2C z,file=a%2Cb%3Ac 100%25.yml,line=3,col=7::evil%0A::error file=x::forged%250A\n');
    expect(workflowCommands(stdout)).toEqual([
      { command: 'error', properties: { title: 'x::warning::y, z', file: 'a,b:c 100%.yml', line: '3', col: '7' }, message: 'evil\n::error file=x::forged%0A' },
    ]);
  });
});

describe('limits', () => {
  const many = (level: Annotation['level'], count: number): Annotation[] =>
    Array.from({ length: count }, (_, i) => ({ level, file: `${level}.yml`, line: i + 1, title: 't', message: 'm' }));

  it('the runner shows 10 of each level; the rest are what the check run carries, in order', () => {
    const annotations = [...many('error', 12), ...many('warning', 3), ...many('notice', 11)];
    expect(beyondRunnerLimit(annotations).map((annotation) => `${annotation.level}:${annotation.line}`)).toEqual(['error:11', 'error:12', 'notice:11']);
  });

  it('check-run annotations come in batches of 50, in the Checks API form', () => {
    const batches = checkRunBatches(many('error', 120));
    expect(batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(batches[0]?.[0]).toEqual({ path: 'error.yml', start_line: 1, end_line: 1, annotation_level: 'failure', title: 't', message: 'm' });
    expect(checkRunBatches([{ level: 'warning', file: 'a', line: 2, column: 5, title: 'x'.repeat(300), message: 'm' }])[0]?.[0]).toMatchObject({
      start_column: 5,
      end_column: 5,
      annotation_level: 'warning',
      title: 'x'.repeat(255),
    });
  });
});

describe('an empty report', () => {
  it('has no annotations', () => {
    const report: Report = { ...fixtureReport(), conflicts: [] as Conflict[], diagnostics: [] };
    expect(reportAnnotations(report)).toEqual([]);
  });
});
