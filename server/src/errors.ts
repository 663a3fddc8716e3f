// One error hierarchy for the whole server. Errors carry a stable code and a Chinese message
// but no HTTP status: the error middleware maps codes to statuses (and the bot to chat replies).

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>>;

export class AppError extends Error {
  constructor(readonly code: string, message: string, readonly details?: ErrorDetails) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message = '请求参数不正确', details?: ErrorDetails) { super('validation_failed', message, details); }
}

export class UnauthenticatedError extends AppError {
  constructor(message = '请先登录', code = 'unauthenticated') { super(code, message); }
}

export class ForbiddenError extends AppError {
  constructor(message = '没有权限执行此操作') { super('forbidden', message); }
}

export class NotFoundError extends AppError {
  constructor(message = '记录不存在或无权访问') { super('not_found', message); }
}

export class ConflictError extends AppError {
  constructor(message = '数据与已有记录冲突', details?: ErrorDetails) { super('conflict', message, details); }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number, message = '请求过于频繁，请稍后再试') {
    super('rate_limited', message, { retryAfterSeconds });
  }
}

export class AccountLockedError extends AppError {
  constructor(readonly lockedUntil: Date) {
    super('account_locked', '连续登录失败次数过多，账号已临时锁定，请稍后再试', { lockedUntil: lockedUntil.toISOString() });
  }
}

/** An import file has problems; details list each as {row, column, message}. Nothing was written. */
export class ImportRejectedError extends AppError {
  constructor(message: string, details: Array<{ row: number; column: string; message: string }>) { super('import_invalid', message, details); }
}

/** A call to WeChat or another upstream service failed; `code` says whose fault it was. */
export class UpstreamError extends AppError {}

/** HTTP status for every error code the server emits. Unknown codes are treated as 500. */
export const statusByCode: Record<string, number> = {
  validation_failed: 400,
  invalid_json: 400,
  wechat_code_invalid: 400,
  bind_ticket_invalid: 400,
  invitation_invalid: 400,
  identity_mismatch: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  token_invalid: 401,
  bot_key_invalid: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  file_too_large: 413,
  import_invalid: 422,
  exam_not_open: 409,
  exam_closed: 409,
  no_attempts_left: 409,
  attempt_finished: 409,
  deadline_passed: 409,
  paper_unavailable: 409,
  session_closed: 409,
  check_answered: 409,
  check_expired: 409,
  already_appealed: 409,
  qr_invalid: 400,
  qr_expired: 400,
  meeting_not_in_progress: 409,
  notification_not_claimed: 409,
  not_invited: 403,
  lecture_verified: 409,
  report_scored: 409,
  report_not_submitted: 409,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal_error: 500,
  wechat_unavailable: 502,
  wechat_error: 502,
  not_ready: 503,
  bot_api_disabled: 503,
  contact_unbound: 403,
  not_group_member: 403,
  daily_closed: 409,
};
