// Chinese wording shared by the explanations.

/** A duration as a cadre reads it: "45 秒", "8 分钟", "2 分 30 秒". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} 分钟` : `${minutes} 分 ${rest} 秒`;
}

/** Whole seconds for evidence: explanations and evidence must quote the same number. */
export function seconds(ms: number): number {
  return Math.round(ms / 1000);
}
