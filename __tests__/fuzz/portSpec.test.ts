// The Compose short port syntax, `[[host_ip:]published:]target[/proto]`: random text never
// breaks the parser, and every spec built from valid parts parses back into those parts.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parsePortSpec, type PortSpecResult } from '../../src/extract/compose/portSpec.js';
import { corpusList } from './corpus.js';
import { assertNoViolations, fuzzParameters, MAX_INPUT_MS } from './fuzzConfig.js';
import { timed } from './invariants.js';
import { mutatedText } from './mutations.js';
import { portText } from './vocabulary.js';

function specViolations(spec: string): string[] {
  const first = timed(() => parsePortSpec(spec));
  if ('error' in first) return [`threw: ${first.error}`];
  const violations = first.ms > MAX_INPUT_MS ? [`took ${Math.round(first.ms)} ms`] : [];
  const result: PortSpecResult = first.value;
  if (!result.ok) {
    if (!(Number.isInteger(result.index) && result.index >= 0 && result.index <= spec.length)) violations.push(`error index ${result.index} is outside the spec`);
    return violations;
  }
  const { target, published, protocol, soft } = result.spec;
  for (const [what, range] of [['target', target], ['published', published]] as const) {
    if (!range) continue;
    if (spec.slice(range.index, range.index + range.text.length) !== range.text) violations.push(`${what} text ${JSON.stringify(range.text)} is not at index ${range.index}`);
    if (!(range.start >= 0 && range.start <= range.end && range.end <= 65535)) violations.push(`${what} ${range.start}-${range.end} is not a port range`);
    if (!/^\d/.test(range.text)) violations.push(`${what} text ${JSON.stringify(range.text)} does not start with its port`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(protocol)) violations.push(`protocol ${protocol}`);
  if (soft !== (published !== null && target.start === target.end && published.start !== published.end)) violations.push('soft is wrong');
  return violations;
}

const specAlphabet = fc.constantFrom(...'0123456789:-/[].tcpudsTCP '.split(''), '::', '65535', '65536', '127.0.0.1', '${X}');

describe('parsePortSpec', () => {
  it('never throws on random text, and every part it returns is where it says', () => {
    assertNoViolations(fc.oneof(fc.string(), fc.array(specAlphabet, { maxLength: 30 }).map((parts) => parts.join('')), portText), specViolations);
  });

  it('holds on mutated Compose test vectors', () => {
    const vectors = corpusList('port-spec', 'specs.json');
    assertNoViolations(mutatedText(vectors, vectors, 4), specViolations);
  });

  const port = fc.integer({ min: 1, max: 65535 });
  const range = fc.tuple(port, fc.integer({ min: 0, max: 20 })).filter(([start, width]) => start + width <= 65535);
  const hostIp = fc.oneof(fc.constant(''), fc.ipV4(), fc.ipV6().map((ip) => `[${ip}]`));
  const proto = fc.constantFrom('', '/tcp', '/udp', '/sctp', '/UDP');

  it('parses every spec built from valid parts back into those parts', () => {
    fc.assert(
      fc.property(range, fc.option(range, { nil: undefined }), hostIp, proto, ([targetStart, width], publishedRange, ip, protocol) => {
        const targetText = width === 0 ? String(targetStart) : `${targetStart}-${targetStart + width}`;
        // A published range must match a target range's width, or map onto a single target port.
        const published = publishedRange && (width === 0 ? publishedRange : ([publishedRange[0], width] as const));
        if (published && published[0] + published[1] > 65535) return;
        const publishedText = published ? (published[1] === 0 ? String(published[0]) : `${published[0]}-${published[0] + published[1]}`) : '';
        const spec = `${ip === '' || !published ? '' : `${ip}:`}${publishedText === '' ? '' : `${publishedText}:`}${targetText}${protocol}`;
        const result = parsePortSpec(spec);
        expect(result).toMatchObject({
          ok: true,
          spec: {
            hostIp: ip === '' || !published ? null : ip.replace(/^\[|\]$/g, ''),
            target: { start: targetStart, end: targetStart + width, text: targetText },
            published: published ? { start: published[0], end: published[0] + published[1], text: publishedText } : null,
            protocol: protocol === '' ? 'tcp' : protocol.slice(1).toLowerCase(),
          },
        });
      }),
      fuzzParameters(),
    );
  });
});
