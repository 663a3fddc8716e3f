// 条文阅读 with study credit: reading opens a study session; a heartbeat every ~30 s reports
// visibility, interactions and position; a presence check arrives as a bottom sheet with a 60 s
// countdown on the server's clock; ending shows the credited time and any flag with its reason.
import { FILL_BLANK, emptySelection, responseFrom, type Selection } from '../../lib/answer-format';
import { secondsLeft } from '../../lib/countdown';
import { formatSeconds } from '../../lib/format';
import { HeartbeatCounter, scrollFraction, type Interaction } from '../../lib/heartbeat';
import { errorMessage, request, showError, type Data } from '../../services/request';
import { StudySession, type EndedSession, type Material, type PresenceCheck } from '../../services/study';

type Article = Data<'/api/statutes/{slug}/articles/{number}', 'get'>;
type Place = { statute: string; article: number };
type Runtime = {
  session: StudySession;
  heartbeatTimer?: number;
  checkTimer?: number;
  /** Course readers walk the course's articles; statute readers walk the statute. */
  coursePlaces?: Place[];
  contentHeight: number;
  onAppHide: () => void;
  onAppShow: () => void;
};

const FONT_KEY = 'xuefa.fontSize';
const FONT_MIN = 30;
const FONT_MAX = 56;
const runtimes = new WeakMap<object, Runtime>();

function stopTimer(timer: number | undefined): void {
  if (timer !== undefined) clearInterval(timer);
}

function checkQuestion(check: PresenceCheck) {
  const blanks = check.type === 'fill' ? Math.max(1, check.stem.split(FILL_BLANK).length - 1) : 0;
  return { type: check.type, stem: check.stem, options: check.options, blanks, ordinal: 0 };
}

function endedView(ended: EndedSession) {
  return { credited: formatSeconds(ended.creditedSeconds), flags: ended.flags.map((f) => ({ id: f.id, explanation: f.explanation })) };
}

Component({
  data: {
    status: 'loading', message: '', fontSize: 36,
    place: { statute: '', article: 1 } as Place,
    article: null as Article | null,
    previous: null as Place | null, next: null as Place | null,
    sessionId: 0, sessionText: '正在开始学习…', courseId: 0,
    check: { visible: false, id: 0, question: null as ReturnType<typeof checkQuestion> | null, selection: null as Selection | null, secondsLeft: 0, expiresAt: '', submitting: false },
    ended: null as ReturnType<typeof endedView> | null,
  },
  lifetimes: {
    attached() {
      const runtime: Runtime = {
        session: new StudySession(new HeartbeatCounter({ statute: '', article: 1, scroll: 0 })),
        contentHeight: 0,
        onAppHide: () => runtime.session.counter.setVisibility('background'),
        onAppShow: () => runtime.session.counter.setVisibility('foreground'),
      };
      runtimes.set(this, runtime);
      wx.onAppHide(runtime.onAppHide);
      wx.onAppShow(runtime.onAppShow);
    },
    detached() {
      const runtime = this.runtime();
      wx.offAppHide(runtime.onAppHide);
      wx.offAppShow(runtime.onAppShow);
      this.stopTimers();
      // Leaving the reader ends the session, so its time is judged now rather than after the silence sweep.
      if (runtime.session.id && !runtime.session.closed) runtime.session.end().catch(() => undefined);
    },
  },
  pageLifetimes: {
    show() { this.runtime().session.counter.setVisibility('foreground'); },
    hide() { this.runtime().session.counter.setVisibility('background'); },
  },
  methods: {
    runtime(): Runtime {
      return runtimes.get(this)!;
    },
    async onLoad(query: { slug?: string; number?: string; courseId?: string }) {
      const stored = Number(wx.getStorageSync(FONT_KEY)) || 0;
      if (stored) this.setData({ fontSize: stored });
      const courseId = Number(query.courseId) || 0;
      let place: Place = { statute: query.slug ?? '', article: Number(query.number) || 1 };
      if (courseId) {
        const places = await this.loadCourse(courseId);
        if (!places) return;
        place = places.find((p) => p.statute === place.statute && p.article === place.article) ?? places[0]!;
      }
      this.setData({ place, courseId });
      await Promise.all([this.loadArticle(), this.openSession(courseId ? { courseId } : { statute: place.statute })]);
    },
    async loadCourse(courseId: number): Promise<Place[] | null> {
      try {
        const courses = await request('get', '/api/courses', { query: { pageSize: 100 } });
        const places = courses.find((c) => c.id === courseId)?.items.flatMap((item) => (item.kind === 'article' ? [{ statute: item.statute, article: item.article }] : [])) ?? [];
        if (!places.length) { this.setData({ status: 'empty', message: '' }); return null; }
        this.runtime().coursePlaces = places;
        return places;
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
        return null;
      }
    },
    /** After a failure (e.g. no network at first): the article again, and the session if it never opened. */
    async retry() {
      const { place } = this.data;
      const courseId = this.data.courseId;
      await Promise.all([this.loadArticle(), this.data.sessionId ? null : this.openSession(courseId ? { courseId } : { statute: place.statute })]);
    },
    async loadArticle() {
      const { place } = this.data;
      this.setData({ status: 'loading', message: '' });
      try {
        const article = await request('get', '/api/statutes/{slug}/articles/{number}', { path: { slug: place.statute, number: place.article } });
        this.setData({ status: 'ready', article, ...this.neighbours(article) });
        this.runtime().session.counter.moveTo({ statute: place.statute, article: place.article, scroll: 0 });
        this.measure();
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    neighbours(article: Article): { previous: Place | null; next: Place | null } {
      const places = this.runtime().coursePlaces;
      if (!places) {
        const slug = article.statute.slug;
        return { previous: article.previous ? { statute: slug, article: article.previous.number } : null, next: article.next ? { statute: slug, article: article.next.number } : null };
      }
      const index = places.findIndex((p) => p.statute === article.statute.slug && p.article === article.number);
      return { previous: places[index - 1] ?? null, next: places[index + 1] ?? null };
    },
    async openSession(material: Material) {
      const runtime = this.runtime();
      try {
        const intervalMs = await runtime.session.open(material);
        this.setData({ sessionId: runtime.session.id, sessionText: '学习计时中' });
        runtime.heartbeatTimer = setInterval(() => this.sendHeartbeat(), intervalMs) as unknown as number;
      } catch (error) {
        this.setData({ sessionText: `未能开始计时：${errorMessage(error)}` });
      }
    },
    async sendHeartbeat() {
      const session = this.runtime().session;
      try {
        const check = await session.beat();
        if (check && !this.data.check.visible) this.showCheck(check);
        if (!session.closed) this.setData({ sessionText: '学习计时中' });
      } catch (error) {
        this.setData({ sessionText: session.closed ? '本次学习已结束，重新打开条文可继续学习' : `网络不畅，稍后重试（${errorMessage(error)}）` });
        if (session.closed) this.stopTimers();
      }
    },
    showCheck(check: PresenceCheck) {
      const question = checkQuestion(check);
      this.setData({ check: { visible: true, id: check.id, question, selection: emptySelection(question), secondsLeft: this.checkSecondsLeft(check.expiresAt), expiresAt: check.expiresAt, submitting: false } });
      const runtime = this.runtime();
      stopTimer(runtime.checkTimer);
      runtime.checkTimer = setInterval(() => this.tickCheck(), 1000) as unknown as number;
    },
    checkSecondsLeft(expiresAt: string): number {
      return secondsLeft(expiresAt, this.runtime().session.clock.now(Date.now()));
    },
    tickCheck() {
      const left = this.checkSecondsLeft(this.data.check.expiresAt);
      if (left > 0) { this.setData({ 'check.secondsLeft': left }); return; }
      this.closeCheck();
      wx.showToast({ title: '在线确认已超时', icon: 'none' });
    },
    closeCheck() {
      stopTimer(this.runtime().checkTimer);
      this.setData({ 'check.visible': false });
    },
    onCheckChange(event: WechatMiniprogram.CustomEvent<{ selection: Selection }>) {
      this.setData({ 'check.selection': event.detail.selection });
    },
    async answerCheck() {
      const { check } = this.data;
      const response = check.selection ? responseFrom(check.selection) : null;
      if (response === null) { wx.showToast({ title: '请先作答', icon: 'none' }); return; }
      this.setData({ 'check.submitting': true });
      try {
        const correct = await this.runtime().session.answer(check.id, response);
        this.closeCheck();
        wx.showToast({ title: correct ? '回答正确' : '回答错误，请认真阅读', icon: 'none' });
      } catch (error) {
        this.closeCheck();
        showError(error);
      } finally {
        this.setData({ 'check.submitting': false });
      }
    },
    onInteract() { this.record('tap'); },
    record(kind: Interaction) { this.runtime().session.counter.record(kind); },
    measure() {
      wx.createSelectorQuery().in(this).select('.article').boundingClientRect((rect) => {
        if (rect) this.runtime().contentHeight = (rect as WechatMiniprogram.BoundingClientRectCallbackResult).height;
      }).exec();
    },
    onPageScroll(event: { scrollTop: number }) {
      const runtime = this.runtime();
      this.record('scroll');
      runtime.session.counter.moveTo({ scroll: scrollFraction(event.scrollTop, runtime.contentHeight, wx.getWindowInfo().windowHeight) });
    },
    goTo(place: Place | null) {
      if (!place) return;
      this.record('tap');
      this.setData({ place });
      return this.loadArticle();
    },
    goPrevious() { return this.goTo(this.data.previous); },
    goNext() { return this.goTo(this.data.next); },
    setFont(size: number) {
      this.record('tap');
      const fontSize = Math.max(FONT_MIN, Math.min(FONT_MAX, size));
      wx.setStorageSync(FONT_KEY, fontSize);
      this.setData({ fontSize });
    },
    smaller() { this.setFont(this.data.fontSize - 4); },
    larger() { this.setFont(this.data.fontSize + 4); },
    stopTimers() {
      const runtime = this.runtime();
      stopTimer(runtime.heartbeatTimer);
      stopTimer(runtime.checkTimer);
    },
    async end() {
      this.stopTimers();
      const session = this.runtime().session;
      try {
        await session.beat().catch(() => null);
        const ended = await session.end();
        this.setData({ ended: endedView(ended), sessionText: '本次学习已结束', 'check.visible': false });
      } catch (error) {
        showError(error);
      }
    },
  },
});
