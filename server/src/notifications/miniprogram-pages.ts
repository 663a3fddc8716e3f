// The mini-program pages a subscribe message opens. They must be pages of miniprogram/app.json:
// test/miniprogram/structure.test.ts checks them against it.
export const miniprogramPages = {
  task: (taskId: number) => `pkg-tasks/detail/index?id=${taskId}`,
  exam: (examId: number) => `pkg-exam/confirm/index?examId=${examId}`,
};
