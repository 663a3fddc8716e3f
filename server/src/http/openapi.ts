import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import type { RouteSpec } from './route.ts';
import { ErrorEnvelope, okEnvelope } from './schemas.ts';

/** Koa's `/users/:id` becomes OpenAPI's `/users/{id}`. */
function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** The OpenAPI 3.1 document of every mounted route, built from the schemas that validate them. */
export function buildOpenApiDocument(routes: RouteSpec[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const errorResponse = { description: '错误', content: { 'application/json': { schema: ErrorEnvelope } } };
    paths[openApiPath(spec.path)] ??= {};
    paths[openApiPath(spec.path)]![spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.access.kind === 'public' || spec.access.kind === 'bot' ? { security: [] } : {}),
      ...(spec.access.kind === 'permission' ? { description: `需要权限：${spec.access.permission}` } : {}),
      requestParams: {
        ...(spec.params ? { path: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
      },
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      ...(spec.upload ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.string().meta({ format: 'binary', description: spec.upload.description }) }) } } } } : {}),
      responses: {
        [String(spec.status ?? 200)]: spec.download
          ? { description: '文件', content: Object.fromEntries(spec.download.contentTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])) }
          : { description: '成功', content: { 'application/json': { schema: spec.unwrapped ? spec.response : okEnvelope(spec.response, spec.paginated ?? false) } } },
        '4XX': errorResponse,
        '5XX': errorResponse,
      },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Xuefa 学法 API', version, description: '学法：领导干部学法、讲法、述法、考法与学时诚信系统的接口。所有响应为 {ok, data} 或 {ok:false, error:{code, message, details}}。' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '登录接口返回的访问令牌' } } },
    security: [{ bearer: [] }],
    paths: paths as never,
  });
}
