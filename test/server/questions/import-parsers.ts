// Parsers that misbehave on purpose, loaded by a real import worker in import-worker.test.ts.
import { ValidationError } from '../../../server/src/errors.ts';
import type { UploadedFile } from '../../../server/src/http/route.ts';
import { defineSheetParser } from '../../../server/src/imports/parser.ts';

/** Echoes the file's lines as items, `count` times over, and their number as the report. */
export function parseLines(file: UploadedFile, context: { repeat: number }) {
  const lines = file.buffer.toString('utf8').split('\n');
  const items = Array.from({ length: context.repeat }, () => lines).flat();
  return { items, report: { count: items.length } };
}

export function parseForever(): never {
  for (;;) { /* a parser stuck in a loop never yields */ }
}

export function parseAndExit(): never {
  process.exit(3);
}

export function parseAndThrow(): never {
  throw new TypeError('a bug in the parser');
}

export function parseAndRefuse(): never {
  throw new ValidationError('第 3 行的单位不存在', { row: 3, column: '单位' });
}

export const linesParser = defineSheetParser(import.meta.url, 'parseLines', parseLines);
export const foreverParser = defineSheetParser(import.meta.url, 'parseForever', parseForever);
export const exitParser = defineSheetParser(import.meta.url, 'parseAndExit', parseAndExit);
export const throwParser = defineSheetParser(import.meta.url, 'parseAndThrow', parseAndThrow);
export const refuseParser = defineSheetParser(import.meta.url, 'parseAndRefuse', parseAndRefuse);
