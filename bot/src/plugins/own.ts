// 我的任务 / 我的成绩 / 学时 / 我的消息: the cadre's own tasks, exam results, credited study
// minutes and recent messages.
import { reply, UNBOUND_REPLY, type Plugin } from '../engine/engine.ts';
import { formatExams, formatMessages, formatStudyTime, formatTasks } from '../engine/format.ts';

export function ownPlugin(): Plugin {
  return {
    name: 'own',
    async handle({ command, contactKey, api }) {
      if (command?.kind !== 'tasks' && command?.kind !== 'scores' && command?.kind !== 'studyTime' && command?.kind !== 'messages') return null;
      if (!contactKey) return reply(UNBOUND_REPLY);
      if (command.kind === 'scores') return reply(formatExams(await api.exams(contactKey)));
      if (command.kind === 'messages') return reply(formatMessages(await api.messages(contactKey)));
      const tasks = await api.tasks(contactKey);
      return reply(command.kind === 'tasks' ? formatTasks(tasks) : formatStudyTime(tasks));
    },
  };
}
