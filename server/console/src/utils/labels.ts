// Chinese names of the codes the API returns.

export const FLAG_KINDS: Record<string, string> = {
  idle: '挂机（长时间无操作）', background: '切到后台', scripted: '疑似脚本或连点器', speed_reading: '刷屏（翻阅过快）',
  concurrent: '多端同时学习', replay: '重复提交', too_fast: '心跳过密', clock_skew: '时钟异常', presence_failed: '在线确认未通过',
};
export const flagKindName = (kind: string) => FLAG_KINDS[kind] ?? kind;

export const FLAG_STATUS: Record<string, string> = { open: '待审核', confirmed: '已确认（扣除学时）', dismissed: '已撤销（恢复学时）' };

export const REQUIREMENT_GROUPS = { study: '学', lecture: '讲', report: '述', exam: '考' } as const;

export const SEGMENT_KINDS: Record<string, { name: string; colour: string }> = {
  active: { name: '学习中', colour: '#2ba471' },
  idle: { name: '无操作', colour: '#e37318' },
  background: { name: '后台', colour: '#8b8b8b' },
  unverified: { name: '存疑', colour: '#d54941' },
};

export const percent = (value: number | null | undefined) => (value == null ? '—' : `${Math.round(value * 1000) / 10}%`);
