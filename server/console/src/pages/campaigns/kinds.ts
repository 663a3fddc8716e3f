// Chinese names of the requirement kinds and task states, shared by the campaign pages.
export const kindNames: Record<string, string> = { study: '学', meeting: '会前学法', lecture: '讲', report: '述', exam: '考' };
export const stateNames: Record<string, string> = { not_started: '未开始', in_progress: '进行中', submitted: '已提交', returned: '已退回', done: '已完成', overdue: '逾期' };
