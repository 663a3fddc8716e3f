// Generated import files for the import tests and the imports benchmark (never committed as
// data): a large valid question CSV, minimal .xlsx workbooks written by hand, and zip bombs —
// one whose directory admits its size and one whose directory lies about it.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';

const HEADER = '题型,题干,答案,解析,法条依据';

/** A valid judge question per row, stems all different; GBK keeps 100,000 rows under the 10 MB upload limit. */
export function questionCsv(count: number, options: { badRow?: number; prefix?: string } = {}): Buffer {
  const lines = [HEADER];
  for (let i = 1; i <= count; i++) {
    // Row i + 1 in the sheet (the header is row 1); the bad row cites an article the 宪法 does not have.
    const article = i + 1 === options.badRow ? '第九百九十九条' : '第一条';
    lines.push(`判断,${options.prefix ?? ''}第${i}题宪法规定的内容,对,宪法条文,《宪法》${article}`);
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
}

export type ZipPart = { name: string; data: Buffer; size?: number; crc?: number; stored?: boolean };

/** A zip of already-compressed parts (deflated unless `stored`); `size` may understate, to lie. */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const method = part.stored ? 0 : 8;
    const size = part.size ?? part.data.length;
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); header.writeUInt16LE(0x800, at + 2); header.writeUInt16LE(method, at + 4);
      header.writeUInt32LE(part.crc ?? 0, at + 10); header.writeUInt32LE(part.data.length, at + 14); header.writeUInt32LE(size, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    directory.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const size = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

const deflated = (name: string, text: string | Buffer): ZipPart => {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return { name, data: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbookParts(): ZipPart[] {
  return [
    deflated('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    deflated('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    deflated('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets><sheet name="题目" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflated('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
  ];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const columnName = (index: number) => String.fromCharCode(65 + index);

/** Sheet XML rows of inline strings. */
export function sheetRowsXml(rows: string[][]): string {
  return rows.map((cells, r) => `<row r="${r + 1}">${cells.map((text, c) => `<c r="${columnName(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`).join('')}</row>`).join('');
}

/** A real, minimal .xlsx with one sheet 题目 holding these rows. */
export function xlsxOfRows(rows: string[][]): Buffer {
  return zipOf([...workbookParts(), deflated('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheetRowsXml(rows)}</sheetData></worksheet>`)]);
}

export const QUESTION_HEADER = HEADER.split(',');
export const questionRow = (i: number) => ['判断', `第${i}题宪法规定的内容`, '对', '宪法条文', '《宪法》第一条'];

/**
 * An .xlsx whose sheet unpacks to `megabytes` MB: a few real rows, then the rest as blank
 * padding inside the sheet, which deflate shrinks about a thousandfold.
 * With `lie`, the directory declares the sheet a thousand times smaller than it is.
 */
export function zipBombXlsx(megabytes: number, options: { lie?: boolean } = {}): Buffer {
  const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${sheetRowsXml([QUESTION_HEADER, questionRow(1)])}</sheetData>`, 'utf8');
  const tail = Buffer.from('</worksheet>', 'utf8');
  const padding = Buffer.alloc(megabytes * 1024 * 1024 - head.length - tail.length, 0x20);
  const sheet = Buffer.concat([head, padding, tail]);
  const part: ZipPart = { name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(sheet, { level: constants.Z_BEST_COMPRESSION }), size: sheet.length, crc: crc32(sheet) };
  if (options.lie) part.size = Math.ceil(sheet.length / 1000);
  return zipOf([...workbookParts(), part]);
}
