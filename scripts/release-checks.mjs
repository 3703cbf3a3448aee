// The release's checks that need neither git nor the build: the tag's form, CHANGELOG.md's
// section, and action.yml's Marketplace metadata. scripts/release.mjs runs them with the rest;
// the tests call them directly, one case each, without a scratch repository.
import { parse as parseYaml } from 'yaml';

// GitHub's list of the Feather icons (v4.28.0) an action's branding may use: brand icons and
// coffee, columns, divide*, frown, hexagon, key, meh, mouse-pointer, smile, tool and
// x-octagon are not on it. Source: docs.github.com, "Metadata syntax for GitHub Actions".
const ICONS = new Set(`
  activity airplay alert-circle alert-octagon alert-triangle align-center align-justify
  align-left align-right anchor aperture archive arrow-down-circle arrow-down-left
  arrow-down-right arrow-down arrow-left-circle arrow-left arrow-right-circle arrow-right
  arrow-up-circle arrow-up-left arrow-up-right arrow-up at-sign award bar-chart-2 bar-chart
  battery-charging battery bell-off bell bluetooth bold book-open book bookmark box briefcase
  calendar camera-off camera cast check-circle check-square check chevron-down chevron-left
  chevron-right chevron-up chevrons-down chevrons-left chevrons-right chevrons-up circle
  clipboard clock cloud-drizzle cloud-lightning cloud-off cloud-rain cloud-snow cloud code
  command compass copy corner-down-left corner-down-right corner-left-down corner-left-up
  corner-right-down corner-right-up corner-up-left corner-up-right cpu credit-card crop
  crosshair database delete disc dollar-sign download-cloud download droplet edit-2 edit-3
  edit external-link eye-off eye fast-forward feather file-minus file-plus file-text file
  film filter flag folder-minus folder-plus folder gift git-branch git-commit git-merge
  git-pull-request globe grid hard-drive hash headphones heart help-circle home image inbox
  info italic layers layout life-buoy link-2 link list loader lock log-in log-out mail
  map-pin map maximize-2 maximize menu message-circle message-square mic-off mic minimize-2
  minimize minus-circle minus-square minus monitor moon more-horizontal more-vertical move
  music navigation-2 navigation octagon package paperclip pause-circle pause percent
  phone-call phone-forwarded phone-incoming phone-missed phone-off phone-outgoing phone
  pie-chart play-circle play plus-circle plus-square plus pocket power printer radio
  refresh-ccw refresh-cw repeat rewind rotate-ccw rotate-cw rss save scissors search send
  server settings share-2 share shield-off shield shopping-bag shopping-cart shuffle sidebar
  skip-back skip-forward slash sliders smartphone speaker square star stop-circle sun sunrise
  sunset table tablet tag target terminal thermometer thumbs-down thumbs-up toggle-left
  toggle-right trash-2 trash trending-down trending-up triangle truck tv type umbrella
  underline unlock upload-cloud upload user-check user-minus user-plus user-x user users
  video-off video voicemail volume-1 volume-2 volume-x volume watch wifi-off wifi wind
  x-circle x-square x zap-off zap zoom-in zoom-out
`.split(/\s+/).filter(Boolean));
const COLORS = new Set(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']);
// The Marketplace cuts a longer description.
const MAX_DESCRIPTION = 125;
const RUNTIME = 'node24';

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export const compareVersions = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
export const versionOf = (text) => {
  const match = SEMVER.exec(text);
  return match ? match.slice(1, 4).map(Number) : undefined;
};

/**
 * The version a release is asked for (X.Y.Z or vX.Y.Z; package.json's by default), its tag and
 * major tag, and why it cannot be released: not a release tag, or not package.json's version.
 */
export function releaseVersion(asked, packageVersion) {
  const parts = versionOf(asked);
  const version = parts ? parts.join('.') : asked.replace(/^v/, '');
  const problems = [];
  if (!parts) problems.push(`'${asked}' is not a release tag: vMAJOR.MINOR.PATCH, like v1.0.0`);
  else if (packageVersion !== version) problems.push(`package.json's version is ${packageVersion}, not ${version}: set it with 'npm version ${version} --no-git-tag-version'`);
  return { parts, version, tag: `v${version}`, major: parts ? `v${parts[0]}` : undefined, problems };
}

/**
 * What CHANGELOG.md (undefined when there is none) says of `version` (undefined when the
 * version is no release's): why it cannot be released, the entries still under [Unreleased]
 * (a refusal when releasing, a note between releases), and the release's notes.
 */
export function changelogVerdict(text, version) {
  if (text === undefined) return { problems: ['there is no CHANGELOG.md'], unreleased: undefined, releaseNotes: undefined };
  if (version === undefined) return { problems: [], unreleased: undefined, releaseNotes: undefined };
  const changelog = readChangelog(text, version);
  const problems = [];
  if (changelog.notes === undefined) problems.push(`CHANGELOG.md has no section '## [${version}] - YYYY-MM-DD'`);
  else if (!changelog.dated) problems.push(`CHANGELOG.md's section for ${version} needs its date: '## [${version}] - YYYY-MM-DD'`);
  else if (!changelog.hasEntries) problems.push(`CHANGELOG.md's section for ${version} lists nothing`);
  const count = changelog.unreleased.length;
  return {
    problems,
    unreleased: count > 0 ? `CHANGELOG.md lists ${count} entries under [Unreleased]: a release ships them, so move them under [${version}]` : undefined,
    releaseNotes: problems.length === 0 ? changelog.notes : undefined,
  };
}

/**
 * CHANGELOG.md in the Keep a Changelog layout: `## [X.Y.Z] - YYYY-MM-DD` sections. Returns the
 * version's section body (its notes), whether it lists anything, whether its heading carries
 * a date, and the entries under [Unreleased].
 */
function readChangelog(text, version) {
  const sections = new Map();
  let current;
  for (const line of text.split('\n')) {
    const heading = /^## \[([^\]]+)\](.*)$/.exec(line);
    if (heading) {
      current = { rest: heading[2].trim(), lines: [] };
      sections.set(heading[1].toLowerCase(), current);
    } else if (line.startsWith('## ')) {
      current = undefined;
    } else if (current && !/^\[[^\]]+\]:\s/.test(line)) {
      // Link reference definitions at the foot belong to no section's notes.
      current.lines.push(line);
    }
  }
  const entries = (section) => (section?.lines ?? []).filter((line) => /^\s*[-*] \S/.test(line));
  const section = sections.get(version);
  return {
    notes: section ? `${section.lines.join('\n').trim()}\n` : undefined,
    hasEntries: entries(section).length > 0,
    dated: section !== undefined && /^- \d{4}-\d{2}-\d{2}$/.test(section.rest),
    unreleased: entries(sections.get('unreleased')),
  };
}

/** What keeps action.yml from the Marketplace, or from running as this release. */
export function actionProblems(text, isTracked) {
  let action;
  try {
    action = parseYaml(text);
  } catch (error) {
    return [`action.yml is not valid YAML: ${error.message.split('\n')[0]}`];
  }
  const problems = [];
  const isText = (value) => typeof value === 'string' && value.trim() !== '';
  if (!isText(action?.name)) problems.push('action.yml needs a name');
  if (!isText(action?.description)) problems.push('action.yml needs a description');
  else if (action.description.length >= MAX_DESCRIPTION) {
    problems.push(`action.yml's description has ${action.description.length} characters; the Marketplace takes fewer than ${MAX_DESCRIPTION}`);
  }
  const icon = action?.branding?.icon;
  if (!ICONS.has(icon)) problems.push(`action.yml's branding.icon '${icon ?? ''}' is not one of the Feather icons GitHub accepts`);
  const color = action?.branding?.color;
  if (!COLORS.has(color)) problems.push(`action.yml's branding.color '${color ?? ''}' is not one of ${[...COLORS].join(', ')}`);
  if (action?.runs?.using !== RUNTIME) problems.push(`action.yml's runs.using is '${action?.runs?.using ?? ''}', not ${RUNTIME}`);
  const main = action?.runs?.main;
  if (!isText(main)) problems.push('action.yml needs runs.main');
  else if (!isTracked(main)) problems.push(`action.yml's runs.main ${main} is not a committed file`);
  return problems;
}
