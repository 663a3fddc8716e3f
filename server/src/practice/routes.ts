import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { PageQuery } from '../http/schemas.ts';
import { QuestionPublicView } from '../questions/schemas.ts';
import { checkAnswer } from './answer.ts';
import { addFavourite, listFavourites, removeFavourite } from './favourites.ts';
import { listMistakes, markRead, removeMistake } from './mistakes.ts';
import {
  AnswerBody, AnswerResultView, FavouriteStateView, MistakeView, PracticeItemView, PracticeQuestionsQuery,
  QuestionIdBody, QuestionIdParams, ReadingResultView, RemovedMistakeView,
} from './schemas.ts';
import { practiceQuestions } from './service.ts';

const signedIn = { kind: 'signed-in' } as const;

export const practiceRoutes = [
  defineRoute({
    method: 'get', path: '/api/practice/questions', tag: '练习', summary: '练习题目（按法规、章节、条文范围、题型、随机、背题、收藏、每日一题或错题复习）',
    access: signedIn, query: PracticeQuestionsQuery, response: z.array(PracticeItemView),
    handler: ({ query }, { deps, actor }) => practiceQuestions(deps, actor, query),
  }),
  defineRoute({
    method: 'post', path: '/api/practice/answers', tag: '练习', summary: '提交练习答案，立即判分并返回答案、解析与条文；答错的题进入错题本',
    access: signedIn, body: AnswerBody, response: AnswerResultView,
    handler: ({ body }, { deps, actor }) => checkAnswer(deps, actor, body),
  }),
  defineRoute({
    method: 'post', path: '/api/practice/reading', tag: '练习', summary: '已重读反复答错的题目所引条文，恢复出题',
    access: signedIn, body: QuestionIdBody, response: ReadingResultView,
    handler: ({ body }, { deps, actor }) => markRead(deps.db, actor, body.questionId),
  }),
  defineRoute({
    method: 'get', path: '/api/practice/mistakes', tag: '练习', summary: '错题本（按下次复习时间排列）',
    access: signedIn, query: PageQuery, response: MistakeView, paginated: true,
    handler: ({ query }, { deps, actor }) => listMistakes(deps.db, actor, query),
  }),
  defineRoute({
    method: 'delete', path: '/api/practice/mistakes/:questionId', tag: '练习', summary: '从错题本移除一道题',
    access: signedIn, params: QuestionIdParams, response: RemovedMistakeView,
    handler: ({ params }, { deps, actor }) => removeMistake(deps, actor, params.questionId),
  }),
  defineRoute({
    method: 'get', path: '/api/practice/favourites', tag: '练习', summary: '收藏的题目（不含答案与解析）',
    access: signedIn, query: PageQuery, response: QuestionPublicView, paginated: true,
    handler: ({ query }, { deps, actor }) => listFavourites(deps.db, actor, query),
  }),
  defineRoute({
    method: 'put', path: '/api/practice/favourites/:questionId', tag: '练习', summary: '收藏题目（重复收藏无影响）',
    access: signedIn, params: QuestionIdParams, response: FavouriteStateView,
    handler: ({ params }, { deps, actor }) => addFavourite(deps, actor, params.questionId),
  }),
  defineRoute({
    method: 'delete', path: '/api/practice/favourites/:questionId', tag: '练习', summary: '取消收藏（未收藏时无影响）',
    access: signedIn, params: QuestionIdParams, response: FavouriteStateView,
    handler: ({ params }, { deps, actor }) => removeFavourite(deps.db, actor, params.questionId),
  }),
];
