// How a task reads on a card (list and detail): kind, title, period, deadline, progress, what is missing.
import type { Task } from '../services/tasks';
import { formatDateTime, formatTimeLeft } from '../lib/format';
import { labelOf, REQUIREMENT_KIND, TASK_STATE } from '../lib/labels';

export type TaskCard = { id: number; kind: string; title: string; campaign: string; due: string; progress: string; missing: string; stateText: string; stateTheme: string };

const STATE_THEMES: Record<Task['state'], string> = {
  not_started: 'default', in_progress: 'primary', submitted: 'primary', returned: 'warning', done: 'success', overdue: 'danger',
};

export function taskCard(task: Task, now: Date): TaskCard {
  const finished = task.state === 'done' || task.state === 'overdue';
  return {
    id: task.id, kind: labelOf(REQUIREMENT_KIND, task.requirement.kind), title: task.requirement.title,
    campaign: `${task.campaign.name} · ${task.periodKey}`,
    due: `截止 ${formatDateTime(task.dueAt)}${finished ? '' : `（${formatTimeLeft(task.dueAt, now)}）`}`,
    progress: `${task.progress.done}/${task.progress.required} ${task.progress.unit}`,
    missing: task.missing ?? '', stateText: labelOf(TASK_STATE, task.state), stateTheme: STATE_THEMES[task.state],
  };
}
