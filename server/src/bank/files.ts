// Reading the bank from disk: statute texts with their manifest, and question JSON Lines files.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStatute, type Statute } from './statute-parser.ts';
import type { SourcedLine } from './checks.ts';

export const BANK_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../question-bank');

export type ManifestEntry = { file: string; title: string; revision: string; articles: number; history: string[]; source: string };

export function readManifest(dir = join(BANK_DIR, 'laws')): ManifestEntry[] {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

export function readStatuteFile(file: string, dir = join(BANK_DIR, 'laws')): string {
  return readFileSync(join(dir, file), 'utf8');
}

export function loadStatutes(dir = join(BANK_DIR, 'laws')): Map<string, Statute> {
  const statutes = new Map<string, Statute>();
  for (const entry of readManifest(dir)) {
    const slug = entry.file.replace(/\.md$/, '');
    statutes.set(slug, parseStatute(slug, readFileSync(join(dir, entry.file), 'utf8')));
  }
  return statutes;
}

/** Each non-empty line of a .jsonl file, parsed; a line that is not JSON is kept with its parse error. */
export function readJsonLines(file: string): SourcedLine[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((text, index) => {
    if (!text.trim()) return [];
    try {
      return [{ file: basename(file), line: index + 1, value: JSON.parse(text) as unknown }];
    } catch (error) {
      return [{ file: basename(file), line: index + 1, value: null, parseError: (error as Error).message }];
    }
  });
}

export function loadQuestionLines(dir = join(BANK_DIR, 'questions')): SourcedLine[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => readJsonLines(join(dir, f)));
}
