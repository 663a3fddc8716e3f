// A statute's articles for the citation picker, loaded whole (page by page) once per tab and slug.
import { api, callPage, type paths } from '../../api/client';

export type ArticleItem = paths['/api/statutes/{slug}/articles']['get']['responses'][200]['content']['application/json']['data'][number];

const cache = new Map<string, Promise<ArticleItem[]>>();

async function fetchArticles(slug: string): Promise<ArticleItem[]> {
  const all: ArticleItem[] = [];
  for (let page = 1; ; page++) {
    const batch = await callPage(api.GET('/api/statutes/{slug}/articles', { params: { path: { slug }, query: { page, pageSize: 100 } } }));
    all.push(...batch.items);
    if (all.length >= batch.total || !batch.items.length) return all;
  }
}

export function loadArticles(slug: string): Promise<ArticleItem[]> {
  let loading = cache.get(slug);
  if (!loading) {
    loading = fetchArticles(slug);
    cache.set(slug, loading);
    loading.catch(() => cache.delete(slug));
  }
  return loading;
}
