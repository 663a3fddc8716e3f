// Chinese names of the codes the API returns.

export const FLAG_KINDS: Record<string, string> = {
  idle: '挂机（长时间无操作）', background: '切到后台', scripted: '疑似脚本或连点器', speed_reading: '刷屏（翻阅过快）',
  concurrent: '多端同时学习', replay: '重复提交', too_fast: '心跳过密', clock_skew: '时钟异常', presence_failed: '在线确认未通过',
};
export const flagKindName = (kind: string) => FLAG_KINDS[kind] ?? kind;

/** The numbers behind a flag (server/src/study/detector/flags), named as a reviewer reads them. */
const EVIDENCE_NAMES: Record<string, string> = {
  checks: '连续未通过的确认', wrong: '答错', late: '超时作答', unanswered: '未作答', timeoutSeconds: '作答时限（秒）', seconds: '时长（秒）',
  answers: '作答次数', right: '答对', optionCount: '每题选项数', likelihoodRatio: '猜测与认真阅读的可能性之比',
  medianMs: '作答用时中位数（毫秒）', minHumanMs: '人工作答最短用时（毫秒）',
  gaps: '操作间隔个数', cv: '间隔变异系数', spread: '长短间隔之比', medianGapSeconds: '间隔中位数（秒）',
  maxCv: '变异系数下限', minSpread: '间隔之比下限', minMedianGapSeconds: '间隔中位数下限（秒）',
  beats: '心跳个数', missingGaps: '缺少操作间隔的心跳',
  moves: '匀速移动次数', meanChars: '平均每次移动字数',
  chars: '移动字数', minutes: '分钟', peakCharsPerMinute: '最快每分钟字数', maxCharsPerMinute: '每分钟字数上限',
  quietSeconds: '前台累计静止（秒）', idleAfterSeconds: '视为挂机的静止时长（秒）', uncreditedSeconds: '不计学时（秒）',
  flagAfterSeconds: '后台标记起点（秒）', driftSeconds: '时钟偏差（秒）', maxDriftSeconds: '允许偏差（秒）', rate: '时钟速率',
  maxRate: '允许速率', count: '重复次数', seq: '序号', highestSeq: '已收到的最大序号',
  spacingSeconds: '心跳间隔（秒）', missingSeq: '跳过的序号', minSpacingSeconds: '最短心跳间隔（秒）',
  otherSessionId: '重叠的学习记录编号', overlapSeconds: '重叠时长（秒）',
};
export const evidenceName = (key: string) => EVIDENCE_NAMES[key] ?? key;

export const FLAG_STATUS: Record<string, string> = { open: '待审核', confirmed: '已确认（扣除学时）', dismissed: '已撤销（恢复学时）' };

export const REQUIREMENT_GROUPS = { study: '学', lecture: '讲', report: '述', exam: '考' } as const;

export const SEGMENT_KINDS: Record<string, { name: string; colour: string }> = {
  active: { name: '学习中', colour: '#2ba471' },
  idle: { name: '无操作', colour: '#e37318' },
  background: { name: '后台', colour: '#8b8b8b' },
  unverified: { name: '存疑', colour: '#d54941' },
};

export const percent = (value: number | null | undefined) => (value == null ? '—' : `${Math.round(value * 1000) / 10}%`);

/** A requirement's period as shown: a one-off requirement has the single period 'once'. */
export const periodName = (key: string | null | undefined) => (key == null ? '尚未开始' : key === 'once' ? '一次性' : key);
