// Chinese names of the server's codes, in one place for every page.
export const TASK_STATE: Record<string, string> = {
  not_started: '未开始', in_progress: '进行中', submitted: '已提交', returned: '已退回', done: '已完成', overdue: '已逾期',
};
export const REQUIREMENT_KIND: Record<string, string> = { study: '学', meeting: '学', lecture: '讲', report: '述', exam: '考' };
export const EXAM_STATE: Record<string, string> = { upcoming: '未开始', open: '可参加', in_progress: '作答中', closed: '已结束' };
export const FLAG_STATUS: Record<string, string> = { open: '待审核', confirmed: '已确认', dismissed: '已撤销' };
export const ARCHIVE_KIND: Record<string, string> = { study: '学法', attendance: '线下学法', lecture: '讲法', report: '述法', exam: '考法' };
export const SEGMENT_KIND: Record<string, string> = { active: '认真学习', idle: '无操作', background: '切到后台', unverified: '未能确认' };
export const NOTIFICATION_KIND: Record<string, string> = {
  task_new: '新任务', task_reminder: '任务提醒', exam_open: '考试开始', exam_closing: '考试即将截止',
};

export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}
