// One study session as the reader drives it: open, a heartbeat at a time (counts from
// lib/heartbeat, the server clock estimated from each acknowledgement), end with the server's
// judgement. The server alone decides credit.
import { HeartbeatCounter } from '../lib/heartbeat';
import { ServerClock } from '../lib/countdown';
import { ApiError, request, type Data } from './request';

export type Material = { statute: string } | { courseId: number };
export type PresenceCheck = NonNullable<Data<'/api/study/sessions/{id}/heartbeats', 'post'>['presenceCheck']>;
export type EndedSession = Data<'/api/study/sessions/{id}/end', 'post'>;

export class StudySession {
  id = 0;
  closed = false;
  readonly clock = new ServerClock();

  constructor(readonly counter: HeartbeatCounter) {}

  /** Opens the session; returns the heartbeat period the server asks for, in ms. */
  async open(material: Material): Promise<number> {
    const opened = await request('post', '/api/study/sessions', { body: material });
    this.id = opened.id;
    return opened.heartbeatIntervalSeconds * 1000;
  }

  /** Sends the next heartbeat; a beat that fails gives its counts to the next one. */
  async beat(): Promise<PresenceCheck | null> {
    if (!this.id || this.closed) return null;
    const payload = this.counter.next();
    const sentAt = Date.now();
    try {
      const ack = await request('post', '/api/study/sessions/{id}/heartbeats', { path: { id: this.id }, body: payload });
      this.clock.observe({ sentAt, receivedAt: Date.now(), serverTime: Date.parse(ack.serverAt) });
      return ack.presenceCheck;
    } catch (error) {
      this.counter.putBack(payload);
      if (error instanceof ApiError && error.code === 'session_closed') this.closed = true;
      throw error;
    }
  }

  async answer(checkId: number, response: string | boolean | string[]): Promise<boolean> {
    return (await request('post', '/api/study/checks/{id}/answer', { path: { id: checkId }, body: { response } })).correct;
  }

  async end(): Promise<EndedSession> {
    this.closed = true;
    return request('post', '/api/study/sessions/{id}/end', { path: { id: this.id } });
  }
}
