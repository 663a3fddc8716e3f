// Every command, with its arguments, in the forms people type them.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCommand } from '../../../bot/src/engine/commands.ts';

const commands = suite('parseCommand');
commands('help and menu', () => {
  assert.equal(['帮助', '菜单', '?', '？', 'help'].map(parseCommand), Array(5).fill({ kind: 'help' }));
});
commands('binding a contact, with spaces or dashes kept out of the code', () => {
  assert.equal(parseCommand('绑定 ABCD2345'), { kind: 'bind', code: 'ABCD2345' });
  assert.equal(parseCommand('绑定ＡＢＣＤ　2345'), { kind: 'bind', code: 'ABCD2345' });
  assert.is(parseCommand('绑定'), null);
});
commands('practice with and without statute and count', () => {
  assert.equal(parseCommand('练习'), { kind: 'practice' });
  assert.equal(parseCommand('练习 宪法 3'), { kind: 'practice', statute: '宪法', count: 3 });
  assert.equal(parseCommand('练习宪法3题'), { kind: 'practice', statute: '宪法', count: 3 });
  assert.equal(parseCommand('练习 5'), { kind: 'practice', count: 5 });
  assert.equal(parseCommand('练习 行政处罚法'), { kind: 'practice', statute: '行政处罚法' });
  assert.equal(parseCommand('练习 ３ 道'), { kind: 'practice', count: 3 });
});
commands('review, memorize, stop', () => {
  assert.equal(parseCommand('错题'), { kind: 'review' });
  assert.equal(parseCommand('错题本 3'), { kind: 'review', count: 3 });
  assert.equal(parseCommand('背题 宪法 2'), { kind: 'memorize', statute: '宪法', count: 2 });
  assert.equal(['结束', '退出', '停止'].map(parseCommand), Array(3).fill({ kind: 'stop' }));
});
commands('own data', () => {
  assert.equal(['我的任务', '任务', '我的成绩', '成绩', '学时', '我的学时', '我的消息', '消息', '每日一题'].map((text) => parseCommand(text)?.kind),
    ['tasks', 'tasks', 'scores', 'scores', 'studyTime', 'studyTime', 'messages', 'messages', 'daily']);
});
commands('organiser commands, an @mention before them ignored', () => {
  assert.equal(parseCommand('绑定群 DEMO-E'), { kind: 'linkGroup', unitCode: 'DEMO-E' });
  assert.equal(parseCommand('@学法机器人 绑定群 DEMO-E 30 8 * * *'), { kind: 'linkGroup', unitCode: 'DEMO-E', dailyCron: '30 8 * * *' });
  assert.equal(parseCommand('绑定群 DEMO-E 0 9 * * 1-5 排名'), { kind: 'linkGroup', unitCode: 'DEMO-E', dailyCron: '0 9 * * 1-5', showRanking: true });
  assert.equal(parseCommand('绑定群 DEMO-E 不排名'), { kind: 'linkGroup', unitCode: 'DEMO-E', showRanking: false });
  assert.equal(parseCommand('提醒 考试 春季学法考试'), { kind: 'remindExam', examTitle: '春季学法考试' });
  assert.equal(parseCommand('提醒考试 春季'), { kind: 'remindExam', examTitle: '春季' });
  assert.equal(parseCommand('进度 2027 年度学法'), { kind: 'progress', campaign: '2027 年度学法' });
  assert.is(parseCommand('提醒 考试'), null);
});
commands('anything else is not a command', () => {
  assert.equal(['A', '对', '你好', '今天学习了吗', ''].map(parseCommand), [null, null, null, null, null]);
});
commands.run();
