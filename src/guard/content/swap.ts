// Handing files to the page as if the person had chosen them: the field's files and the
// events frameworks listen to (React, Vue and plain handlers), or a drop on the same target.

function fileList(files: readonly File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}

export function putFiles(input: HTMLInputElement, files: readonly File[]): void {
  input.files = fileList(files).files;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

export function dropFiles(target: EventTarget, files: readonly File[], at: { clientX: number; clientY: number }): void {
  const dataTransfer = fileList(files);
  target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer, ...at }));
}

export function pasteFiles(target: EventTarget, files: readonly File[]): void {
  target.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: fileList(files) }));
}
