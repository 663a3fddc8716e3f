// Loads the bank shipped in question-bank/ at every start: statutes first, then the national
// questions. Both steps compare content hashes, so a start with nothing new writes nothing;
// a newer shipped text or question becomes a new revision or version.
import type { Db } from '../db/client.ts';
import { saveQuestions, type SaveSummary } from '../questions/store.ts';
import { loadStatuteRevision, type RevisionOutcome } from '../statutes/loader.ts';
import { QuestionSchema, type Question } from './question-format.ts';
import { loadQuestionLines, readManifest, readStatuteFile } from './files.ts';

export type BankLoadSummary = { statutes: RevisionOutcome[]; questions: SaveSummary };

export async function loadShippedStatutes(db: Db): Promise<RevisionOutcome[]> {
  const outcomes: RevisionOutcome[] = [];
  for (const [ordinal, entry] of readManifest().entries()) {
    const slug = entry.file.replace(/\.md$/, '');
    // A revision an administrator loaded later than the shipped one is kept.
    const current = await db.statuteRevision.findFirst({ where: { statute: { slug }, isCurrent: true }, select: { revisedOn: true, source: true } });
    if (current && current.source !== entry.source && current.revisedOn >= entry.revision) continue;
    outcomes.push(await loadStatuteRevision(db, { slug, title: entry.title, ordinal: ordinal + 1, markdown: readStatuteFile(entry.file), revisedOn: entry.revision, source: entry.source }));
  }
  return outcomes;
}

/** The shipped questions; the bank check guarantees they parse, so a failure here is a packaging bug. */
export function shippedQuestions(): Question[] {
  return loadQuestionLines().map((line) => {
    const parsed = QuestionSchema.safeParse(line.value);
    if (!parsed.success) throw new Error(`${line.file}:${line.line} is not a valid question: ${parsed.error.message}`);
    return parsed.data;
  });
}

export async function loadShippedBank(db: Db, onProgress?: (done: number, total: number) => void): Promise<BankLoadSummary> {
  const statutes = await loadShippedStatutes(db);
  const questions = await saveQuestions(db, shippedQuestions(), { owner: { kind: 'national' }, actorId: null, keepEditedVersions: true, onProgress });
  return { statutes, questions };
}
