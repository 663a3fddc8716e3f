// 练习 / 错题 / 背题 in a private chat: questions one at a time, answers by reply, immediate
// feedback with the key, explanation and article. Answers are graded by the server's practice
// service, so wrong ones go into the cadre's 错题本 exactly as in the mini-program. A quiz lives
// in the bot's memory: after a restart, or after QUIZ_IDLE_MS of silence, it has ended, and
// the person is told so rather than having an answer taken for something else.
import type { QuestionItem } from '../api/client.ts';
import { parseAnswer, answerHint, parseJudge } from '../engine/answers.ts';
import { reply, UNBOUND_REPLY, type Outcome, type Plugin, type QuizState, type Turn } from '../engine/engine.ts';
import { formatFeedback, formatMemorize, formatQuestion, formatReading } from '../engine/format.ts';

export const QUIZ_IDLE_MS = 30 * 60_000;
const DEFAULT_COUNT = 5;
const MEMORIZE_COUNT = 3;

const heading = (quiz: QuizState) => `第 ${quiz.index + 1}/${quiz.items.length} 题 `;

function ask(quiz: QuizState): string {
  return formatQuestion(quiz.items[quiz.index]!, heading(quiz));
}

async function start(turn: Turn, contactKey: string): Promise<Outcome> {
  const { command, api, state } = turn;
  if (command?.kind !== 'practice' && command?.kind !== 'review') return reply();
  const statute = command.kind === 'practice' ? command.statute : undefined;
  const items = await api.questions(contactKey, { mode: command.kind === 'review' ? 'review' : 'practice', count: command.count ?? DEFAULT_COUNT, ...(statute ? { statute } : {}) });
  const readings = items.filter((item) => item.kind === 'read').map(formatReading);
  const questions = items.filter((item): item is QuestionItem => item.kind === 'question');
  if (!questions.length) {
    delete state.quiz;
    const none = command.kind === 'review' ? '错题本中暂无到期需要复习的题目。' : '没有找到可练习的题目，换个法规试试，例如“练习 宪法 3”。';
    return reply(...readings, ...(readings.length ? [] : [none]));
  }
  const mode = command.kind === 'review' ? 'review' : statute ? 'statute' : 'random';
  state.quiz = { mode, items: questions, index: 0, correct: 0, touchedAt: turn.now };
  const intro = `开始练习，共 ${questions.length} 题，发送“结束”可随时结束。`;
  return reply(...readings, `${intro}\n\n${ask(state.quiz)}`);
}

async function answer(turn: Turn, contactKey: string, quiz: QuizState): Promise<Outcome | null> {
  // A command during a quiz is a command (a fill-in answer could otherwise swallow "我的任务").
  if (turn.command) return null;
  const question = quiz.items[quiz.index]!;
  const response = parseAnswer(turn.message.text, question);
  if (response === null) return reply(`没看懂您的答案。${answerHint(question)}（发送“结束”可结束练习）`);
  // A failure here (server down) leaves the quiz where it was: the person sends the answer again.
  const result = await turn.api.answer(contactKey, { questionId: question.id, versionId: question.versionId, response, mode: quiz.mode });
  quiz.index++;
  quiz.touchedAt = turn.now;
  if (result.correct) quiz.correct++;
  const feedback = formatFeedback(result);
  if (quiz.index < quiz.items.length) return reply(feedback, ask(quiz));
  delete turn.state.quiz;
  return reply(feedback, `练习结束：共 ${quiz.items.length} 题，答对 ${quiz.correct} 题。答错的题已加入错题本，发送“错题”可复习。`);
}

async function memorize(turn: Turn, contactKey: string): Promise<Outcome> {
  if (turn.command?.kind !== 'memorize') return reply();
  const { statute, count } = turn.command;
  const items = await turn.api.questions(contactKey, { mode: 'memorize', count: count ?? MEMORIZE_COUNT, ...(statute ? { statute } : {}) });
  const cards = items.flatMap((item, index) => (item.kind === 'memorize' ? [formatMemorize(item, `背题 ${index + 1}/${items.length} `)] : []));
  return reply(...(cards.length ? cards : ['没有找到可背的题目，换个法规试试。']));
}

/** Looks like an answer to a question that is no longer there (after a restart or a long pause). */
function strayAnswer(text: string): boolean {
  return /^[A-Za-zＡ-Ｚａ-ｚ\s、,，]{1,8}$/.test(text.trim()) || parseJudge(text) !== null;
}

export function quizPlugin(): Plugin {
  return {
    name: 'quiz',
    async handle(turn) {
      const { command, message, state, contactKey } = turn;
      if (message.where.kind !== 'private') return null;
      if (state.quiz && turn.now - state.quiz.touchedAt > QUIZ_IDLE_MS) delete state.quiz;
      const starts = command?.kind === 'practice' || command?.kind === 'review' || command?.kind === 'memorize';
      if (starts && !contactKey) return reply(UNBOUND_REPLY);
      if (command?.kind === 'stop') {
        const had = state.quiz;
        delete state.quiz;
        return reply(had ? `已结束练习：答对 ${had.correct}/${had.index} 题。` : '当前没有进行中的练习。');
      }
      if (command?.kind === 'memorize') return memorize(turn, contactKey!);
      if (starts) return start(turn, contactKey!);
      if (state.quiz && contactKey) return answer(turn, contactKey, state.quiz);
      if (!command && strayAnswer(message.text)) return reply('当前没有进行中的练习（可能已超时或机器人重启过），发送“练习”重新开始。');
      return null;
    },
  };
}
