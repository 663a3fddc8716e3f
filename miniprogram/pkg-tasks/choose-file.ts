// Picks one file from a WeChat chat (the usual place a cadre has a 讲稿 or 述法报告 document).
export type ChosenFile = { path: string; name: string };

/** The chosen file, or null when the cadre cancelled. */
export function chooseOneFile(): Promise<ChosenFile | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1, type: 'all',
      success: (result) => {
        const file = result.tempFiles[0];
        resolve(file ? { path: file.path, name: file.name } : null);
      },
      fail: () => resolve(null),
    });
  });
}
