import { AppError } from '../errors.ts';

export class NotReadyError extends AppError {
  constructor() { super('not_ready', '数据库暂不可用'); }
}
