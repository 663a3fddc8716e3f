// The heartbeats of the heartbeat benchmark, made the same way for the HTTP driver (as request
// bodies) and for the raw mysql2 baseline (as rows of the same columns), so both write the same data.

/** The heartbeats table's columns, in the order of `heartbeatRow`. */
export const HEARTBEAT_COLUMNS = ['session_id', 'seq', 'server_at', 'client_at', 'foreground', 'taps', 'scrolls', 'keys', 'gaps', 'statute', 'article', 'scroll'] as const;

export const STATUTE = 'xianfa';
export const ARTICLES = 143;

/** Deterministic, varied activity for learner `learner`'s heartbeat number `seq`. */
export function heartbeatFields(learner: number, seq: number) {
  return {
    article: 1 + ((learner * 7 + seq) % ARTICLES),
    taps: (learner + seq * 3) % 12,
    scrolls: (learner + seq) % 6,
    keys: 0,
    gaps: [800 + (seq % 7) * 100, 1500 + (learner % 5) * 200, 2600],
    scroll: ((learner + seq * 13) % 100) / 100,
  };
}

/** The JSON body of POST /api/study/sessions/:id/heartbeats (ASCII only, so length = bytes). */
export function heartbeatBody(learner: number, seq: number, clientAt: string): string {
  const f = heartbeatFields(learner, seq);
  return `{"seq":${seq},"visibility":"foreground","taps":${f.taps},"scrolls":${f.scrolls},"keys":${f.keys},"gapsMs":[${f.gaps.join(',')}],` +
    `"position":{"statute":"${STATUTE}","article":${f.article},"scroll":${f.scroll}},"clientAt":"${clientAt}"}`;
}

/** The row the server stores for that heartbeat, in HEARTBEAT_COLUMNS order. */
export function heartbeatRow(sessionId: number, learner: number, seq: number, serverAt: Date, clientAt: Date): unknown[] {
  const f = heartbeatFields(learner, seq);
  return [sessionId, seq, serverAt, clientAt, true, f.taps, f.scrolls, f.keys, JSON.stringify(f.gaps), STATUTE, f.article, f.scroll];
}
