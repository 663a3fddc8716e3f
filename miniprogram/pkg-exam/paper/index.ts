// The paper, one question at a time: every answer goes through the answer queue (stored on the
// phone, then saved with its sequence number), the countdown runs on the server's clock, the
// answer card shows what is answered, submit warns about gaps, and the deadline submits.
import { errorMessage, showError } from '../../services/request';
import { resumeAttempt, sendAnswer, serverClock, submitAttempt, type PaperItem } from '../../services/exams';
import { AnswerQueue, queueStatusText, storageKeyOf, type KeyValueStorage, type QueueState } from '../../lib/answer-queue';
import { answerCard, responseFrom, selectionFrom, type AnswerResponse, type CardCell, type Selection } from '../../lib/answer-format';
import { countdownPhase, formatCountdown, secondsLeft } from '../../lib/countdown';

/** Typing is saved once the cadre pauses, not on every key. */
const FILL_SAVE_DELAY_MS = 800;
const TICK_MS = 1000;
/** After the deadline, a submit that failed (no network) is tried again this often. */
const DEADLINE_RETRY_MS = 5000;

const wxStorage: KeyValueStorage = {
  getItem: (key) => wx.getStorageSync<string>(key) || null,
  setItem: (key, value) => wx.setStorageSync(key, value),
  removeItem: (key) => wx.removeStorageSync(key),
};

type Runtime = {
  queue: AnswerQueue;
  items: PaperItem[];
  responses: Record<number, unknown>;
  deadline: string;
  ticker: ReturnType<typeof setInterval> | null;
  fillSave: { ordinal: number; timer: ReturnType<typeof setTimeout> } | null;
  lastDeadlineTry: number;
  onNetwork: WechatMiniprogram.OnNetworkStatusChangeCallback;
};
const runtimes = new WeakMap<object, Runtime>();

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    attemptId: 0,
    title: '',
    total: 0,
    index: 0,
    ordinal: 0,
    points: 0,
    question: null as Pick<PaperItem, 'type' | 'stem' | 'options' | 'blanks'> | null,
    selection: null as Selection | null,
    cells: [] as CardCell[],
    answeredCount: 0,
    showCard: false,
    saveStatus: 'saved' as QueueState['status'],
    saveText: '已保存',
    countdown: '',
    phase: 'normal',
    submitting: false,
  },
  lifetimes: {
    // Also when the page is torn down without onUnload: no timer may outlive it.
    detached() {
      this.stop();
    },
  },
  methods: {
    onLoad(query: { attemptId?: string }) {
      this.setData({ attemptId: Number(query.attemptId) });
      return this.load();
    },
    onShow() {
      runtimes.get(this)?.queue.retryNow();
    },
    onHide() {
      // The app may be killed once in the background: text being typed is queued (and stored) now.
      this.saveTyping();
    },
    onUnload() {
      this.stop();
    },
    stop() {
      const runtime = runtimes.get(this);
      if (!runtime) return;
      if (runtime.ticker) clearInterval(runtime.ticker);
      if (runtime.fillSave) clearTimeout(runtime.fillSave.timer);
      // The typings give off…Change a different callback type than on…Change; it is the same listener.
      wx.offNetworkStatusChange(runtime.onNetwork as unknown as WechatMiniprogram.OffNetworkStatusChangeCallback);
      runtime.queue.dispose();
      runtimes.delete(this);
    },
    async load() {
      this.stop();
      this.setData({ status: 'loading' });
      const attemptId = this.data.attemptId;
      try {
        const attempt = await resumeAttempt(attemptId);
        if (attempt.status === 'submitted') {
          // Submitted elsewhere or by the deadline sweep: whatever is left queued can never be saved.
          wxStorage.removeItem(storageKeyOf(attemptId));
          return this.toResult();
        }
        const queue = new AnswerQueue({
          attemptId, storage: wxStorage, send: (answer) => sendAnswer(attemptId, answer),
          onChange: (state) => this.showQueue(state),
          onRejected: (answer, message) => wx.showToast({ title: `第 ${answer.ordinal} 题未保存：${message}`, icon: 'none', duration: 3000 }),
        });
        const runtime: Runtime = {
          queue, items: attempt.items, responses: queue.resume(attempt.items), deadline: attempt.deadline, ticker: null, fillSave: null, lastDeadlineTry: 0,
          onNetwork: (result) => { if (result.isConnected) queue.retryNow(); },
        };
        runtimes.set(this, runtime);
        wx.onNetworkStatusChange(runtime.onNetwork);
        const firstUnanswered = answerCard(attempt.items, runtime.responses, 0).unanswered[0];
        this.setData({ status: 'ready', title: attempt.title, total: attempt.items.length });
        this.showQueue(queue.state);
        this.show(Math.max(0, attempt.items.findIndex((item) => item.ordinal === firstUnanswered)));
        runtime.ticker = setInterval(() => this.tick(), TICK_MS);
        this.tick();
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    show(index: number) {
      const runtime = runtimes.get(this)!;
      const item = runtime.items[index]!;
      const card = answerCard(runtime.items, runtime.responses, item.ordinal);
      this.setData({
        index, ordinal: item.ordinal, points: item.points,
        question: { type: item.type, stem: item.stem, options: item.options, blanks: item.blanks },
        selection: selectionFrom(item, runtime.responses[item.ordinal]),
        cells: card.cells, answeredCount: card.answeredCount,
      });
    },
    showQueue(state: QueueState) {
      this.setData({ saveStatus: state.status, saveText: queueStatusText(state) });
      // Refused at the deadline or because the attempt was closed elsewhere: nothing more to save.
      if (state.status === 'closed') this.finish(true);
    },
    tick() {
      const runtime = runtimes.get(this);
      if (!runtime) return;
      const seconds = secondsLeft(runtime.deadline, serverClock.now(Date.now()));
      this.setData({ countdown: formatCountdown(seconds), phase: countdownPhase(seconds) });
      if (seconds === 0 && Date.now() - runtime.lastDeadlineTry >= DEADLINE_RETRY_MS) {
        runtime.lastDeadlineTry = Date.now();
        this.finish(true);
      }
    },
    onSelectionChange(event: WechatMiniprogram.CustomEvent<{ selection: Selection }>) {
      const runtime = runtimes.get(this)!;
      const ordinal = this.data.ordinal;
      const selection = event.detail.selection;
      runtime.responses[ordinal] = responseFrom(selection);
      const card = answerCard(runtime.items, runtime.responses, ordinal);
      this.setData({ selection, cells: card.cells, answeredCount: card.answeredCount });
      if (selection.type !== 'fill') return void runtime.queue.save(ordinal, responseFrom(selection));
      if (runtime.fillSave) clearTimeout(runtime.fillSave.timer);
      runtime.fillSave = { ordinal, timer: setTimeout(() => this.saveTyping(), FILL_SAVE_DELAY_MS) };
    },
    /** Saves a fill-in answer still waiting for the typing pause (before moving on, submitting). */
    saveTyping() {
      const runtime = runtimes.get(this);
      if (!runtime?.fillSave) return;
      clearTimeout(runtime.fillSave.timer);
      const { ordinal } = runtime.fillSave;
      runtime.fillSave = null;
      runtime.queue.save(ordinal, runtime.responses[ordinal] as AnswerResponse);
    },
    go(index: number) {
      this.saveTyping();
      this.setData({ showCard: false });
      this.show(index);
    },
    onPrevious() {
      if (this.data.index > 0) this.go(this.data.index - 1);
    },
    onNext() {
      if (this.data.index < this.data.total - 1) this.go(this.data.index + 1);
    },
    onToggleCard() {
      this.setData({ showCard: !this.data.showCard });
    },
    onJump(event: WechatMiniprogram.TouchEvent<{}, {}, { index: number }>) {
      this.go(Number(event.currentTarget.dataset.index));
    },
    async onSubmit() {
      const runtime = runtimes.get(this);
      if (!runtime || this.data.submitting) return;
      this.saveTyping();
      const { unanswered } = answerCard(runtime.items, runtime.responses, this.data.ordinal);
      const content = unanswered.length
        ? `还有 ${unanswered.length} 题未作答（第 ${unanswered.join('、')} 题）。交卷后不能再修改，确定交卷吗？`
        : '交卷后不能再修改，确定交卷吗？';
      const { confirm } = await wx.showModal({ title: unanswered.length ? '有题目未作答' : '确认交卷', content, confirmText: '交卷', cancelText: '继续答题' });
      if (confirm) await this.finish(false);
    },
    /** Sends what is queued, then submits. By hand it waits for the network; at the deadline it submits what the server has. */
    async finish(atDeadline: boolean) {
      const runtime = runtimes.get(this);
      if (!runtime || this.data.submitting) return;
      this.setData({ submitting: true });
      this.saveTyping();
      const state = await runtime.queue.settle();
      if (state.status === 'offline' && !atDeadline) {
        this.setData({ submitting: false });
        await wx.showModal({
          title: '网络不通', showCancel: false,
          content: `还有 ${state.pending} 题的答案没有保存到服务器。答案已存在手机上，不会丢失；请检查网络后再交卷。`,
        });
        return;
      }
      try {
        await submitAttempt(this.data.attemptId);
        runtime.queue.clear();
        this.stop();
        this.toResult();
      } catch (error) {
        this.setData({ submitting: false });
        // At the deadline the ticker tries again; the server's own sweep submits the paper in any case.
        if (atDeadline) this.setData({ saveText: `时间到，${errorMessage(error)}；恢复后自动交卷` });
        else showError(error);
      }
    },
    toResult() {
      wx.redirectTo({ url: `/pkg-exam/result/index?attemptId=${this.data.attemptId}` });
    },
  },
});
