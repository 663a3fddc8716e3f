// The worker side of parseInWorker: loads the named parser, runs it on the file and posts the
// items back in slices, each only when the main thread asks for it: messages waiting on a port
// are all deserialised in one go, so 100,000 items posted at once held the event loop for most
// of a second; one slice at a time, requests get their turn between slices.
import { setPriority } from 'node:os';
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { SheetParse } from './parser.ts';
import type { WorkerJob, WorkerMessage } from './parse-in-worker.ts';

const SLICE = 1_000;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

async function run(job: WorkerJob): Promise<void> {
  // Linux applies a nice value to the calling thread only: the parse yields the CPU to requests.
  try { setPriority(10); } catch { /* not permitted here: run at normal priority */ }
  const module = await import(job.moduleUrl) as Record<string, SheetParse<unknown, unknown, unknown>>;
  const parse = module[job.exportName];
  if (typeof parse !== 'function') throw new Error(`${job.moduleUrl} has no export ${job.exportName}`);
  // Structured clone turns a Buffer into a plain Uint8Array; readers expect a Buffer.
  const buffer = Buffer.from(job.file.buffer.buffer, job.file.buffer.byteOffset, job.file.buffer.byteLength);
  const { items, report } = await parse({ name: job.file.name, buffer }, job.context, job.limits);
  for (let start = 0; start < items.length; start += SLICE) {
    post({ kind: 'items', items: items.slice(start, start + SLICE) });
    await once(parentPort!, 'message');
  }
  post({ kind: 'done', report });
}

run(workerData as WorkerJob).catch((error: unknown) => {
  if (error instanceof AppError) post({ kind: 'refused', code: error.code, message: error.message, details: error.details });
  else post({ kind: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
});
