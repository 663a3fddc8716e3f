// The file store: uploaded files live in a directory (FILE_STORE_DIR), never in table rows,
// named by their SHA-256 (`ab/abcdef…`). Rows keep the checksum and the size. A file is written
// to a temporary name and renamed into place, so a reader never sees half a file, and the same
// content uploaded twice is one file. Files are evidence (lecture material, 述法 attachments)
// and are never deleted here. Every instance must see the same directory (a shared volume).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.ts';

export type StoredFile = { sha256: string; size: number };

const SHA256 = /^[0-9a-f]{64}$/;

/** A row names a file the store does not have: the store was not shared or was restored apart. */
export class StoredFileMissingError extends AppError {
  constructor() { super('file_missing', '文件已丢失，请联系管理员'); }
}

export class FileStore {
  readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Writes the bytes (if the store does not have them yet) and returns their checksum and size. */
  async save(bytes: Buffer): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    const temporary = join(this.root, 'tmp', `${sha256}.${randomBytes(6).toString('hex')}`);
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
    return { sha256, size: bytes.length };
  }

  /** A stream of a stored file, checked to exist with the recorded size before anything is sent. */
  async open(file: StoredFile): Promise<ReadStream> {
    const path = this.pathOf(file.sha256);
    const found = await stat(path).catch(() => null);
    if (!found || found.size !== file.size) throw new StoredFileMissingError();
    return createReadStream(path);
  }
}

const stores = new Map<string, FileStore>();

/** The store of a configured directory, one per directory. */
export function fileStoreAt(dir: string): FileStore {
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = new FileStore(dir)));
  return store;
}
