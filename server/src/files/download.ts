import type { FileResponse, StreamedFileResponse } from '../http/route.ts';
import { NotFoundError } from '../errors.ts';
import type { FileStore } from './store.ts';

/** What a row says of its file: in the store by checksum, or (uploaded before the store) as bytes in the row. */
export type FileRef = { name: string | null; sha256: string | null; size: number | null; legacyBytes?: Uint8Array | null };

export const DOWNLOAD_CONTENT_TYPE = 'application/octet-stream';

/** The download of a row's file, streamed from the store; rows from before the store are sent from their bytes. */
export async function downloadOf(store: FileStore, file: FileRef): Promise<FileResponse | StreamedFileResponse> {
  const filename = file.name ?? '附件';
  if (file.sha256 && file.size !== null) return { filename, contentType: DOWNLOAD_CONTENT_TYPE, body: await store.open({ sha256: file.sha256, size: file.size }) };
  if (file.legacyBytes) return { filename, contentType: DOWNLOAD_CONTENT_TYPE, body: Buffer.from(file.legacyBytes) };
  throw new NotFoundError('尚未上传文件');
}
