// Reading an .xlsx (a zip) safely: the central directory is read first and a file that would
// unpack past the limit is refused from there, before anything is inflated. Entries are then
// inflated as streams, counting the bytes that come out, so a directory that understates a
// size is caught too; and the entries must lie back to back as the directory says, so a
// streaming unzipper reading the same bytes sees nothing the directory did not declare.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { unzippedTooLarge, type ImportLimits } from './limits.ts';

export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; headerOffset: number; dataStart: number; hasDescriptor: boolean };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;
/** More entries than any workbook has; each costs a little even when empty. */
const MAX_ENTRIES = 10_000;

/** Not a zip, or one whose structure does not add up: the caller reports an unreadable file. */
export class UnreadableZipError extends Error {}

function endOfDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 65_535); at--) {
    if (buffer.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new UnreadableZipError('no end of central directory');
}

function localDataStart(buffer: Buffer, headerOffset: number): number {
  if (headerOffset + 30 > buffer.length || buffer.readUInt32LE(headerOffset) !== LOCAL_HEADER) throw new UnreadableZipError('bad local header');
  return headerOffset + 30 + buffer.readUInt16LE(headerOffset + 26) + buffer.readUInt16LE(headerOffset + 28);
}

/** The entries as the central directory declares them; refuses a declared total past the limit. */
export function zipEntries(buffer: Buffer, limits: ImportLimits): ZipEntry[] {
  if (buffer.length < 22) throw new UnreadableZipError('too short');
  const end = endOfDirectory(buffer);
  const count = buffer.readUInt16LE(end + 10);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === ZIP64_MARKER || count > MAX_ENTRIES) throw unzippedTooLarge(limits);
  const entries: ZipEntry[] = [];
  let declared = 0;
  for (let at = directoryOffset, i = 0; i < count; i++) {
    if (at + 46 > end || buffer.readUInt32LE(at) !== DIRECTORY_HEADER) throw new UnreadableZipError('bad directory header');
    const nameLength = buffer.readUInt16LE(at + 28);
    const entry = {
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      hasDescriptor: (buffer.readUInt16LE(at + 8) & 0x8) !== 0,
      compressedSize: buffer.readUInt32LE(at + 20),
      size: buffer.readUInt32LE(at + 24),
      headerOffset: buffer.readUInt32LE(at + 42),
    };
    if (entry.size === ZIP64_MARKER || entry.compressedSize === ZIP64_MARKER) throw unzippedTooLarge(limits);
    declared += entry.size;
    if (declared > limits.maxUnzippedBytes) throw unzippedTooLarge(limits);
    entries.push({ ...entry, dataStart: localDataStart(buffer, entry.headerOffset) });
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  checkBackToBack(entries, directoryOffset);
  return entries;
}

/** Each entry's data ends where the next local header begins (after an optional data descriptor). */
function checkBackToBack(entries: ZipEntry[], directoryOffset: number): void {
  const ordered = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  ordered.forEach((entry, i) => {
    if (entry.method !== STORED && entry.method !== DEFLATED) throw new UnreadableZipError(`compression method ${entry.method}`);
    const next = ordered[i + 1]?.headerOffset ?? directoryOffset;
    const gap = next - (entry.dataStart + entry.compressedSize);
    // A descriptor is crc + sizes (12 bytes), 16 with its optional signature, 20/24 in zip64 form.
    const allowed = entry.hasDescriptor ? [12, 16, 20, 24] : [0];
    if (!allowed.includes(gap)) throw new UnreadableZipError(`entry ${entry.name} does not end where the next begins`);
  });
}

/** The entry's bytes, inflated as a stream; refuses more output than the directory declared. */
export async function* inflateEntry(buffer: Buffer, entry: ZipEntry, limits: ImportLimits): AsyncGenerator<Buffer> {
  const data = buffer.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === STORED) {
    if (data.length !== entry.size) throw new UnreadableZipError(`stored entry ${entry.name} size mismatch`);
    yield data;
    return;
  }
  let produced = 0;
  for await (const chunk of Readable.from([data]).pipe(createInflateRaw()) as AsyncIterable<Buffer>) {
    produced += chunk.length;
    // An understated size is how a crafted bomb slips past the directory check.
    if (produced > entry.size) throw unzippedTooLarge(limits);
    yield chunk;
  }
}
