import { z } from 'zod';
import { assertDatabaseReady } from './service.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';

export const systemRoutes = (openApiDocument: () => unknown): RouteSpec[] => [
  defineRoute({
    method: 'get', path: '/healthz', tag: '系统', summary: '进程存活检查',
    access: { kind: 'public' }, response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  }),
  defineRoute({
    method: 'get', path: '/readyz', tag: '系统', summary: '就绪检查（数据库可用）',
    access: { kind: 'public' }, response: z.object({ status: z.literal('ready'), database: z.enum(['mysql', 'sqlite']) }),
    async handler(_input, { deps }) {
      await assertDatabaseReady(deps);
      return { status: 'ready' as const, database: deps.dialect };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/openapi.json', tag: '系统', summary: '本接口文档（OpenAPI 3.1）',
    access: { kind: 'public' }, unwrapped: true, response: z.record(z.string(), z.unknown()),
    handler: async () => openApiDocument() as Record<string, unknown>,
  }),
];
