// What a message asks for. Commands are short Chinese words, optionally followed by arguments;
// full-width characters and spaces are normalised first. Pure.
import { normaliseText } from './answers.ts';

export type Command =
  | { kind: 'help' }
  | { kind: 'bind'; code: string }
  | { kind: 'practice'; statute?: string; count?: number }
  | { kind: 'review'; count?: number }
  | { kind: 'memorize'; statute?: string; count?: number }
  | { kind: 'stop' }
  | { kind: 'tasks' }
  | { kind: 'scores' }
  | { kind: 'studyTime' }
  | { kind: 'messages' }
  | { kind: 'daily' }
  | { kind: 'linkGroup'; unitCode: string; dailyCron?: string; showRanking?: boolean }
  | { kind: 'remindExam'; examTitle: string }
  | { kind: 'progress'; campaign: string };

/** "练习 宪法 3", "练习宪法3题", "练习 3题", "练习": an optional statute name and an optional count. */
function statuteAndCount(rest: string): { statute?: string; count?: number } {
  const match = /^(.*?)\s*(\d{1,2})\s*[题道]?$/.exec(rest);
  const name = (match ? match[1]! : rest).trim();
  const count = match ? Number(match[2]) : undefined;
  return { ...(name ? { statute: name } : {}), ...(count ? { count } : {}) };
}

function countOnly(rest: string): { count?: number } {
  const match = /^(\d{1,2})\s*[题道]?$/.exec(rest.trim());
  return match ? { count: Number(match[1]) } : {};
}

/** The last word of 绑定群 may turn the daily summary's list of correct answerers on or off. */
const RANKING_WORDS: Record<string, boolean> = { 排名: true, 公布排名: true, 不排名: false };

const WORDS: Array<[RegExp, (rest: string) => Command | null]> = [
  [/^(帮助|菜单|help|\?|？)$/i, () => ({ kind: 'help' })],
  [/^绑定群\s*/, (rest) => {
    const words = rest.split(' ');
    const ranking = RANKING_WORDS[words.at(-1) ?? ''];
    if (ranking !== undefined) words.pop();
    const [unitCode, ...cron] = words;
    return unitCode ? { kind: 'linkGroup', unitCode, ...(cron.length ? { dailyCron: cron.join(' ') } : {}), ...(ranking !== undefined ? { showRanking: ranking } : {}) } : null;
  }],
  [/^绑定\s*/, (rest) => (rest ? { kind: 'bind', code: rest.replace(/\s/g, '') } : null)],
  [/^练习\s*/, (rest) => ({ kind: 'practice', ...statuteAndCount(rest) })],
  [/^(错题本|错题|复习)\s*/, (rest) => ({ kind: 'review', ...countOnly(rest) })],
  [/^背题\s*/, (rest) => ({ kind: 'memorize', ...statuteAndCount(rest) })],
  [/^(结束|退出|停止)$/, () => ({ kind: 'stop' })],
  [/^(我的任务|任务)$/, () => ({ kind: 'tasks' })],
  [/^(我的成绩|成绩)$/, () => ({ kind: 'scores' })],
  [/^(学时|我的学时)$/, () => ({ kind: 'studyTime' })],
  [/^(我的消息|消息)$/, () => ({ kind: 'messages' })],
  [/^每日一题$/, () => ({ kind: 'daily' })],
  [/^提醒\s*考试\s*/, (rest) => (rest ? { kind: 'remindExam', examTitle: rest } : null)],
  [/^进度\s*/, (rest) => (rest ? { kind: 'progress', campaign: rest } : null)],
];

/** The command in a message, or null for anything else (an answer, chat, nonsense). */
export function parseCommand(text: string): Command | null {
  const plain = normaliseText(text).replace(/^@\S+\s*/, '');
  for (const [pattern, build] of WORDS) {
    const match = pattern.exec(plain);
    if (match) return build(plain.slice(match[0].length).trim());
  }
  return null;
}

export const MENU = [
  '学法机器人可以：',
  '· 练习 [法规] [题数]：例如“练习 宪法 3”，逐题作答，立即讲解',
  '· 错题：复习错题本中到期的题目',
  '· 背题 [法规]：看题目、答案与条文',
  '· 我的任务 / 我的成绩 / 学时 / 我的消息',
  '· 结束：结束当前练习',
  '首次使用请发送“绑定 邀请码”（邀请码向本单位组织者索取）。',
  '组织者命令：绑定群 单位代码 [时间cron] [排名|不排名]、提醒 考试 名称、进度 活动名称。',
].join('\n');
