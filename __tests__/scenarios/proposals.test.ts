// DESIGN.md "Proposed ports": who moves (the incumbent stays), one proposal per literal, and
// every constraint a proposed port meets.
import { afterEach, describe, expect, it } from '@jest/globals';
import { byId, check, disposeScenarios, movesOf, only } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const processes = (...entries: Array<[name: string, port: number | string]>): string =>
  lines('processes:', ...entries.flatMap(([name, port]) => [`  ${name}:`, `    command: ./${name} --port ${port}`]));

/** The proposals of the collision between `first` (stays) and `second` (moves) on `port`, in one process-compose file. */
async function moveOf(port: number, files: Record<string, string> = {}): Promise<string[]> {
  const { json } = await check({ ...files, 'dev/process-compose.yaml': processes(['first', port], ['second', port]) });
  const collisions = json.conflicts.filter((conflict) => conflict.port === port && (conflict.rule === 'duplicate-port' || conflict.rule === 'registry-conflict'));
  expect(collisions).toHaveLength(1);
  return collisions.flatMap(movesOf);
}

describe('The incumbent', () => {
  it("is the registry's owner of the port, wherever its files sort", async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  web: 8400'),
      'z/process-compose.yaml': processes(['web', 8400]),
      'a/process-compose.yaml': processes(['api', 8400]),
    });
    expect(movesOf(only(json, 'registry-conflict'))).toEqual(['api@a/process-compose.yaml:3:27 8400->8401']);
  });

  it('else the first of the services that held it, by file path', async () => {
    const { json } = await check({ 'b/process-compose.yaml': processes(['api', 8402]), 'a/process-compose.yaml': processes(['web', 8402]) });
    expect(movesOf(only(json, 'duplicate-port'))).toEqual(['api@b/process-compose.yaml:3:27 8402->8403']);
  });

  it('else the first by line within one file', async () => {
    expect(await moveOf(8404)).toEqual(['second@dev/process-compose.yaml:5:30 8404->8405']);
  });
});

describe('What gets a proposal', () => {
  it('a service that must move gets one proposal for each of its literals, all to one port', async () => {
    const { json } = await check({
      'dev/process-compose.yaml': lines('processes:', '  web:', '    command: ./web --port 8406', '  api:', '    command: ./api --port 8406', '    environment:', '      PORT: "8406"'),
    });
    expect(movesOf(only(json, 'duplicate-port'))).toEqual(['api@dev/process-compose.yaml:5:27 8406->8407', 'api@dev/process-compose.yaml:7:14 8406->8407']);
  });

  it('a range gets a range (to, toEnd)', async () => {
    const { json } = await check({
      'a/compose.yml': lines('services:', '  media:', '    image: media', '    ports:', '      - "8410-8419:8410-8419"'),
      'b/process-compose.yaml': processes(['rtc', 8415]),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict.suggestions).toEqual([{ service: 'rtc', file: 'b/process-compose.yaml', line: 3, column: 27, from: 8415, to: 8420, toEnd: 8420 }]);

    const ranges = await check({
      'a/process-compose.yaml': processes(['rtc', 8415]),
      'b/compose.yml': lines('services:', '  media:', '    image: media', '    ports:', '      - "8410-8419:8410-8419"'),
    });
    expect(only(ranges.json, 'duplicate-port').suggestions).toEqual([{ service: 'media', file: 'b/compose.yml', line: 5, column: 10, from: 8410, to: 8420, toEnd: 8429 }]);
  });

  it('a service that must move and has a free registered port of its own goes back to it', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  web: 8431', '  api: 8430'),
      'dev/process-compose.yaml': processes(['api', 8431]),
    });
    expect(movesOf(only(json, 'registry-conflict'))).toEqual(['api@dev/process-compose.yaml:3:27 8431->8430']);
  });
});

describe('A proposed port', () => {
  it('is free of every binding of its scope in any protocol', async () => {
    expect(await moveOf(8440, { 'dns/compose.yml': lines('services:', '  dns:', '    image: dns', '    ports:', '      - "8441:53/udp"') })).toEqual([
      'second@dev/process-compose.yaml:5:30 8440->8442',
    ]);
  });

  it('is not given to anyone in the registry', async () => {
    expect(await moveOf(8450, { 'ports.yml': lines('services:', '  first: 8450', '  billing: 8451') })).toEqual(['second@dev/process-compose.yaml:5:30 8450->8452']);
  });

  it('is outside reserved ranges', async () => {
    expect(await moveOf(8460, { 'ports.yml': lines('reserved:', '  - "8461-8469"', 'services:', '  first: 8460') })).toEqual(['second@dev/process-compose.yaml:5:30 8460->8470']);
  });

  it('is outside ports 0-1023', async () => {
    expect(await moveOf(443)).toEqual(['second@dev/process-compose.yaml:5:30 443->1024']);
  });

  it('is outside the Linux ephemeral range (32768-60999)', async () => {
    expect(await moveOf(32767)).toEqual(['second@dev/process-compose.yaml:5:30 32767->61000']);
  });

  it('is not a well-known service port (5432, 6379, ...)', async () => {
    expect(await moveOf(5431)).toEqual(['second@dev/process-compose.yaml:5:30 5431->5433']);
    expect(await moveOf(6378)).toEqual(['second@dev/process-compose.yaml:5:30 6378->6380']);
  });

  it("is inside the service's category range when the registry gives one, wrapping to its bottom", async () => {
    const { json } = await check({
      'ports.yml': lines('categories:', '  tools: { range: "8470-8479" }', 'services:', '  docs: { port: 8479, category: tools }', '  blog: { port: 8470, category: tools }'),
      'dev/process-compose.yaml': processes(['blog', 8479]),
    });
    // blog's own 8470 is free of anyone else's claim: it goes back there.
    expect(movesOf(only(json, 'registry-conflict'))).toEqual(['blog@dev/process-compose.yaml:3:28 8479->8470']);

    const inRange = await check({
      'ports.yml': lines('categories:', '  tools: { range: "8470-8479" }', 'services:', '  docs: { port: 8479, category: tools }', '  blog: { port: 8470, category: tools }'),
      'dev/process-compose.yaml': processes(['blog', 8479], ['wiki', 8470]),
    });
    // With wiki on 8470, blog's own port is taken: wiki moves first (8471), blog wraps to the
    // bottom of its category's range and takes the next free port there.
    expect(movesOf(byId(inRange.json, 'registry-conflict:host:tcp:8470'))).toEqual(['wiki@dev/process-compose.yaml:5:28 8470->8471']);
    expect(movesOf(byId(inRange.json, 'registry-conflict:host:tcp:8479'))).toEqual(['blog@dev/process-compose.yaml:3:28 8479->8472']);
  });

  it('is distinct from every other proposal in the same report, and as near above the old port as that allows', async () => {
    const { json } = await check({
      'dev/process-compose.yaml': processes(['web', 8480], ['api', 8480]),
      'dns/compose.yml': lines('services:', '  one:', '    image: one', '    ports:', '      - "8480:53/udp"', '  two:', '    image: two', '    ports:', '      - "8480:54/udp"'),
    });
    expect(movesOf(byId(json, 'duplicate-port:host:tcp:8480'))).toEqual(['api@dev/process-compose.yaml:5:27 8480->8481']);
    expect(movesOf(byId(json, 'duplicate-port:host:udp:8480'))).toEqual(['two@dns/compose.yml:9:10 8480->8482']);
  });

  it('is deterministic: the same repository gives the same proposals', async () => {
    const files = { 'a/process-compose.yaml': processes(['web', 8490], ['api', 8490], ['docs', 8490]), 'b/process-compose.yaml': processes(['blog', 8491], ['wiki', 8491]) };
    const first = await check(files);
    const second = await check(files);
    expect(second.json.conflicts).toEqual(first.json.conflicts);
    expect(first.json.conflicts.flatMap(movesOf)).toEqual([
      'api@a/process-compose.yaml:5:27 8490->8492',
      'docs@a/process-compose.yaml:7:28 8490->8493',
      'wiki@b/process-compose.yaml:5:28 8491->8494',
    ]);
  });
});
