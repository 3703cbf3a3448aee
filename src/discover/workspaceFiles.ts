// The one place that opens paths a pull request can shape, for reading and for writing. A
// checkout can hold symbolic links to anything the runner can reach (`/proc/self/environ`
// holds the token, `/dev/stdin` blocks, `/dev/urandom` never ends): a link is never
// followed, only regular files are read, every read is bounded, and a file is written only
// where no link leads the write elsewhere.
import { closeSync, constants, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export type RegularFileRead =
  | { kind: 'bytes'; bytes: Buffer }
  /** A symbolic link: not followed, whatever it points at. */
  | { kind: 'link' }
  /** A folder, a FIFO, a device or a socket. */
  | { kind: 'not-a-file' }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' };

const HAS_NOFOLLOW = constants.O_NOFOLLOW !== undefined;
// O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then says it is no file.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** A regular file's bytes, at most `maxBytes` of them; never through a link as the last part of the path. */
export function readRegularFile(absolute: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    // Without O_NOFOLLOW (Windows) an lstat first is the best there is.
    if (!HAS_NOFOLLOW && lstatSync(absolute).isSymbolicLink()) return { kind: 'link' };
    fd = openSync(absolute, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return { kind: 'link' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    // A FIFO opened for reading never fails; a device or socket may refuse to open at all.
    if (code === 'ENXIO' || code === 'EISDIR' || code === 'ENODEV' || code === 'EOPNOTSUPP') return { kind: 'not-a-file' };
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: 'not-a-file' };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    return boundedRead(fd, info.size, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, but never more than `maxBytes`: the file may grow between fstat and read. */
function boundedRead(fd: number, expected: number, maxBytes: number): RegularFileRead {
  let buffer = Buffer.allocUnsafe(Math.min(expected, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return { kind: 'too-large', size: length };
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  if (length > maxBytes) return { kind: 'too-large', size: length };
  return { kind: 'bytes', bytes: buffer.subarray(0, length) };
}

/**
 * Whether the folders of root-relative paths lie inside the root without a link on the way:
 * `a/b.yml` where `a` links to `/etc` is `/etc/b.yml`. One realpath per folder, remembered.
 */
export class FolderCheck {
  private readonly known = new Map<string, boolean>();
  private readonly realRoot: string;

  constructor(private readonly root: string) {
    this.realRoot = realpathSync.native(root);
  }

  /** True when the folder of `path` (root-relative, `/`-separated) is reached without a link. */
  reachable(path: string): boolean {
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (folder === '') return true;
    let answer = this.known.get(folder);
    if (answer === undefined) {
      const expected = join(this.realRoot, ...folder.split('/'));
      try {
        answer = realpathSync.native(join(this.root, ...folder.split('/'))) === expected;
      } catch {
        answer = false;
      }
      this.known.set(folder, answer);
    }
    return answer;
  }
}

/** A write refused because a link or something other than a file is in the way; the message names what, not the path. */
export class UnsafeWriteError extends Error {}

export interface WriteTarget {
  path: string;
  /** The root whose links are refused all the way down to the file, when the path lies inside it. */
  root?: string;
  /** Missing folders are made (one by one inside the root, so none through a link); otherwise ENOENT. */
  makeFolders?: boolean;
}

/**
 * Writes `text` to `path`, refusing a link as the file itself, and, for a path inside `root`,
 * a link anywhere between the root and the file (a checkout's `reports -> /home/runner`).
 * Other failures are the file system's own errors (ENOENT, EISDIR, EACCES, ...).
 */
export function writeFileNoFollow(target: WriteTarget, text: string): void {
  const { root, makeFolders = false } = target;
  const absolute = resolve(target.path);
  const within = root === undefined ? undefined : relative(resolve(root), absolute);
  if (within !== undefined && within !== '' && !within.startsWith(`..${sep}`) && within !== '..' && !isAbsolute(within)) {
    let folder = resolve(root as string);
    for (const part of within.split(sep).slice(0, -1)) {
      folder = join(folder, part);
      const info = lstatOrUndefined(folder);
      const shown = relative(resolve(root as string), folder).split(sep).join('/');
      if (info === undefined && makeFolders) mkdirSync(folder);
      else if (info === undefined) throw Object.assign(new Error(`no such folder: ${shown}`), { code: 'ENOENT' });
      else if (info.isSymbolicLink()) throw new UnsafeWriteError(`${shown} is a symbolic link: not written through it`);
      else if (!info.isDirectory()) throw Object.assign(new Error(`not a folder: ${shown}`), { code: 'ENOTDIR' });
    }
  } else if (makeFolders) {
    mkdirSync(dirname(absolute), { recursive: true });
  }
  if (!HAS_NOFOLLOW && lstatOrUndefined(absolute)?.isSymbolicLink()) throw new UnsafeWriteError('it is a symbolic link: not written through it');
  let fd: number;
  try {
    fd = openSync(absolute, WRITE_FLAGS, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw new UnsafeWriteError('it is a symbolic link: not written through it');
    if (code === 'ENXIO') throw new UnsafeWriteError('it is not a regular file');
    throw error;
  }
  try {
    if (!fstatSync(fd).isFile()) throw new UnsafeWriteError('it is not a regular file');
    ftruncateSync(fd, 0);
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
