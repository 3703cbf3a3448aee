// Types for the tests, which import release-checks.mjs from TypeScript.
export type VersionParts = [number, number, number];

export function versionOf(text: string): VersionParts | undefined;
export function compareVersions(a: VersionParts, b: VersionParts): number;
export function releaseVersion(
  asked: string,
  packageVersion: string,
): { parts: VersionParts | undefined; version: string; tag: string; major: string | undefined; problems: string[] };
export function changelogVerdict(
  text: string | undefined,
  version: string | undefined,
): { problems: string[]; unreleased: string | undefined; releaseNotes: string | undefined };
export function actionProblems(text: string, isTracked: (path: string) => boolean): string[];
