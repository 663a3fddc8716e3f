// One question as a cadre answers it (practice, presence checks): options to tap, or an input per
// blank; after feedback the right options turn green and a wrong choice red. Emits `change` with
// the new selection (lib/answer-format's Selection).
import {
  JUDGE_CHOICES, emptySelection, questionTypeName, toggleOption, withBlank,
  type PaperQuestion, type QuestionType, type Selection,
} from '../../lib/answer-format';

export type ShownQuestion = { type: QuestionType; stem: string; options: { key: string; text: string }[] | null; blanks: number };
type Choice = { key: string; label: string; text: string; chosen: boolean; mark: string };

function chosenKeys(selection: Selection): string[] {
  switch (selection.type) {
    case 'single': return selection.key ? [selection.key] : [];
    case 'multiple': return selection.keys;
    case 'judge': return selection.value === null ? [] : [String(selection.value)];
    case 'fill': return [];
  }
}

Component({
  properties: {
    question: { type: Object, value: null },
    selection: { type: Object, value: null },
    /** Keys of the right options once the answer is judged ('true'/'false' for a judge question). */
    rightKeys: { type: Array, value: [] },
    disabled: { type: Boolean, value: false },
  },
  data: { typeName: '', choices: [] as Choice[], blanks: [] as string[] },
  observers: {
    'question, selection, rightKeys'(question: ShownQuestion | null, selection: Selection | null, rightKeys: string[]) {
      if (!question) return;
      const current = selection ?? emptySelection({ ...question, ordinal: 0 } as PaperQuestion);
      const chosen = chosenKeys(current);
      const judged = rightKeys.length > 0;
      const source = question.type === 'judge' ? JUDGE_CHOICES.map((c) => ({ key: c.key, text: c.text, label: '' })) : (question.options ?? []).map((o) => ({ ...o, label: o.key }));
      const choices = source.map((option) => {
        const isChosen = chosen.includes(option.key);
        const mark = !judged ? '' : rightKeys.includes(option.key) ? 'option--right' : isChosen ? 'option--wrong' : '';
        return { ...option, chosen: isChosen, mark };
      });
      this.setData({ typeName: questionTypeName(question.type), choices, blanks: current.type === 'fill' ? current.texts : [] });
    },
  },
  methods: {
    current(): Selection {
      const question = this.data.question as ShownQuestion;
      return (this.data.selection as Selection | null) ?? emptySelection({ ...question, ordinal: 0 } as PaperQuestion);
    },
    onChoose(event: WechatMiniprogram.TouchEvent<{}, {}, { key: string }>) {
      if (this.data.disabled) return;
      this.triggerEvent('change', { selection: toggleOption(this.current(), event.currentTarget.dataset.key) });
    },
    onBlank(event: WechatMiniprogram.CustomEvent<{ value: string }, {}, { index: number }>) {
      if (this.data.disabled) return;
      this.triggerEvent('change', { selection: withBlank(this.current(), Number(event.currentTarget.dataset.index), event.detail.value) });
    },
  },
});
