// The bank command as organisers and operators run it: export the loaded bank, import it into
// an empty database, export again and get the same file; write the empty template.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { shippedQuestions } from '../../server/src/bank/seed.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'xuefa-bank-cli-'));
const bank = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'server/scripts/bank.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, maxBuffer: 16 * 1024 * 1024 });

const cli = suite('npm run bank');
cli.after(() => rmSync(dir, { recursive: true, force: true }));

cli('export → import into an empty database → export gives the same JSONL', async () => {
  const full = { DATABASE_URL: `file:${join(dir, 'full.db')}`, LOAD_BANK: 'full' };
  const empty = { DATABASE_URL: `file:${join(dir, 'empty.db')}`, LOAD_BANK: 'statutes' };
  const first = await bank(['export', '--out', join(dir, 'first.jsonl')], full);
  assert.match(first.stdout, `已导出 ${shippedQuestions().length} 道题目`);
  const imported = await bank(['import', join(dir, 'first.jsonl')], empty);
  assert.match(imported.stdout, `新增 ${shippedQuestions().length}，更新 0，未变 0`);
  await bank(['export', '--out', join(dir, 'second.jsonl')], empty);
  assert.ok(readFileSync(join(dir, 'first.jsonl')).equals(readFileSync(join(dir, 'second.jsonl'))));
  const again = await bank(['import', join(dir, 'first.jsonl')], empty);
  assert.match(again.stdout, `新增 0，更新 0，未变 ${shippedQuestions().length}`);
});

cli('the exported questions are the shipped ones, field for field', () => {
  const exported = readFileSync(join(dir, 'first.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const byId = new Map(exported.map((q) => [q.id, q]));
  for (const question of shippedQuestions()) {
    const { version, ...content } = byId.get(question.id);
    assert.is(version, 1);
    assert.equal(content, { ...question, tags: question.tags ?? [] }, question.id);
  }
});

cli('a filtered export to xlsx holds only the selection', async () => {
  const out = join(dir, 'judge.xlsx');
  await bank(['export', '--out', out, '--law', 'xianfa', '--type', 'judge'], { DATABASE_URL: `file:${join(dir, 'full.db')}`, LOAD_BANK: 'none' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const expected = shippedQuestions().filter((q) => q.type === 'judge' && q.citations.some((c) => c.law === 'xianfa')).length;
  assert.is(workbook.getWorksheet('题目')!.actualRowCount - 1, expected);
});

cli('a bad file is refused with row and column, and the exit code says so', async () => {
  const bad = join(dir, 'bad.jsonl');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(bad, '{"id":"bad-001","type":"judge","stem":"这是一道题目","answer":"对","explanation":"解析足够长","citations":[{"law":"xianfa","article":1}],"difficulty":1}\n');
  const failure = await bank(['import', bad], { DATABASE_URL: `file:${join(dir, 'empty.db')}`, LOAD_BANK: 'none' }).then(() => null, (error) => error);
  assert.ok(failure, 'the command fails');
  assert.is(failure.code, 1);
  assert.match(failure.stderr, '第 1 行 [answer]');
});

cli('template writes the empty import template', async () => {
  const out = join(dir, 'template.xlsx');
  await bank(['template', '--out', out], {});
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  assert.ok(workbook.getWorksheet('题目') && workbook.getWorksheet('填写说明'));
  assert.is(workbook.getWorksheet('题目')!.actualRowCount, 1);
});

cli.run();
