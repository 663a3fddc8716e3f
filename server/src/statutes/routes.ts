import { defineRoute } from '../http/route.ts';
import { ArticleListQuery, ArticleParams, ArticleSearchHitView, ArticleSearchQuery, ArticleView, ReviseStatuteBody, RevisionOutcomeView, StatuteDetailView, StatuteParams, StatuteSummaryView } from './schemas.ts';
import { z } from 'zod';
import { getArticle, getStatute, listArticles, listStatutes, reviseStatute, searchArticles } from './service.ts';

// Statute texts are public documents: cadres may read them before binding their WeChat.
export const statuteRoutes = [
  defineRoute({
    method: 'get', path: '/api/statutes', tag: '法规', summary: '法规列表（现行文本）',
    access: { kind: 'public' }, response: z.array(StatuteSummaryView),
    handler: (_input, { deps }) => listStatutes(deps.db),
  }),
  defineRoute({
    method: 'get', path: '/api/statutes/:slug', tag: '法规', summary: '法规详情与目录（章、节）',
    access: { kind: 'public' }, params: StatuteParams, response: StatuteDetailView,
    handler: ({ params }, { deps }) => getStatute(deps.db, params.slug),
  }),
  defineRoute({
    method: 'get', path: '/api/statutes/:slug/articles', tag: '法规', summary: '条文列表（可按章、节）',
    access: { kind: 'public' }, params: StatuteParams, query: ArticleListQuery, response: ArticleView, paginated: true,
    handler: ({ params, query: { divisionId, ...page } }, { deps }) => listArticles(deps.db, params.slug, page, divisionId),
  }),
  defineRoute({
    method: 'get', path: '/api/statutes/:slug/articles/:number', tag: '法规', summary: '单条条文（含上一条、下一条）',
    access: { kind: 'public' }, params: ArticleParams, response: ArticleView,
    handler: ({ params }, { deps }) => getArticle(deps.db, params.slug, params.number),
  }),
  defineRoute({
    method: 'get', path: '/api/articles/search', tag: '法规', summary: '条文全文检索（中文分词，按相关度排序，标出命中词语）',
    access: { kind: 'public' }, query: ArticleSearchQuery, response: ArticleSearchHitView, paginated: true,
    handler: ({ query: { q, statute, ...page } }, { deps }) => searchArticles(deps.db, { q, statute }, page),
  }),
  defineRoute({
    method: 'put', path: '/api/statutes/:slug/revision', tag: '法规', summary: '以新修订文本替换法规；所引条文有变化的题目标记为待复核',
    access: { kind: 'permission', permission: 'statute.manage' }, params: StatuteParams, body: ReviseStatuteBody, response: RevisionOutcomeView,
    handler: ({ params, body }, { deps, actor, meta }) => reviseStatute({ db: deps.db, actor, meta, slug: params.slug, ...body }),
  }),
];
