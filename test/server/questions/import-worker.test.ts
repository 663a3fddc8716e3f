// parseInWorker with real worker threads: results come back whole and in order, a parser's own
// refusal keeps its code and details, and a stuck, crashing or buggy parser ends in a clean
// error (never a hung call) that frees its turn for the next import.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError } from '../../../server/src/errors.ts';
import { DEFAULT_IMPORT_SETTINGS, type ImportSettings } from '../../../server/src/imports/limits.ts';
import { parseInWorker } from '../../../server/src/imports/parse-in-worker.ts';
import { exitParser, foreverParser, linesParser, refuseParser, throwParser } from './import-parsers.ts';

const settings: ImportSettings = { ...DEFAULT_IMPORT_SETTINGS, timeoutMs: 3_000, workers: 1 };
const file = { name: 'lines.txt', buffer: Buffer.from('甲\n乙\n丙', 'utf8') };

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(() => null, (error: unknown) => error);
  assert.ok(outcome instanceof AppError, `expected an AppError, got ${String(outcome)}`);
  return outcome;
}

// ---
const test = suite('parseInWorker');

test('returns every item in order, across the slices the worker posts them in, and the report', async () => {
  const { items, report } = await parseInWorker(linesParser, file, { repeat: 2_001 }, settings);
  assert.is(items.length, 6_003);
  assert.equal(items.slice(0, 4), ['甲', '乙', '丙', '甲']);
  assert.equal(items.slice(-3), ['甲', '乙', '丙']);
  assert.equal(report, { count: 6_003 });
});

test('a refusal from the parser keeps its code, message and details', async () => {
  const error = await rejection(parseInWorker(refuseParser, file, null, settings));
  assert.is(error.code, 'validation_failed');
  assert.is(error.message, '第 3 行的单位不存在');
  assert.equal(error.details, { row: 3, column: '单位' });
});

test('a parser stuck in a loop is stopped at the time limit with a Chinese 413 error, and the next import runs', async () => {
  const error = await rejection(parseInWorker(foreverParser, file, null, { ...settings, timeoutMs: 1_000 }));
  assert.is(error.code, 'file_too_large');
  assert.match(error.message, /解析超过 1 秒/);
  assert.equal(error.details, { limit: 'time', maxSeconds: 1 });
  assert.is((await parseInWorker(linesParser, file, { repeat: 1 }, settings)).items.length, 3);
});

test('a worker that exits or a parser that throws a bug gives import_failed, and the next import runs', async () => {
  for (const parser of [exitParser, throwParser]) {
    const error = await rejection(parseInWorker(parser, file, null, settings));
    assert.is(error.code, 'import_failed');
    assert.match(error.message, /导入文件解析失败/);
  }
  assert.is((await parseInWorker(linesParser, file, { repeat: 1 }, settings)).items.length, 3);
});

test('with one worker, imports wait their turn instead of running at once', async () => {
  const finished: string[] = [];
  const stuck = rejection(parseInWorker(foreverParser, file, null, { ...settings, timeoutMs: 1_000 })).then(() => finished.push('stuck'));
  const next = parseInWorker(linesParser, file, { repeat: 1 }, settings).then(() => finished.push('next'));
  await Promise.all([stuck, next]);
  // A quick parse started second still ends second: it waited for the stuck one to be stopped.
  assert.equal(finished, ['stuck', 'next']);
});

test.run();
