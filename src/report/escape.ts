// Service names, paths and messages come from the repository under review, which may be a
// fork's pull request: whatever they contain must render as the literal text, never as
// markup, a mention that notifies someone, a cross-reference that pings an issue, a table
// cell boundary, or the hidden marker by which the Action finds its own sticky comment.

const ZERO_WIDTH_JOINER = '\u200D';

// C0 and C1 controls (newline, ESC of terminal color codes) and the bidirectional
// overrides that can make a name display as something else ("Trojan Source").
const INVISIBLE_CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

const NAMED_CONTROLS: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Shows control characters as escapes (`\n`, `\u001b`), so repository text stays on one line and cannot drive a terminal. */
export function visibleControlChars(text: string): string {
  return text.replace(
    INVISIBLE_CONTROLS,
    (char) => NAMED_CONTROLS[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Breaks `@someone`, `#12` and `GH-12` with a zero-width joiner: GitHub renders them
 * unchanged but neither notifies the person nor cross-references the issue.
 */
export function neutralizeReferences(text: string): string {
  return text
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`)
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_JOINER}`)
    .replace(/\b(gh)-(?=\d)/gi, `$1${ZERO_WIDTH_JOINER}-`);
}

// Every character with inline meaning where repository text lands (never at the start of a
// line, so block syntax such as `#` or `-` cannot arise): emphasis, code, links, GFM tables,
// strikethrough and GitHub's `$` math.
const MARKDOWN_INLINE_PUNCTUATION = /[\\`*_[\]~|$]/g;

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Repository text as Markdown prose or a table cell that renders exactly as the text. */
export function escapeMarkdownText(text: string): string {
  const escaped = visibleControlChars(text)
    .replace(MARKDOWN_INLINE_PUNCTUATION, (char) => `\\${char}`)
    .replace(/[&<>]/g, (char) => HTML_ENTITIES[char] ?? char);
  return neutralizeReferences(escaped);
}

export interface MarkdownCodeOptions {
  /** GFM splits table rows on `|` even inside code spans; there it must be `\|`. */
  inTable?: boolean;
}

/**
 * Repository text as a code span. The fence is longer than any run of backticks inside,
 * and padded where the text starts or ends with a backtick or a space (CommonMark strips
 * one space on each side of such text). A zero-width joiner after each `<` keeps the raw
 * body free of `<script>` and of `<!--`, so no repository string can forge the hidden
 * comment marker.
 */
export function markdownCode(text: string, options: MarkdownCodeOptions = {}): string {
  let content = neutralizeReferences(visibleControlChars(text)).replace(/</g, `<${ZERO_WIDTH_JOINER}`);
  if (options.inTable === true) {
    // A backslash right before the escaped pipe would pair with it in some parsers
    // (micromark) and end the cell: a joiner keeps them apart.
    content = content.replace(/\\(?=\|)/g, `\\${ZERO_WIDTH_JOINER}`).replace(/\|/g, '\\|');
  }
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // Text of spaces only is never stripped; empty text still needs a span to show.
  const needsPadding = content === '' || (/^[` ]|[` ]$/.test(content) && /[^ ]/.test(content));
  const padded = needsPadding ? ` ${content} ` : content;
  return `${fence}${padded}${fence}`;
}

// What ends or breaks a link destination, or a table cell around it.
const LINK_DESTINATION_UNSAFE = /[\s<>()|\\`"\p{Cc}]/gu;

/** A URL made safe as a Markdown link destination, also inside a table cell. */
export function escapeLinkDestination(url: string): string {
  return url.replace(LINK_DESTINATION_UNSAFE, (char) =>
    char.charCodeAt(0) < 0x80
      ? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
      : encodeURIComponent(char),
  );
}

/** `[label](url)`; `label` is Markdown already escaped by the caller. */
export function markdownLink(label: string, url: string): string {
  return `[${label}](${escapeLinkDestination(url)})`;
}

// The runner reads a line of a step's output as a workflow command when it starts with `::`
// after blanks (as .NET's TrimStart counts them, U+0085 and U+00A0 too), and as a legacy
// command where `##[` appears anywhere in it.
const COMMAND_AT_LINE_START = /^([\s\u0085]*):(?=:)/;

/**
 * Text for the terminal or a log, with every line the runner would take for a workflow
 * command broken by a zero-width joiner: `:\u200D:` and `##\u200D[` read the same to a
 * person and mean nothing to the runner.
 */
export function withoutWorkflowCommands(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(COMMAND_AT_LINE_START, `$1:${ZERO_WIDTH_JOINER}`).replace(/##\[/g, `##${ZERO_WIDTH_JOINER}[`))
    .join('\n');
}
