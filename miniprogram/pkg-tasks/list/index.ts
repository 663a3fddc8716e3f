// 我的任务: every 学·讲·述·考 task of the cadre's campaigns with its state, progress and what is
// still missing (all derived by the server from the evidence); open ones first.
import { errorMessage } from '../../services/request';
import { listMyTasks, type Task } from '../../services/tasks';
import { taskCard, type TaskCard } from '../task-card';

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'empty' | 'ready',
    message: '',
    open: [] as TaskCard[],
    finished: [] as TaskCard[],
  },
  methods: {
    onShow() {
      return this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      try {
        const tasks = await listMyTasks();
        const now = new Date();
        const done = (task: Task) => task.state === 'done';
        this.setData({
          status: tasks.length ? 'ready' : 'empty',
          open: tasks.filter((task) => !done(task)).map((task) => taskCard(task, now)),
          finished: tasks.filter(done).map((task) => taskCard(task, now)),
        });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    onOpen(event: WechatMiniprogram.TouchEvent<{}, {}, { id: number }>) {
      wx.navigateTo({ url: `/pkg-tasks/detail/index?id=${event.currentTarget.dataset.id}` });
    },
  },
});
