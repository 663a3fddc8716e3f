// Organiser commands: 绑定群 <单位代码> [cron] in the group to link, 提醒 考试 <名称>, 进度 <活动>.
// The server decides who may: a cadre's command is refused with its message.
import { reply, UNBOUND_REPLY, type Plugin } from '../engine/engine.ts';
import { formatProgress } from '../engine/format.ts';

export function organiserPlugin(): Plugin {
  return {
    name: 'organiser',
    async handle({ command, message, contactKey, api }) {
      if (command?.kind !== 'linkGroup' && command?.kind !== 'remindExam' && command?.kind !== 'progress') return null;
      if (!contactKey) return reply(UNBOUND_REPLY);
      if (command.kind === 'linkGroup') {
        if (message.where.kind !== 'room') return reply('请在要绑定的单位工作群内发送“绑定群 单位代码”。');
        const group = await api.linkGroup({ contactKey, roomKey: message.where.topic, unitCode: command.unitCode, ...(command.dailyCron ? { dailyCron: command.dailyCron } : {}), ...(command.showRanking !== undefined ? { showRanking: command.showRanking } : {}) });
        return reply(`本群已绑定“${group.organizationName}”。每日一题发布时间：${group.dailyCron}（北京时间，cron 表达式），发布 ${group.answerMinutes} 分钟后公布答案与各单位参与情况${group.showRanking ? '，并列出答对者' : '，不列个人排名'}。`);
      }
      if (command.kind === 'remindExam') {
        const result = await api.remindExam(contactKey, command.examTitle);
        return reply(`“${result.examTitle}”尚未开始作答 ${result.notStarted} 人，已排队发送提醒 ${result.queued} 条（今日已提醒过的不重复）。`);
      }
      return reply(formatProgress(await api.progress(contactKey, command.campaign)));
    },
  };
}
