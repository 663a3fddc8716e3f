// The console is built into dist/ and served by the Xuefa server at /console/ (same origin as
// /api). `npm run console:dev` serves it with hot reload and proxies the API to a local server.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import components from 'unplugin-vue-components/vite';
import { TDesignResolver } from '@tdesign-vue-next/auto-import-resolver';

const apiTarget = process.env.XUEFA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [
    vue(),
    // On-demand TDesign components; components.d.ts (generated, gitignored) types them for vue-tsc.
    components({ resolvers: [TDesignResolver({ library: 'vue-next' })], dts: 'src/components.d.ts' }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': apiTarget, '/healthz': apiTarget } },
});
