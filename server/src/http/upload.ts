// Multipart uploads for import endpoints: one file in field `file`, kept in memory and
// bounded in size, so a file is validated whole before anything is written.
import multer from '@koa/multer';
import type Koa from 'koa';
import { AppError, ValidationError } from '../errors.ts';
import type { UploadedFile } from './route.ts';

export class FileTooLargeError extends AppError {
  constructor(maxBytes: number) { super('file_too_large', `文件过大，最大 ${Math.round(maxBytes / 1024 / 1024)} MB`); }
}

/** Reads the multipart body into memory and returns its one file. */
export async function receiveUpload(ctx: Koa.Context, maxBytes: number): Promise<UploadedFile> {
  if (!ctx.is('multipart/form-data')) throw new ValidationError('请以 multipart/form-data 上传文件（字段名 file）');
  const single = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 10 } }).single('file');
  try {
    await single(ctx as never, async () => undefined);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') throw new FileTooLargeError(maxBytes);
    if (code?.startsWith('LIMIT_')) throw new ValidationError('上传内容不符合要求：只能上传一个文件（字段名 file）');
    throw new ValidationError('上传的表单无法解析');
  }
  const file = (ctx as unknown as { file?: { originalname: string; buffer: Buffer } }).file;
  if (!file) throw new ValidationError('请上传文件（字段名 file）');
  // Multer reads the original name as latin1; browsers send UTF-8, so Chinese names are re-decoded.
  return { name: Buffer.from(file.originalname, 'latin1').toString('utf8'), buffer: file.buffer };
}
