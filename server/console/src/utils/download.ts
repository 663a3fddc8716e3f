// Saves a file the server produced (xlsx exports) under the server's own file name.
import { callFile } from '../api/client';

export async function saveDownload(request: Parameters<typeof callFile>[0]): Promise<string> {
  const { blob, filename } = await callFile(request);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}
