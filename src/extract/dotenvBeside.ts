// The `.env` beside a file: Docker Compose and process-compose both interpolate `${VAR}` in
// their files from it.
import type { ExtractContext } from '../model/types.js';
import { folderOf, pathIn } from './compose/composeFiles.js';
import { dotenvVariables } from './dotenv/dotenvVariables.js';
import { parseDotenv } from './dotenv/parseDotenv.js';
import type { VariableLookup } from './interpolate.js';

/** The root-relative path of the `.env` in the folder of `path`. */
export function dotenvBeside(path: string): string {
  return pathIn(folderOf(path), '.env');
}

/**
 * The variables a `.env` sets, read as Compose reads them (its own problems are the `.env`
 * extractor's to report); none when the file is absent. The shell environment, which both
 * tools read too, is not known to a static check.
 */
export function dotenvLookup(context: ExtractContext, envPath: string): VariableLookup {
  const text = context.readFile(envPath);
  if (text === undefined) return () => undefined;
  const variables = dotenvVariables(parseDotenv(text).entries, envPath);
  return (name) => variables.get(name);
}
