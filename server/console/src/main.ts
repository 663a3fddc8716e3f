import { createApp } from 'vue';
// On-demand TDesign components carry no base styles: without this the console renders unstyled.
import 'tdesign-vue-next/es/style/index.css';
import './styles/global.css';
import App from './App.vue';
import { router } from './router';

createApp(App).use(router).mount('#app');
