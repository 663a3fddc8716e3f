// exceljs hands a cell over as one of many shapes; the readers only ever want its text.
import type { CellValue } from 'exceljs';

/** Dates have no business in a question sheet, but if one appears, show it the way it reads in Excel. */
function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function rawText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  // A formula's text is its last computed result; Excel saves it alongside the formula.
  if ('formula' in value || 'sharedFormula' in value) return rawText(value.result ?? null);
  if ('hyperlink' in value) return rawText(value.text as CellValue);
  if ('error' in value) return value.error;
  return '';
}

/** Trimmed text with Windows line breaks made plain, '' for an empty cell. */
export function cellText(value: CellValue): string {
  return rawText(value).replace(/\r\n?/g, '\n').trim();
}
