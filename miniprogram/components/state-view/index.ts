// The one loading / empty / error look of every page: the page's content shows only when ready;
// an error shows the server's message with a retry button.
export type ViewStatus = 'loading' | 'empty' | 'error' | 'ready';

Component({
  properties: {
    status: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    emptyText: { type: String, value: '暂无内容' },
    loadingText: { type: String, value: '加载中…' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
