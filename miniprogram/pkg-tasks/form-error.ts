// A refused form in words: the server's message, and the first field problem when it named one.
import { ApiError, errorMessage } from '../services/request';

export function formErrorText(error: unknown): string {
  const details = error instanceof ApiError && Array.isArray(error.details) ? (error.details as Array<{ message?: string }>) : [];
  return details[0]?.message ? `${errorMessage(error)}：${details[0].message}` : errorMessage(error);
}
