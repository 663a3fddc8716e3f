// 签到: scan the rotating code shown at an offline study meeting; the server decides (the code's
// age, the invitation list, the meeting's time) and its reason is shown as it is, with what to do.
import { ApiError, errorMessage } from '../../services/request';
import { checkIn } from '../../services/meetings';
import { formatDateTime } from '../../lib/format';

/** What the cadre can do about each refusal. */
const HINTS: Record<string, string> = {
  qr_expired: '签到码每 30 秒更换一次，请扫描现场屏幕上最新的二维码。',
  qr_invalid: '请确认扫描的是本次学法活动的签到二维码。',
  not_invited: '如认为应当参加，请联系活动组织者补录。',
  meeting_not_in_progress: '只能在活动开始前不久至活动结束前签到。',
  network: '请检查网络后重新扫码。',
};

Component({
  data: {
    checking: false,
    done: null as null | { topic: string; at: string; again: boolean },
    failure: null as null | { message: string; hint: string },
  },
  methods: {
    onLoad(query: { code?: string }) {
      // A code in the page's query (the code scanned with WeChat's own scanner opens this page).
      return query.code ? this.submit(decodeURIComponent(query.code)) : undefined;
    },
    onScan() {
      if (this.data.checking) return;
      wx.scanCode({
        onlyFromCamera: true, scanType: ['qrCode'],
        success: (result) => { this.submit(result.result); },
        // Cancelling the scanner is not an error.
        fail: () => undefined,
      });
    },
    async submit(code: string) {
      this.setData({ checking: true, failure: null, done: null });
      try {
        const result = await checkIn(code.trim());
        this.setData({ done: { topic: result.topic, at: formatDateTime(result.checkedInAt), again: result.alreadyCheckedIn } });
      } catch (error) {
        const code = error instanceof ApiError ? error.code : '';
        this.setData({ failure: { message: errorMessage(error), hint: HINTS[code] ?? '' } });
      } finally {
        this.setData({ checking: false });
      }
    },
  },
});
