// The `.env` beside a file: Docker Compose and process-compose both interpolate `${VAR}` in
// their files from it.
import type { ExtractContext } from '../model/types.js';
import { folderOf, pathIn } from '../model/paths.js';
import { dotenvVariables } from './dotenv/dotenvVariables.js';
import { parseDotenv } from './dotenv/parseDotenv.js';
import type { VariableLookup, VariableValue } from './interpolate.js';

/** The root-relative path of the `.env` in the folder of `path`. */
export function dotenvBeside(path: string): string {
  return pathIn(folderOf(path), '.env');
}

/**
 * The templates people copy into a `.env` (DESIGN "What counts as a binding"), in the order
 * their values are taken: the first that sets a variable gives it.
 */
export const DOTENV_TEMPLATES: readonly string[] = ['.env.example', '.env.sample', '.env.dist'];

/** The templates beside `path`. */
export function templatesBeside(path: string): string[] {
  return DOTENV_TEMPLATES.map((name) => pathIn(folderOf(path), name));
}

/**
 * The variables a `.env` sets, read as Compose reads them (its own problems are the `.env`
 * extractor's to report); none when the file is absent. The shell environment, which both
 * tools read too, is not known to a static check. With `templates`, a variable that the
 * `.env` leaves without a value, referenced where nothing else gives one (`${X}`, not
 * `${X:-3000}`), takes the first template's value, marked as such.
 */
export function dotenvLookup(context: ExtractContext, envPath: string, templates: readonly string[] = []): VariableLookup {
  const own = variablesOf(context, envPath);
  const fromTemplates = templates.map((template) => ({ template, variables: variablesOf(context, template) }));
  return (name, kind) => {
    const found = own.get(name);
    if (found !== undefined || kind !== 'plain') return found;
    for (const { template, variables } of fromTemplates) {
      const value = variables.get(name);
      if (value !== undefined) return { ...value, template };
    }
    return undefined;
  };
}

function variablesOf(context: ExtractContext, path: string): Map<string, VariableValue> {
  const text = context.readFile(path);
  return text === undefined ? new Map() : dotenvVariables(parseDotenv(text).entries, path);
}
