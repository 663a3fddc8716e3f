// What an import may cost, and the errors for a file that would cost more. The limits travel
// into the worker with each job; the parser counts against them as it streams, so a hostile
// file is refused at the first row or byte past a limit instead of after it has been read.
import { AppError } from '../errors.ts';

export type ImportLimits = {
  /** Bytes all entries of an .xlsx may unpack to (checked from the zip's directory, then while inflating). */
  maxUnzippedBytes: number;
  /** Rows of a sheet, counting the header and blank rows (the last row number of an xlsx sheet). */
  maxRows: number;
  /** Cells with content, over the whole file. */
  maxCells: number;
};

export type ImportSettings = {
  limits: ImportLimits;
  /** A parse running longer than this is stopped and the import refused. */
  timeoutMs: number;
  /** Imports parsed at once; more wait their turn. At most 2, so an import never takes every core. */
  workers: number;
};

/** The defaults, shared with env.ts so configuration and library callers agree. */
export const IMPORT_DEFAULTS = { maxUnzippedMb: 100, maxRows: 200_000, maxCells: 3_000_000, timeoutSeconds: 120, workers: 1 } as const;

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = settingsOf(IMPORT_DEFAULTS);

type ImportConfig = { IMPORT_MAX_UNZIPPED_MB: number; IMPORT_MAX_ROWS: number; IMPORT_MAX_CELLS: number; IMPORT_TIMEOUT_SECONDS: number; IMPORT_WORKERS: number };

export function importSettingsFrom(config: ImportConfig): ImportSettings {
  return settingsOf({
    maxUnzippedMb: config.IMPORT_MAX_UNZIPPED_MB, maxRows: config.IMPORT_MAX_ROWS, maxCells: config.IMPORT_MAX_CELLS,
    timeoutSeconds: config.IMPORT_TIMEOUT_SECONDS, workers: config.IMPORT_WORKERS,
  });
}

function settingsOf(values: { maxUnzippedMb: number; maxRows: number; maxCells: number; timeoutSeconds: number; workers: number }): ImportSettings {
  return {
    limits: { maxUnzippedBytes: values.maxUnzippedMb * 1024 * 1024, maxRows: values.maxRows, maxCells: values.maxCells },
    timeoutMs: values.timeoutSeconds * 1000,
    workers: values.workers,
  };
}

/** Which limit a file went past; `details.limit` lets a client tell them apart. */
export type LimitKind = 'unzipped_bytes' | 'rows' | 'cells' | 'time' | 'memory' | 'zip_structure';

/** The file needs more than an import may use (413). Nothing was written. */
export class ImportTooLargeError extends AppError {
  constructor(limit: LimitKind, message: string, details: Record<string, unknown> = {}) {
    super('file_too_large', message, { limit, ...details });
  }
}

/** The parse failed for a reason of ours, not the file's (the worker crashed). Nothing was written. */
export class ImportFailedError extends AppError {
  constructor(message = '导入文件解析失败，请稍后重试；如果反复出现，请联系管理员') { super('import_failed', message); }
}

const MB = 1024 * 1024;

/** Counts rows and cells as a reader produces them and refuses the first one past a limit. */
export function limitCounter(limits: ImportLimits) {
  let cells = 0;
  return {
    row(rowNumber: number): void {
      if (rowNumber > limits.maxRows) throw new ImportTooLargeError('rows', `文件行数超过上限 ${limits.maxRows} 行，请拆分成几个文件分别导入`, { max: limits.maxRows });
    },
    cells(count: number): void {
      cells += count;
      if (cells > limits.maxCells) throw new ImportTooLargeError('cells', `文件中有内容的单元格超过上限 ${limits.maxCells} 个，请拆分成几个文件分别导入`, { max: limits.maxCells });
    },
  };
}

export function unzippedTooLarge(limits: ImportLimits): ImportTooLargeError {
  return new ImportTooLargeError('unzipped_bytes', `Excel 文件解压后超过上限 ${Math.round(limits.maxUnzippedBytes / MB)} MB，无法导入。请删除多余的工作表、格式或图片，或拆分成几个文件`, { max: limits.maxUnzippedBytes });
}
