// Prints the result of `bank check`: the coverage table, the weakest grounded options, problems.
import type { CheckReport } from '../src/bank/checks.ts';

export function printCheckReport(report: CheckReport): void {
  console.log(`题目 ${report.total} 道\n`);
  console.log('法规'.padEnd(12, '　') + '题数'.padStart(6) + '条文覆盖'.padStart(12) + '   单选/多选/判断/填空');
  for (const row of report.coverage) {
    const share = row.articles ? Math.round((100 * row.articlesCovered) / row.articles) : 0;
    const t = row.types;
    console.log(`${row.title.replace('中华人民共和国', '').padEnd(12, '　')}${String(row.questions).padStart(6)}${`${row.articlesCovered}/${row.articles} ${share}%`.padStart(14)}   ${t.single}/${t.multiple}/${t.judge}/${t.fill}`);
  }
  const { multipleKeyCounts, giveaways, fillShare, scenarioShare } = report.style;
  const multiple = Object.values(multipleKeyCounts).reduce((a, b) => a + b, 0);
  const spread = Object.entries(multipleKeyCounts).map(([count, n]) => `${count} 项 ${n} 道（${Math.round((100 * n) / multiple)}%）`).join('，');
  console.log(`\n多选题正确选项个数：${spread || '无'}`);
  console.log(`含两处以上条文没有的绝对化用语的题：${giveaways} 道；填空题占 ${(100 * fillShare).toFixed(1)}%`);
  console.log(`情景/案例题占比：${report.coverage.map((row) => `${row.title.replace('中华人民共和国', '')} ${Math.round(100 * (scenarioShare[row.law] ?? 0))}%`).join('，')}`);
  if (report.weakest.length) {
    console.log(`\n用语与所引条文重合度最低的正确选项（共 ${report.weakest.length} 个，列出前 15 个，请人工复核）：`);
    for (const weak of report.weakest.slice(0, 15)) console.log(`  ${weak.score.toFixed(2)}  ${weak.id}  ${weak.text}`);
  }
  if (report.problems.length) {
    console.log(`\n发现 ${report.problems.length} 个问题：`);
    for (const p of report.problems) console.log(`  ${p.file}:${p.line}${p.id ? ` ${p.id}` : ''} [${p.kind}] ${p.message}`);
  } else {
    console.log('\n没有发现问题。');
  }
}
