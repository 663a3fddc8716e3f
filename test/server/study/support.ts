// Drives a study session the way the mini-program does: a heartbeat every 30 s of server
// time, with human-looking interaction, moving through the articles of a statute.
import type { TestApp } from '../../support/app.ts';

export type Beat = { visibility?: 'foreground' | 'background'; taps?: number; scrolls?: number; keys?: number; gapsMs?: number[]; article?: number; scroll?: number; clientSkewMs?: number };

export function studier(app: TestApp, token: string, statute = 'xianfa') {
  let seq = 0;
  let sessionId = 0;
  return {
    get id() { return sessionId; },
    async open() {
      const response = await app.call('POST', '/api/study/sessions', { token, body: { statute } });
      if (response.status !== 201) throw new Error(JSON.stringify(response.body));
      sessionId = response.body.data.id;
      return response.body.data;
    },
    /** Moves the server clock on and sends one heartbeat. */
    async beat(beat: Beat = {}, advanceMs = 30_000, session = sessionId) {
      app.clock.advance(advanceMs);
      seq++;
      return app.call('POST', `/api/study/sessions/${session}/heartbeats`, { token, body: heartbeatBody(seq, app.clock.now().getTime(), beat, statute) });
    },
    async end() { return app.call('POST', `/api/study/sessions/${sessionId}/end`, { token }); },
    /** Sends the same sequence number again (a replay). */
    resendSeq(value: number) { seq = value - 1; },
  };
}

export function heartbeatBody(seq: number, now: number, beat: Beat, statute = 'xianfa') {
  // Irregular gaps, as a person's taps and scrolls are.
  const gaps = beat.gapsMs ?? [2100, 5400, 900, 7300, 3100].map((g) => g + ((seq * 977) % 1300));
  return {
    seq, visibility: beat.visibility ?? 'foreground', taps: beat.taps ?? 3, scrolls: beat.scrolls ?? 2, keys: beat.keys ?? 0, gapsMs: gaps,
    position: { statute, article: beat.article ?? Math.min(1 + Math.floor(seq / 4), 140), scroll: beat.scroll ?? (seq % 4) / 4 },
    clientAt: new Date(now + (beat.clientSkewMs ?? 0)).toISOString(),
  };
}
