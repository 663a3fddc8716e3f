// 讲: record a lecture given (title, date, audience) and upload its material (讲稿、课件或照片);
// an organiser verifies it before it counts.
import { errorMessage } from '../../services/request';
import { recordLecture, uploadLectureMaterial, type Lecture } from '../../services/tasks';
import { formatDate } from '../../lib/format';
import { chooseOneFile } from '../choose-file';
import { formErrorText } from '../form-error';

Component({
  data: {
    campaignId: 0,
    title: '',
    date: '',
    today: '',
    audience: '',
    fileName: '',
    filePath: '',
    error: '',
    saving: false,
    /** Recorded, but the material upload failed: only the upload is retried. */
    recordedId: 0,
  },
  methods: {
    onLoad(query: { campaignId?: string }) {
      const today = formatDate(new Date());
      this.setData({ campaignId: Number(query.campaignId) || 0, date: today, today });
    },
    onTitle(event: WechatMiniprogram.Input) {
      this.setData({ title: event.detail.value });
    },
    onAudience(event: WechatMiniprogram.Input) {
      this.setData({ audience: event.detail.value });
    },
    onDate(event: WechatMiniprogram.PickerChange) {
      this.setData({ date: String(event.detail.value) });
    },
    async onChooseFile() {
      const file = await chooseOneFile();
      if (file) this.setData({ fileName: file.name, filePath: file.path });
    },
    problem(): string {
      if (this.data.title.trim().length < 2) return '请填写讲法题目（至少 2 个字）';
      const audience = Number(this.data.audience);
      if (!Number.isInteger(audience) || audience < 1) return '请填写听众人数';
      return '';
    },
    async onSubmit() {
      if (this.data.saving) return;
      const problem = this.data.recordedId ? '' : this.problem();
      if (problem) return this.setData({ error: problem });
      this.setData({ saving: true, error: '' });
      try {
        const lecture = this.data.recordedId ? null : await this.record();
        const id = lecture?.id ?? this.data.recordedId;
        this.setData({ recordedId: id });
        if (this.data.filePath) await uploadLectureMaterial(id, this.data.filePath);
        wx.showToast({ title: '已提交，等待组织者核实', icon: 'success' });
        wx.navigateBack({ delta: 1 });
      } catch (error) {
        const uploadFailed = this.data.recordedId !== 0;
        this.setData({ error: uploadFailed ? `讲法已登记，材料上传失败：${errorMessage(error)}。请重试上传。` : formErrorText(error) });
      } finally {
        this.setData({ saving: false });
      }
    },
    record(): Promise<Lecture> {
      // The start of the chosen day in Beijing time: never later than now for today.
      return recordLecture({
        title: this.data.title.trim(), givenAt: `${this.data.date}T00:00:00+08:00`, audienceSize: Number(this.data.audience), statutes: [],
        ...(this.data.campaignId ? { campaignId: this.data.campaignId } : {}),
      });
    },
  },
});
