// How things read in a chat: plain text, short lines, no markup WeChat would show raw.
import type { AnswerResult, DailyRound, MemorizeItem, MyExam, MyMessage, Progress, QuestionItem, ReadItem, Task } from '../api/client.ts';
import { answerHint } from './answers.ts';

const TYPE_NAMES = { single: '单选', multiple: '多选', judge: '判断', fill: '填空' } as const;

type Question = Pick<QuestionItem, 'type' | 'stem' | 'options' | 'blanks'>;

export function formatQuestion(question: Question, heading: string): string {
  const lines = [`${heading}【${TYPE_NAMES[question.type]}】${question.stem}`];
  for (const option of question.options ?? []) lines.push(`${option.key}. ${option.text}`);
  lines.push(answerHint(question));
  return lines.join('\n');
}

/** A key as people read it: B / A、C / 对 / 错 / the blanks' first accepted answers. */
export function formatKey(key: unknown): string {
  if (typeof key === 'boolean') return key ? '对' : '错';
  if (typeof key === 'string') return key;
  if (Array.isArray(key)) {
    // Fill keys are one list of accepted answers per blank.
    if (key.every(Array.isArray)) return (key as string[][]).map((accepted) => accepted[0] ?? '').join('；');
    return key.join('、');
  }
  return String(key);
}

export function formatFeedback(result: AnswerResult): string {
  const lines = [result.correct ? '✔ 回答正确！' : `✘ 回答错误，正确答案：${formatKey(result.key)}`];
  if (result.explanation) lines.push(`解析：${result.explanation}`);
  for (const citation of result.citations.slice(0, 2)) {
    if (citation.text) lines.push(`《${citation.statuteTitle}》${citation.articleLabel}：${citation.text}`);
  }
  if (!result.correct) lines.push('本题已加入错题本。');
  return lines.join('\n');
}

export function formatMemorize(item: MemorizeItem, heading: string): string {
  const lines = [`${heading}【${TYPE_NAMES[item.type]}】${item.stem}`];
  for (const option of item.options ?? []) lines.push(`${option.key}. ${option.text}`);
  lines.push(`答案：${formatKey(item.answer)}`);
  if (item.explanation) lines.push(`解析：${item.explanation}`);
  for (const article of item.articles.slice(0, 2)) lines.push(`《${article.statuteTitle}》${article.label}：${article.text}`);
  return lines.join('\n');
}

export function formatReading(item: ReadItem): string {
  const lines = ['这道题已多次答错，请先重读所引条文：'];
  for (const article of item.articles) lines.push(`《${article.statuteTitle}》${article.label}：${article.text}`);
  lines.push('读完后可在小程序错题本中确认，恢复出题。');
  return lines.join('\n');
}

const STATE_NAMES: Record<Task['state'], string> = { not_started: '未开始', in_progress: '进行中', submitted: '待审核', returned: '已退回', done: '已完成', overdue: '已逾期' };

export function formatTasks(tasks: Task[]): string {
  if (!tasks.length) return '本期暂无学讲述考任务。';
  const lines = ['我的任务：'];
  for (const task of tasks) {
    const progress = `${task.progress.done}/${task.progress.required}${task.progress.unit}`;
    lines.push(`· ${task.requirement.title}（${STATE_NAMES[task.state] ?? task.state}，${progress}）${task.missing ? `：${task.missing}` : ''}`);
  }
  return lines.join('\n');
}

export function formatStudyTime(tasks: Task[]): string {
  const study = tasks.filter((task) => task.requirement.kind === 'study');
  if (!study.length) return '本期没有学时要求。';
  return ['学时：', ...study.map((task) => `· ${task.requirement.title}：已计 ${task.progress.done} / 要求 ${task.progress.required} ${task.progress.unit}`)].join('\n');
}

const EXAM_STATES = { upcoming: '未开始', open: '可参加', in_progress: '作答中', closed: '已结束' } as const;

export function formatExams(exams: MyExam[]): string {
  if (!exams.length) return '暂无考试记录。';
  const lines = ['我的考试与成绩：'];
  for (const exam of exams.slice(0, 8)) {
    const score = exam.countedScore === null ? '' : `，成绩 ${exam.countedScore}/${exam.maxScore}${exam.passed ? '（合格）' : exam.passed === false ? '（不合格）' : ''}`;
    lines.push(`· ${exam.title}：${EXAM_STATES[exam.state]}${score}`);
  }
  return lines.join('\n');
}

export function formatMessages(messages: MyMessage[]): string {
  if (!messages.length) return '暂无消息。';
  const lines = ['最近的消息：'];
  for (const message of messages.slice(0, 5)) {
    const payload = (message.payload ?? {}) as { text?: unknown; title?: unknown };
    const text = typeof payload.text === 'string' ? payload.text : typeof payload.title === 'string' ? payload.title : message.kind;
    lines.push(`· ${beijingDate(message.createdAt)} ${text}`);
  }
  return lines.join('\n');
}

/** "2026-03-02T09:00:00Z" → "03-02" on Beijing time. */
function beijingDate(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit' }).format(new Date(iso)).replace('/', '-');
}

/** "2026-03-02T09:00:00Z" → "17:00" on Beijing time. */
export function beijingClock(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatDailyQuestion(round: NonNullable<DailyRound>): string {
  return `${formatQuestion(round.question, '【每日一题】')}\n${beijingClock(round.closesAt)} 公布答案与各单位参与情况。`;
}

export type DailySummary = {
  key: unknown;
  explanation: string;
  units: Array<{ organizationName: string; members: number; answered: number; correct: number }>;
  ranking: string[] | null;
};

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—');

export function formatDailySummary(summary: DailySummary): string {
  const lines = [`【每日一题】答案：${formatKey(summary.key)}`];
  if (summary.explanation) lines.push(`解析：${summary.explanation}`);
  lines.push('各单位参与率 / 正确率：');
  for (const unit of summary.units) {
    lines.push(`· ${unit.organizationName}：${unit.answered}/${unit.members} 人参与（${percent(unit.answered, unit.members)}），正确率 ${percent(unit.correct, unit.answered)}`);
  }
  if (summary.ranking?.length) lines.push(`答对的同志：${summary.ranking.join('、')}`);
  return lines.join('\n');
}

export function formatProgress(progress: Progress): string {
  const lines = [`“${progress.campaignName}”完成情况：`];
  for (const requirement of progress.requirements) {
    lines.push(`${requirement.title}${requirement.periodKey ? `（${requirement.periodKey}）` : ''}：`);
    for (const unit of requirement.units) lines.push(`· ${unit.organizationName}：${unit.done}/${unit.people}（${Math.round(unit.rate * 100)}%）`);
    if (!requirement.units.length) lines.push('· 暂无任务');
  }
  return lines.join('\n');
}
