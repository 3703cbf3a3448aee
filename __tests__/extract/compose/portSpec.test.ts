import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { type PortSpec, parseDockerPortRange, parsePortSpec } from '../../../src/extract/compose/portSpec.js';
import { interpolate } from '../../../src/extract/interpolate.js';

// Copied from /work/shared/testdata: Docker's own test vectors (compose-go, go-connections, docker/cli, the spec).
interface Expansion {
  ip: string;
  pub: string;
  tgt: number;
  proto: string;
}
interface Vector {
  spec: string | number | Record<string, unknown>;
  env?: Record<string, string>;
  expect?: Expansion[] | string;
  error?: string;
  src: string;
}
interface RangeVector {
  in?: string;
  out?: [number, number] | number;
  error?: string;
}
const data = JSON.parse(readFileSync(new URL('./compose-port-vectors.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
  ranges_parse: RangeVector[];
};

/** Docker's expansion of a parsed spec: one entry per container port; a soft range stays one entry. */
function expand(spec: PortSpec): Expansion[] {
  const ip = spec.hostIp ?? '';
  const proto = spec.protocol;
  if (spec.soft && spec.published) {
    return [{ ip, pub: `${spec.published.start}-${spec.published.end}`, tgt: spec.target.start, proto }];
  }
  const entries: Expansion[] = [];
  for (let i = 0; i <= spec.target.end - spec.target.start; i++) {
    entries.push({ ip, pub: spec.published ? String(spec.published.start + i) : '', tgt: spec.target.start + i, proto });
  }
  return entries;
}

function entries(count: number, entry: (i: number) => Expansion): Expansion[] {
  return Array.from({ length: count }, (_, i) => entry(i));
}

/** Vectors whose expectation is prose, written out. */
const PROSE_EXPECTATIONS: Record<string, Expansion[]> = {
  '3001-3005': entries(5, (i) => ({ ip: '', pub: '', tgt: 3001 + i, proto: 'tcp' })),
  '127.0.0.1:5000-5010:5000-5010': entries(11, (i) => ({ ip: '127.0.0.1', pub: String(5000 + i), tgt: 5000 + i, proto: 'tcp' })),
  '1234-1236/tcp': entries(3, (i) => ({ ip: '', pub: '', tgt: 1234 + i, proto: 'tcp' })),
};

/** Our exact message where the vector describes the error in prose or in go-connections' newer wording. */
const ERROR_MESSAGES: Record<string, string> = {
  '192.168.1.100': 'Invalid containerPort: 192.168.1.100',
  '192.168.1.100:-1:-1': 'Invalid containerPort: -1',
  'localhost:1234:1234/tcp': 'Invalid ip address: localhost',
  // go-connections v0.4.0 (pinned by compose-go) capitalizes; the vector quotes a newer release.
  '0.0.0.0:1234-1235:/tcp': 'No port specified: 0.0.0.0:1234-1235:/tcp<empty>',
  '$${PORT}:80': 'Invalid hostPort: ${PORT}',
};

/**
 * Unbracketed IPv6 addresses parse only in go-connections >= v0.5.0; compose-go pins v0.4.0,
 * so `docker compose` refuses them, and so do we.
 */
const REJECTED_BY_COMPOSE_GO: Record<string, string> = {
  '::1:80:80': 'Invalid ip address ::1: address ::1:: too many colons in address',
  '2001:4860:0:2001::68::333': 'Invalid ip address 2001:4860:0:2001::68: address 2001:4860:0:2001::68:: too many colons in address',
  '::::80': 'Invalid ip address ::: address :::: too many colons in address',
};

function interpolateWithEnv(vector: Vector) {
  const env = vector.env ?? {};
  return interpolate(String(vector.spec), (name) => (name in env ? { value: env[name] ?? '' } : undefined));
}

describe('parsePortSpec against the Docker port vectors', () => {
  const shortVectors = data.vectors.filter((vector) => typeof vector.spec !== 'object');

  it.each(shortVectors.map((vector) => [String(vector.spec), vector] as const))('%j', (spec, vector) => {
    if (spec in REJECTED_BY_COMPOSE_GO) {
      expect(vector.src).toContain('>= v0.5.0');
      expect(parsePortSpec(spec)).toMatchObject({ ok: false, error: REJECTED_BY_COMPOSE_GO[spec] });
      return;
    }
    if (vector.expect === 'unresolved (kept as raw string when interpolation is skipped)') {
      const unset = interpolate(spec, () => undefined);
      expect(unset.problems.map((problem) => problem.message)).toEqual(['variable HOST_IP is not set', 'variable HOST_PORT is not set']);
      const set = interpolate(spec, (name) => ({ value: name === 'HOST_IP' ? '127.0.0.1' : '8080' }));
      const parsed = parsePortSpec(set.value);
      expect(parsed.ok && expand(parsed.spec)).toEqual([{ ip: '127.0.0.1', pub: '8080', tgt: 80, proto: 'tcp' }]);
      return;
    }
    const interpolation = interpolateWithEnv(vector);
    if (interpolation.problems.length > 0) {
      expect(interpolation.problems.map((problem) => [problem.kind, problem.message])).toEqual([['required', vector.error]]);
      return;
    }
    const parsed = parsePortSpec(interpolation.value);
    if (vector.error !== undefined) {
      expect(parsed).toMatchObject({ ok: false, error: ERROR_MESSAGES[spec] ?? vector.error });
      return;
    }
    const expected = typeof vector.expect === 'string' ? PROSE_EXPECTATIONS[spec] : vector.expect;
    expect(expected).toBeDefined();
    if (!parsed.ok) throw new Error(`${spec}: ${parsed.error}`);
    expect(expand(parsed.spec)).toEqual(expected);
  });

  it('covers every short-syntax vector (long-syntax ones are run through the extractor)', () => {
    expect(shortVectors.length).toBe(data.vectors.length - 4);
  });
});

describe('parsePortSpec: the cases of issue 2 and where each part is written', () => {
  it('refuses an out-of-range host port, an unknown protocol and a malformed address, pointing at the part', () => {
    expect(parsePortSpec('70000:80')).toEqual({ ok: false, error: 'Invalid hostPort: 70000', index: 0 });
    expect(parsePortSpec('80/xyz')).toEqual({ ok: false, error: 'Invalid proto: xyz', index: 3 });
    expect(parsePortSpec('8080:80/xyz')).toEqual({ ok: false, error: 'Invalid proto: xyz', index: 8 });
    expect(parsePortSpec('127.0.1:80:80')).toEqual({ ok: false, error: 'Invalid ip address: 127.0.1', index: 0 });
    expect(parsePortSpec('1.2.3.4:99999:80')).toEqual({ ok: false, error: 'Invalid hostPort: 99999', index: 8 });
    expect(parsePortSpec('8080:abc')).toEqual({ ok: false, error: 'Invalid containerPort: abc', index: 5 });
  });

  it('reads udp and keeps the offsets of published and target ports', () => {
    expect(parsePortSpec('6060:6060/udp')).toEqual({
      ok: true,
      spec: {
        hostIp: null,
        published: { start: 6060, end: 6060, index: 0, text: '6060' },
        target: { start: 6060, end: 6060, index: 5, text: '6060' },
        protocol: 'udp',
        soft: false,
      },
    });
  });

  it('strips the brackets of an IPv6 host address', () => {
    expect(parsePortSpec('[::1]:6001:6001')).toEqual({
      ok: true,
      spec: {
        hostIp: '::1',
        published: { start: 6001, end: 6001, index: 6, text: '6001' },
        target: { start: 6001, end: 6001, index: 11, text: '6001' },
        protocol: 'tcp',
        soft: false,
      },
    });
  });

  it('marks a published range for one container port as soft, and maps equal ranges pairwise', () => {
    const soft = parsePortSpec('127.0.0.1:80-90:8080');
    expect(soft.ok && soft.spec).toMatchObject({ hostIp: '127.0.0.1', published: { start: 80, end: 90, index: 10 }, target: { start: 8080, index: 16 }, soft: true });
    const pairwise = parsePortSpec('9090-9091:8080-8081');
    expect(pairwise.ok && pairwise.spec).toMatchObject({ published: { start: 9090, end: 9091 }, target: { start: 8080, end: 8081 }, soft: false });
  });

  it('refuses ranges of unequal length, as go-connections does', () => {
    expect(parsePortSpec('9090:8080-8081')).toEqual({
      ok: false,
      error: 'Invalid ranges specified for container and host Ports: 8080-8081 and 9090',
      index: 0,
    });
    expect(parsePortSpec('9090-9092:8080-8081')).toMatchObject({ ok: false, error: 'Invalid ranges specified for container and host Ports: 8080-8081 and 9090-9092' });
  });

  it('keeps sctp (the extractor decides what to do with it) and lower-cases the protocol', () => {
    expect(parsePortSpec('5000:5000/sctp')).toMatchObject({ ok: true, spec: { protocol: 'sctp' } });
    expect(parsePortSpec('53:53/UDP')).toMatchObject({ ok: true, spec: { protocol: 'udp' } });
  });

  it('publishes nothing for an empty host port, but keeps the address', () => {
    expect(parsePortSpec('127.0.0.1::80')).toMatchObject({ ok: true, spec: { hostIp: '127.0.0.1', published: null, target: { start: 80, index: 11 } } });
    expect(parsePortSpec(':80')).toMatchObject({ ok: true, spec: { hostIp: null, published: null, target: { start: 80, index: 1 } } });
  });
});

describe('parseDockerPortRange against go-connections ParsePortRange', () => {
  const vectors = data.ranges_parse.filter((vector) => vector.in !== undefined);

  it.each(vectors.map((vector) => [vector.in ?? '', vector] as const))('%j', (text, vector) => {
    if (vector.error !== undefined) {
      expect(parseDockerPortRange(text)).toBeUndefined();
    } else {
      const [start, end] = typeof vector.out === 'number' ? [vector.out, vector.out] : (vector.out ?? []);
      expect(parseDockerPortRange(text)).toEqual({ start, end });
    }
  });
});
