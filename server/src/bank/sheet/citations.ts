// The 法条依据 cell: "《中华人民共和国宪法》第六十二条第二款；《行政处罚法》第33条" ⇄ citations.
import type { Question } from '../question-format.ts';
import { parseNumeral, toChineseNumeral } from './numerals.ts';
import type { StatuteLookup } from './types.ts';

type Citation = Question['citations'][number];
export type ParsedCitations = { citations: Citation[]; problems: string[] };

const SEPARATORS = /[；;、，,\n]+/;
const FULL = /^(?:《([^《》]+)》|([^《》第]+))?第([^条款]+)条(?:第([^条款]+)款)?$/;
const CLAUSE_ONLY = /^第([^条款]+)款$/;
const EXPECTED = '应写作《法规名称》第X条或《法规名称》第X条第Y款';

/** Parses every citation in the cell, checking each statute and article exists; all problems are kept. */
export function parseCitations(text: string, statutes: StatuteLookup): ParsedCitations {
  const citations: Citation[] = [];
  const problems = new Set<string>();
  // "《宪法》第一条、第二条" cites two articles of one statute, "第一条第一款、第二款" two clauses of one article.
  let title: string | null = null;
  let previous: Citation | null = null;
  for (const piece of text.split(SEPARATORS).map((p) => p.replace(/\s+/g, '')).filter(Boolean)) {
    const clauseOnly = CLAUSE_ONLY.exec(piece);
    if (clauseOnly) {
      const paragraph = parseNumeral(clauseOnly[1]!);
      if (paragraph && previous) citations.push({ law: previous.law, article: previous.article, paragraph });
      else if (paragraph) problems.add(`法条依据“${piece}”前面没有可以沿用的条文，${EXPECTED}`);
      else problems.add(`无法识别法条依据“${piece}”，${EXPECTED}`);
      continue;
    }
    const match = FULL.exec(piece);
    const article = match ? parseNumeral(match[3]!) : null;
    const paragraph = match?.[4] ? parseNumeral(match[4]) : undefined;
    previous = null;
    if (!match || !article || paragraph === null) { problems.add(`无法识别法条依据“${piece}”，${EXPECTED}`); continue; }
    title = match[1] ?? match[2] ?? title;
    if (!title) { problems.add(`法条依据“${piece}”没有写明法规名称，${EXPECTED}`); continue; }
    const law = statutes.slugForTitle(title);
    if (!law) { problems.add(`未找到法规《${title}》`); continue; }
    if (!statutes.hasArticle(law, article)) { problems.add(`《${title}》没有第${article}条`); continue; }
    previous = paragraph ? { law, article, paragraph } : { law, article };
    citations.push(previous);
  }
  return { citations, problems: [...problems] };
}

/** Statute style where possible (第三十三条); the helper covers 1..999, which every statute we hold fits. */
function numberLabel(n: number): string {
  return n <= 999 ? toChineseNumeral(n) : String(n);
}

/** "《中华人民共和国行政处罚法》第三十三条；《中华人民共和国宪法》第六十二条第二款". */
export function formatCitations(citations: Citation[], statutes: StatuteLookup): string {
  return citations.map((c) => `《${statutes.titleOf(c.law)}》第${numberLabel(c.article)}条${c.paragraph ? `第${numberLabel(c.paragraph)}款` : ''}`).join('；');
}
