import type { PrimaryTableCol, TableRowData } from 'tdesign-vue-next';

/**
 * `<t-table>` is not generic in templates: columns are typed against the row here (so cell
 * renderers see real fields) and handed to the table as its plain column type.
 */
export function tableColumns<T extends object>(columns: PrimaryTableCol<T & TableRowData>[]): PrimaryTableCol[] {
  return columns as unknown as PrimaryTableCol[];
}
