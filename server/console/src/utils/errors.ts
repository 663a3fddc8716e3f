import { ApiError } from '../api/client';

/** The Chinese message to show for a failure: the server's own words when it gave some. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}
