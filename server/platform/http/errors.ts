/**
 * The small vocabulary of failures. Every error the API returns has the body
 * `{"error": {"code", "message", "details"}}`; the code is stable, the message is for people.
 */
export type ErrorCode =
  | 'bad_request'
  | 'malformed_json'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'version_conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'invalid_geometry'
  | 'import_failed'
  | 'rate_limited'
  | 'busy'
  | 'internal_error';

export interface ErrorDetail {
  path?: string;
  row?: number;
  column?: string;
  message: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Extra top-level fields for the body, such as the current state on a conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody() {
    return { error: { code: this.code, message: this.message, details: this.details, ...this.extra } };
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) => new AppError(400, 'bad_request', message, details);
export const validationFailed = (message: string, details?: ErrorDetail[]) =>
  new AppError(400, 'validation_failed', message, details);
export const unauthenticated = (message = '请先登录 Sign-in required') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = '无权执行此操作 Not permitted') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'record') => new AppError(404, 'not_found', `未找到 ${what} not found`);
export const conflict = (message: string, extra?: Record<string, unknown>) => new AppError(409, 'conflict', message, [], extra);
export const versionConflict = (current: unknown) =>
  new AppError(409, 'version_conflict', '记录已被他人修改，请刷新后重试 The record was changed by someone else', [], { current });
export const unprocessable = (message: string, details?: ErrorDetail[]) => new AppError(422, 'unprocessable', message, details);
export const invalidGeometry = (reason: string) => new AppError(422, 'invalid_geometry', `几何图形无效：${reason}`, [{ message: reason }]);
