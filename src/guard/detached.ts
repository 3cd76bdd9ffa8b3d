// MAIN world, before the page's scripts: a file input that a script creates and clicks without
// putting it in the document sends its events nowhere we can listen. While its dialog is
// open, such an input lives in a hidden holder, so its events pass through the window.

export function adoptDetachedInputs(win: Window & typeof globalThis): void {
  const proto = win.HTMLInputElement.prototype;
  const adopt = (input: HTMLInputElement) => {
    if (input.type !== 'file' || input.isConnected) return;
    const holder = win.document.createElement('div');
    holder.hidden = true;
    holder.append(input);
    (win.document.body ?? win.document.documentElement).append(holder);
    // Leave once the page has had its events (ours come later, after the prompt).
    const release = () => setTimeout(() => holder.remove(), 0);
    input.addEventListener('change', release, { once: true });
    input.addEventListener('cancel', release, { once: true });
  };
  for (const name of ['click', 'showPicker'] as const) {
    const original = proto[name] as ((this: HTMLInputElement) => void) | undefined;
    if (typeof original !== 'function') continue;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: HTMLInputElement) {
        adopt(this);
        return original.call(this);
      },
    });
  }
}
