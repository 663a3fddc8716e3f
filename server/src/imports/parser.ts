// The contract between an import and the worker that parses it. A parser is a plain function
// in its own module, named by the module's URL and export so a worker thread can load it; it
// gets the uploaded file, a structured-cloneable context (plain data: no functions, no
// database), and the limits to count against, and returns the accepted items plus a report.
import type { UploadedFile } from '../http/route.ts';
import type { ImportLimits } from './limits.ts';

export type ParsedImport<T, S> = { items: T[]; report: S };
export type SheetParse<C, T, S> = (file: UploadedFile, context: C, limits: ImportLimits) => ParsedImport<T, S> | Promise<ParsedImport<T, S>>;

declare const parserTypes: unique symbol;
/** Where a worker finds a parser; the brand carries its types to the caller of parseInWorker. */
export type SheetParser<C, T, S> = { moduleUrl: string; exportName: string; readonly [parserTypes]?: SheetParse<C, T, S> };

/**
 * Names a parser for parseInWorker. Call it in the parser's own module with import.meta.url and
 * the export's name; passing the function itself lets TypeScript check the name's types.
 */
export function defineSheetParser<C, T, S>(moduleUrl: string, exportName: string, _parse: SheetParse<C, T, S>): SheetParser<C, T, S> {
  return { moduleUrl, exportName };
}
