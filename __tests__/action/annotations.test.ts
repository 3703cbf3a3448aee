import { describe, expect, it, jest } from '@jest/globals';
import * as core from '@actions/core';
import { type Annotation, annotationsLeftNotice, type ChangedPlaces, emitAnnotations, fitStepLimits, selectAnnotations } from '../../src/action/annotations.js';
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

const everywhere: ChangedPlaces = { addedLines: undefined, offHead: () => false };
const where = (annotations: readonly Annotation[]) => annotations.map((annotation) => [annotation.level, `${annotation.file}:${annotation.line}:${annotation.column ?? ''}`]);

describe('selectAnnotations: all', () => {
  it('annotates every location: new conflicts at their severity, existing ones as notices, diagnostics with a line as warnings', () => {
    const annotations = selectAnnotations(fixtureReport(), 'all', everywhere);
    expect(where(annotations)).toEqual([
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

  it('puts nothing where the head commit has no such line', () => {
    const offHead: ChangedPlaces = { addedLines: undefined, offHead: (file) => file === 'docker/compose.yml' };
    expect(where(selectAnnotations(fixtureReport(), 'all', offHead)).map(([, place]) => place)).not.toContain('docker/compose.yml:8:9');
  });

  it('keeps repository text on one line: control characters become visible escapes', () => {
    const hostile = selectAnnotations(fixtureReport(), 'all', everywhere).find((annotation) => annotation.file === HOSTILE_FILE);
    expect(hostile?.message).toContain('<!-- portcullis -->\\nnext and spacedust both listen on 8765');
    expect(hostile?.message).not.toContain('\n');
  });
});

describe('selectAnnotations: changed', () => {
  it('annotates only new conflicts, only at lines the pull request wrote: no incumbent’s line, no older collision, no diagnostic', () => {
    const addedLines = new Map([
      ['docker/compose.yml', new Set([8, 14])],
      ['apps/b/.env', new Set([1])],
      ['hosts/dns.nix', new Set([4])],
      ['PORTS.md', new Set([40])],
    ]);
    expect(where(selectAnnotations(fixtureReport(), 'changed', { addedLines, offHead: () => false }))).toEqual([
      ['error', 'docker/compose.yml:8:9'],
      ['warning', 'apps/b/.env:1:10'],
    ]);
  });

  it("without a diff (a push, or a pull request whose files GitHub would not list), at the newcomers' own claims", () => {
    expect(where(selectAnnotations(fixtureReport(), 'changed', everywhere))).toEqual([
      ['error', 'docker/compose.yml:8:9'],
      ['error', `${HOSTILE_FILE}:9:14`],
      ['warning', 'apps/b/.env:1:10'],
      ['warning', 'deploy/compose.yml:5:19'],
    ]);
  });

  it('none annotates nothing', () => {
    expect(selectAnnotations(fixtureReport(), 'none', everywhere)).toEqual([]);
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

describe('fitStepLimits', () => {
  const many = (level: Annotation['level'], count: number): Annotation[] =>
    Array.from({ length: count }, (_, i) => ({ level, file: `${level}.yml`, line: i + 1, title: 't', message: 'm' }));

  it("shows the first 10 of each level, in order, and counts the rest", () => {
    const { shown, left } = fitStepLimits([...many('error', 12), ...many('warning', 3), ...many('notice', 11)]);
    expect(shown.map((annotation) => `${annotation.level}:${annotation.line}`)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `error:${i + 1}`),
      'warning:1',
      'warning:2',
      'warning:3',
      ...Array.from({ length: 10 }, (_, i) => `notice:${i + 1}`),
    ]);
    expect(left).toEqual({ error: 2, warning: 0, notice: 1 });
  });

  it("leaves room for the step's own messages that follow: the failing verdict is an error annotation too", () => {
    const { shown, left } = fitStepLimits(many('error', 30), { error: 1, warning: 2 });
    expect(shown).toHaveLength(9);
    expect(left).toEqual({ error: 21, warning: 0, notice: 0 });
    expect(fitStepLimits(many('warning', 9), { warning: 12 }).shown).toEqual([]);
  });
});

describe('annotationsLeftNotice', () => {
  it('counts what did not fit, level by level, and says nothing when everything did', () => {
    expect(annotationsLeftNotice({ error: 21, warning: 1, notice: 0 })).toBe(
      "**21 errors, 1 warning not annotated**: a step shows at most 10 annotations of each level; this summary's tables have every conflict.",
    );
    expect(annotationsLeftNotice({ error: 0, warning: 0, notice: 0 })).toBeUndefined();
  });
});

describe('an empty report', () => {
  it('has no annotations', () => {
    const report: Report = { ...fixtureReport(), conflicts: [] as Conflict[], diagnostics: [] };
    expect(selectAnnotations(report, 'all', everywhere)).toEqual([]);
  });
});
