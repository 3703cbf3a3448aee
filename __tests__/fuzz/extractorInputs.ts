// What each extractor is fed: the paths it reads (so its own matches() takes them), and three
// kinds of text for each: random strings, structured documents of its format, and mutated
// fixtures. Compose and process-compose files get a `.env` beside them, and a `.env` a compose
// file, so that bindings reached through variables are checked in the file that sets them.
import { posix } from 'node:path';
import fc from 'fast-check';
import type { Extractor } from '../../src/model/types.js';
import { allCorpusTexts, corpusFiles } from './corpus.js';
import {
  anyDockerfile,
  composeDocument,
  kubernetesDocument,
  launcherScript,
  packageDocument,
  processComposeDocument,
  registryDocument,
  skaffoldDocument,
  workflowDocument,
  zinitYamlDocument,
} from './domainDocuments.js';
import { hostileYaml } from './hostileYaml.js';
import type { ExtractionInput } from './invariants.js';
import { interestingChar, mutatedText } from './mutations.js';
import { goDocument, javascriptDocument, manifests, nixModuleDocument, nixRegistryDocument, pythonDocument, rustDocument } from './sourceDocuments.js';
import { dotenvDocument, markdownDocument, tomlDocument, unitDocument } from './textDocuments.js';
import { renderJson, renderYaml, type YamlNode } from './yamlDocuments.js';

export type InputKind = 'random' | 'structured' | 'mutated';

const yaml = (tree: fc.Arbitrary<YamlNode>) => fc.oneof({ weight: 4, arbitrary: tree.map(renderYaml) }, { weight: 1, arbitrary: hostileYaml });
const json = (tree: fc.Arbitrary<YamlNode>) => fc.tuple(tree, fc.constantFrom(0, 2, 4)).map(([node, indent]) => renderJson(node, indent));

/** For each extractor format, the paths it reads and the structured documents for each. */
export const FORMAT_PATHS: Readonly<Record<string, ReadonlyArray<[path: string, documents: fc.Arbitrary<string>]>>> = {
  registry: [
    ['ports.yml', yaml(registryDocument)],
    ['ports.json', json(registryDocument)],
    ['.portcullis/ports.yaml', yaml(registryDocument)],
  ],
  'registry-json': [['tools/port-registry.json', fc.oneof(json(registryDocument), yaml(registryDocument))]],
  'registry-markdown': [
    ['PORTS.md', markdownDocument],
    ['docs/SERVICE_PORTS_REGISTRY.md', markdownDocument],
  ],
  compose: [
    ['docker-compose.yml', yaml(composeDocument)],
    ['apps/web/compose.yaml', yaml(composeDocument)],
    ['_/docker-compose.yml', yaml(composeDocument)],
  ],
  'process-compose': [
    ['process-compose.yaml', yaml(processComposeDocument)],
    ['dev/process-compose.yml', yaml(processComposeDocument)],
  ],
  dotenv: [
    ['.env', dotenvDocument],
    ['apps/web/.env', dotenvDocument],
    ['_/.env', dotenvDocument],
  ],
  zinit: [
    ['etc/zinit/redis.yaml', yaml(zinitYamlDocument)],
    ['deploy/services.toml', tomlDocument],
    ['etc/zinit/web.toml', tomlDocument],
    ['etc/zinit/-.yaml', yaml(zinitYamlDocument)],
  ],
  systemd: [
    ['deploy/web.service', unitDocument],
    ['deploy/web.socket', unitDocument],
    ['etc/systemd/system/api.service.d/override.conf', unitDocument],
    ['deploy/_.socket', unitDocument],
  ],
  kubernetes: [['k8s/app.yaml', yaml(kubernetesDocument)]],
  skaffold: [['skaffold.yaml', yaml(skaffoldDocument)]],
  launcher: [
    ['Makefile', launcherScript],
    ['scripts/up.sh', launcherScript],
    ['web/package.json', json(packageDocument)],
    ['.github/workflows/e2e.yml', yaml(workflowDocument)],
  ],
  dockerfile: [['api/Dockerfile', anyDockerfile]],
  'registry-nix': [
    ['lib/ports.nix', nixRegistryDocument],
    ['ports.nix', nixRegistryDocument],
  ],
  nix: [
    ['modules/service.nix', nixModuleDocument],
    ['flake/process-compose.nix', nixModuleDocument],
  ],
  rust: [['svc/src/main.rs', rustDocument]],
  go: [['cmd/api/main.go', goDocument]],
  typescript: [
    ['web/src/server.ts', javascriptDocument],
    ['web/src/App.tsx', javascriptDocument],
  ],
  javascript: [['web/server.js', javascriptDocument]],
  python: [['ml/app.py', pythonDocument]],
};

/**
 * The extractors by the test file that fuzzes them: the tree-sitter readers apart from the
 * others (see extractorProperties.ts), the rest split so that two workers share the load.
 */
export const NIX_FORMATS = ['nix', 'registry-nix'];
export const SOURCE_FORMATS = ['rust', 'go', 'typescript', 'javascript', 'python'];
export const YAML_SERVICE_FORMATS = ['compose', 'process-compose', 'kubernetes', 'zinit', 'skaffold'];
export const DOCUMENT_FORMATS = ['registry', 'registry-json', 'registry-markdown', 'dotenv', 'systemd', 'launcher', 'dockerfile'];

/** Characters that structure at least one format: random text over them builds near-documents. */
const STRUCTURE = [...':-[]{}"\'` \t\n\r#$&*|=,.<>!%@/\\8080:80\nports services PORT=', '\0', '\ufeff'];

const randomText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.array(interestingChar, { maxLength: 60 }).map((chars) => chars.join('')),
  fc.array(fc.constantFrom(...STRUCTURE), { maxLength: 200 }).map((chars) => chars.join('')),
);

/** A whole document made awkward the ways whole files are: CRLF or CR line ends, a BOM, a NUL. */
const decorated = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.constantFrom('none', 'none', 'crlf', 'cr', 'bom', 'nul')).map(([body, how]) => {
    if (how === 'crlf') return body.replace(/\n/g, '\r\n');
    if (how === 'cr') return body.replace(/\n/g, '\r');
    if (how === 'bom') return `\ufeff${body}`;
    return how === 'nul' ? `${body}\0` : body;
  });

let donors: string[] | undefined;
const allDonors = () => (donors ??= allCorpusTexts());

function corpusFor(format: string, path: string): string[] {
  const files = corpusFiles(format);
  const extension = posix.extname(path);
  const sameKind = files.filter((file) => posix.extname(file.name) === extension);
  return (sameKind.length > 0 ? sameKind : files).map((file) => file.text);
}

function texts(format: string, path: string, structured: fc.Arbitrary<string>, kind: InputKind): fc.Arbitrary<string> {
  if (kind === 'random') return randomText;
  if (kind === 'structured') return decorated(structured);
  return mutatedText(corpusFor(format, path), allDonors());
}

/** The files beside `path` that the extractors may read: a `.env`, a compose file, package manifests. */
function siblings(path: string): fc.Arbitrary<Record<string, string>> {
  const folder = posix.dirname(path);
  const inFolder = (name: string) => (folder === '.' ? name : `${folder}/${name}`);
  const dotenv = fc.oneof(dotenvDocument, mutatedText(corpusFiles('dotenv').map((file) => file.text), allDonors(), 3));
  const compose = fc.constantFrom('services:\n  web:\n    ports: ["${WEB_PORT:-8080}:80"]\n', 'name: ${COMPOSE_PROJECT_NAME}\nservices: {}\n');
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  return fc.tuple(optional(dotenv), optional(compose), optional(manifests)).map(([env, composeText, manifestTexts]) => {
    const files: Record<string, string> = {};
    if (env !== undefined) files[inFolder('.env')] = env;
    if (composeText !== undefined) files[inFolder('docker-compose.yml')] = composeText;
    for (const [name, text] of Object.entries(manifestTexts ?? {})) files[inFolder(name)] = text;
    delete files[path];
    return files;
  });
}

/** Inputs for one extractor: under the paths of its format that it reads. */
export function extractionInputs(extractor: Extractor, kind: InputKind): fc.Arbitrary<ExtractionInput> {
  const format = extractor.format;
  const paths = (FORMAT_PATHS[format] ?? []).filter(([path]) => extractor.matches(path));
  return fc.oneof(
    ...paths.map(([path, structured]) =>
      fc.record({ path: fc.constant(path), text: texts(format, path, structured, kind), siblings: siblings(path) }),
    ),
  );
}
