export const MAIN_HELP = `portcullis: keeps a repository's network ports free of collisions

Usage:
  portcullis check   [ROOT] [--base REF] [--registry PATH]... [--config FILE]
                     [--format text|markdown|json|sarif] [--fail-on new|any|none]
                     [--incomplete fail|warn] [--output FILE]
  portcullis ports   [ROOT] [--format text|markdown|json] [--config FILE] [--registry PATH]...
  portcullis suggest [ROOT] --service NAME [--category CAT] [--count N] [--format text|json]
  portcullis fix     [ROOT] [--base REF] [--dry-run]

Every command also takes --config FILE, --registry PATH (repeatable) and -q/--quiet.
Run 'portcullis <command> --help' for a command's options.
Exit status: 0 nothing failing, 1 failing conflicts or an incomplete check (fix: a
proposal not applied), 2 usage or configuration error. Colors only on a terminal, never
with NO_COLOR set.
`;

export const CHECK_HELP = `Usage: portcullis check [ROOT] [options]

Finds the port collisions in the repository at ROOT (default: the current folder) and
proposes a free port for every service that must move.

Options:
  --base REF          compare with this git revision: conflicts that exist there are 'existing'
  --registry PATH     a registry file (repeatable); replaces auto-detection
  --config FILE       the config file (default: ROOT/.portcullis.yml when present)
  --format FORMAT     text (default), markdown, json or sarif
  --fail-on POLICY    new (default): fail on new errors; any: on every error; none: never
  --incomplete POLICY fail (default): exit 1 when a limit left something unread; warn: only say so
  --output FILE       write the report to FILE instead of standard output (never through a link)
  -q, --quiet         text: print only the failing conflicts, and nothing when none fails
  -h, --help          show this help
`;

export const PORTS_HELP = `Usage: portcullis ports [ROOT] [options]

Lists every port claim found in the repository: the whole inventory.

Options:
  --format FORMAT     text (default), markdown or json
  --registry PATH     a registry file (repeatable); replaces auto-detection
  --config FILE       the config file (default: ROOT/.portcullis.yml when present)
  --output FILE       write the inventory to FILE instead of standard output
  -h, --help          show this help
`;

export const SUGGEST_HELP = `Usage: portcullis suggest [ROOT] --service NAME [options]

Proposes free ports for a new service: free of every claim in the repository, of the
registry, of reserved and well-known ports, and inside the category's range.

Options:
  --service NAME      the service that needs a port (required)
  --category CAT      a registry category whose range the ports must lie in
  --count N           how many ports to propose (default 1)
  --format FORMAT     text (default: one port a line) or json
  --registry PATH     a registry file (repeatable); replaces auto-detection
  --config FILE       the config file (default: ROOT/.portcullis.yml when present)
  --output FILE       write the ports to FILE instead of standard output
  -q, --quiet         no note when fewer ports than asked fit
  -h, --help          show this help
`;

export const FIX_HELP = `Usage: portcullis fix [ROOT] [options]

Runs the check and writes every proposed port of its new conflicts into the files: the
port literal at each proposal's line and column, nothing else. With a registry, the new
services' entries are added to a ports.yml (or printed for other registry kinds).
A file that changed since the check read it, or a symbolic link, is never written.

Options:
  --dry-run           print the changes as a unified diff (for git apply) and write nothing
  --base REF          fix only the conflicts that are new since this git revision
  --registry PATH     a registry file (repeatable); replaces auto-detection
  --config FILE       the config file (default: ROOT/.portcullis.yml when present)
  -q, --quiet         print nothing but what could not be done
  -h, --help          show this help

Exit status: 0 every proposal applied (or nothing to fix), 1 some could not be, 2 usage error.
`;
