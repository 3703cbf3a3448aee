// Source that nobody in the repository wrote: bundles, minified and generated code. Its
// listeners are copies of code read elsewhere or of other people's, so it is skipped quietly
// (no claim, no diagnostic), by its name or by its text.

/**
 * Hand-written code keeps its lines to a few hundred characters; a line of thousands is a
 * bundle or minified code (a `public/app.js` of 15,000-character lines).
 */
export const GENERATED_LINE_LENGTH = 5000;

/** `vendor.min.js`, `app.bundle.js`, webpack's `123.chunk.js`; protobuf's `*.pb.go` and `*_pb2.py`. */
export function isGeneratedFileName(fileName: string): boolean {
  return /\.(?:min|bundle|chunk)\.[cm]?js$/.test(fileName) || /\.pb(?:\.gw)?\.go$/.test(fileName) || /_pb2(?:_grpc)?\.py$/.test(fileName);
}

/**
 * Go's convention for generated files (a `// Code generated ... DO NOT EDIT.` line before the
 * package clause) and the `@generated` mark that many generators write in the file's first
 * comment, searched near the top of the file only.
 */
const GENERATED_MARK = /^\/\/ Code generated .* DO NOT EDIT\.$|@generated\b/m;
const MARK_WINDOW = 2048;

export function isGeneratedSource(text: string): boolean {
  return GENERATED_MARK.test(text.slice(0, MARK_WINDOW)) || hasLineLongerThan(text, GENERATED_LINE_LENGTH);
}

function hasLineLongerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    if (end - start > max) return true;
    start = end + 1;
  }
  return text.length - start > max;
}
