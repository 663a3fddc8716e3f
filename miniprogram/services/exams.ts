// The cadre's exams: the list, starting or resuming an attempt (each reply also sets the server
// clock the countdown runs on), saving answers for the answer queue, submitting and the result.
import { ApiError, request, type Data } from './request';
import type { PendingAnswer, SendOutcome } from '../lib/answer-queue';
import { ServerClock, serverTimeOf } from '../lib/countdown';

export type MyExam = Data<'/api/my/exams', 'get'>[number];
export type Attempt = Data<'/api/attempts/{id}', 'get'>;
export type PaperItem = Attempt['items'][number];
export type ExamResult = Data<'/api/attempts/{id}/result', 'get'>;

/** The server's clock as seen from this phone; every attempt reply refines it. */
export const serverClock = new ServerClock();

export async function listMyExams(): Promise<MyExam[]> {
  return request('get', '/api/my/exams', { query: { pageSize: 100 } });
}

async function timed(load: () => Promise<Attempt>): Promise<Attempt> {
  const sentAt = Date.now();
  const attempt = await load();
  const serverTime = serverTimeOf({ serverNow: attempt.serverNow });
  if (serverTime !== null) serverClock.observe({ sentAt, receivedAt: Date.now(), serverTime });
  return attempt;
}

/** Starts the exam, or continues the attempt already in progress (the server decides). */
export function startAttempt(examId: number): Promise<Attempt> {
  return timed(() => request('post', '/api/exams/{id}/attempts', { path: { id: examId } }));
}

/** The paper with every saved answer and the remaining time. */
export function resumeAttempt(attemptId: number): Promise<Attempt> {
  return timed(() => request('get', '/api/attempts/{id}', { path: { id: attemptId } }));
}

/** One save for the answer queue; the queue does its own retrying, so the request does not. */
export async function sendAnswer(attemptId: number, answer: PendingAnswer): Promise<SendOutcome> {
  try {
    const saved = await request('put', '/api/attempts/{id}/answers/{ordinal}', {
      path: { id: attemptId, ordinal: answer.ordinal }, body: { response: answer.response, seq: answer.seq }, idempotent: false,
    });
    return { kind: 'saved', applied: saved.applied };
  } catch (error) {
    return saveOutcomeOf(error);
  }
}

/** 409 = the attempt is over; other 4xx = this answer can never be saved; anything else is worth trying again. */
export function saveOutcomeOf(error: unknown): SendOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 429) {
    return { kind: 'unreachable', message };
  }
  if (error.status === 409) return { kind: 'closed', code: error.code, message };
  return { kind: 'rejected', message };
}

/** Submitting twice is harmless (the second returns the result), so a lost reply may be retried. */
export function submitAttempt(attemptId: number): Promise<ExamResult> {
  return request('post', '/api/attempts/{id}/submit', { path: { id: attemptId }, idempotent: true });
}

export function attemptResult(attemptId: number): Promise<ExamResult> {
  return request('get', '/api/attempts/{id}/result', { path: { id: attemptId } });
}
