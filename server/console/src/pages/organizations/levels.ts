// Chinese names of the organisation levels, for the unit pages' labels and pickers.
export const LEVEL_NAMES: Record<string, string> = { province: '省', city: '市', county: '县（区）', unit: '单位' };

export const levelOptions = Object.entries(LEVEL_NAMES).map(([value, label]) => ({ value, label }));
