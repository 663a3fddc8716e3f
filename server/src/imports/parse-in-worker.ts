// Imports off the event loop. An uploaded file is parsed and validated in a worker thread, so
// requests (answer saves, heartbeats, /healthz) keep being served while it runs; the caller
// gets back only what passed, and writes it afterwards in small batches.
//
// Interface, for any import (questions today, people next):
//
//   // in the parser's module (runs inside the worker; no database, no Koa):
//   export function parsePeople(file: UploadedFile, context: PeopleContext, limits: ImportLimits):
//     ParsedImport<PersonRow, PeopleReport> { … }
//   export const peopleParser = defineSheetParser(import.meta.url, 'parsePeople', parsePeople);
//
//   // in the service (main thread):
//   const { items, report } = await parseInWorker(peopleParser, file, context, settings);
//
// - `context` is structured-cloned into the worker: plain data only (e.g. the organisation
//   codes a row may name), never functions or a database client.
// - `settings` (ImportSettings, from importSettingsFrom(config)) carries the limits the parser
//   counts against (limitCounter for rows and cells; zipEntries + inflateEntry for an .xlsx,
//   or bank/sheet's streaming xlsx reader), the time limit and how many workers run at once
//   (IMPORT_WORKERS, 1–2; further imports wait, more than MAX_WAITING are refused with 429).
// - Errors: an AppError thrown by the parser reaches the caller with its code, message and
//   details (e.g. ImportTooLargeError → 413 file_too_large); a parse past the time limit or the
//   worker's memory cap is an ImportTooLargeError ('time' / 'memory'); any other failure of
//   the worker (a crash, an exit) is an ImportFailedError. The request never hangs.
// - Row problems the organiser must fix belong in the parser's report, not in errors.
import { Worker } from 'node:worker_threads';
import { AppError, RateLimitedError, type ErrorDetails } from '../errors.ts';
import type { UploadedFile } from '../http/route.ts';
import { ImportFailedError, ImportTooLargeError, type ImportLimits, type ImportSettings } from './limits.ts';
import type { ParsedImport, SheetParser } from './parser.ts';

export type WorkerJob = { moduleUrl: string; exportName: string; file: UploadedFile; context: unknown; limits: ImportLimits };
export type WorkerMessage =
  | { kind: 'items'; items: unknown[] }
  | { kind: 'done'; report: unknown }
  | { kind: 'refused'; code: string; message: string; details?: ErrorDetails }
  | { kind: 'failed'; message: string };

/** Old-generation heap of one worker: a file that needs more is refused, the server is not. */
const WORKER_HEAP_MB = 768;
const MAX_WAITING = 8;

// The server runs TypeScript through tsx, whose loader a worker does not inherit: register it,
// then load the worker module.
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); });`;

let running = 0;
const waiting: Array<() => void> = [];

async function takeTurn(workers: number): Promise<void> {
  if (running < workers) { running++; return; }
  if (waiting.length >= MAX_WAITING) throw new RateLimitedError(30, '正在处理的导入较多，请稍后再试');
  // The finishing job hands its slot over, so `running` stays counted.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function endTurn(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** Parses a file in a worker thread within the settings' limits; see the header for the contract. */
export async function parseInWorker<C, T, S>(parser: SheetParser<C, T, S>, file: UploadedFile, context: C, settings: ImportSettings): Promise<ParsedImport<T, S>> {
  await takeTurn(Math.min(2, Math.max(1, settings.workers)));
  try {
    return await runJob<T, S>({ moduleUrl: parser.moduleUrl, exportName: parser.exportName, file, context, limits: settings.limits }, settings.timeoutMs);
  } finally {
    endTurn();
  }
}

function runJob<T, S>(job: WorkerJob, timeoutMs: number): Promise<ParsedImport<T, S>> {
  const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const items: T[] = [];
  return new Promise<ParsedImport<T, S>>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new ImportTooLargeError('time', `文件解析超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成，已停止。请拆分成几个较小的文件分别导入`, { maxSeconds: timeoutMs / 1000 }))), timeoutMs);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'items') {
        for (const item of message.items as T[]) items.push(item);
        // Ask for the next slice once waiting requests have had their turn.
        setImmediate(() => { if (!settled) worker.postMessage('next'); });
        return;
      }
      if (message.kind === 'done') settle(() => resolve({ items, report: message.report as S }));
      else if (message.kind === 'refused') settle(() => reject(new AppError(message.code, message.message, message.details)));
      else settle(() => reject(Object.assign(new ImportFailedError(), { cause: message.message })));
    });
    worker.on('error', (error: Error & { code?: string }) => settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new ImportTooLargeError('memory', '文件解析所需内存超过上限，已停止。请删除多余的工作表或格式，或拆分成几个较小的文件', { maxHeapMb: WORKER_HEAP_MB })
      : Object.assign(new ImportFailedError(), { cause: error }))));
    worker.on('exit', (code) => settle(() => reject(Object.assign(new ImportFailedError(), { cause: `import worker exited with code ${code}` }))));
  });
}
