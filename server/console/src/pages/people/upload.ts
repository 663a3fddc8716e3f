// Multipart uploads through the generated client: the OpenAPI document types the file field as a
// string, so the real File is put into a FormData here (the one place that cast lives).
export function fileBody(file: File) {
  return {
    body: { file: file as unknown as string },
    bodySerializer: () => {
      const form = new FormData();
      form.append('file', file);
      return form;
    },
  };
}
