// The daily question in a linked group: members answer by replying in the group; the bot
// confirms briefly without revealing anything, and the summary at the close (posted from the
// outbox by the reminders plugin) gives the key and each unit's figures.
import { looksLikeAnswer, parseAnswer } from '../engine/answers.ts';
import { reply, type Plugin } from '../engine/engine.ts';
import { beijingClock, formatDailyQuestion } from '../engine/format.ts';

export function dailyPlugin(): Plugin {
  return {
    name: 'daily',
    async handle({ command, message, contactKey, api }) {
      if (message.where.kind !== 'room') {
        return command?.kind === 'daily' ? reply('每日一题在单位工作群中发布，请在群内作答。') : null;
      }
      const roomKey = message.where.topic;
      if (command?.kind === 'daily') {
        const round = await api.dailyRound(roomKey);
        return reply(round ? formatDailyQuestion(round) : '当前没有正在作答的每日一题。');
      }
      if (command || !looksLikeAnswer(message.text)) return null;
      const round = await api.dailyRound(roomKey);
      if (!round) return reply();
      const response = parseAnswer(message.text.replace(/^\s*答[:：\s]*/, ''), round.question);
      if (response === null) return reply();
      if (!contactKey) return reply(`@${message.name} 请先私聊我发送“绑定 邀请码”，作答才能计入统计。`);
      const result = await api.answerDaily(roomKey, contactKey, response);
      return reply(result.recorded
        ? `@${message.name} 已记录您的作答，${beijingClock(result.closesAt)} 公布答案。`
        : `@${message.name} 您已作答过，以第一次为准。`);
    },
  };
}
