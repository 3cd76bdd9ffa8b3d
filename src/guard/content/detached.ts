// MAIN world, before the page's scripts. A file input that a script opens without putting it in
// the document sends its events nowhere we can listen. Every route that opens its file dialog
// (input.click(), HTMLElement.prototype.click.call(input), dispatchEvent(new MouseEvent('click')),
// showPicker(), a detached <label>'s click) first moves the detached tree into a holder with a
// closed shadow root in the document, so its events reach the window and the isolated-world
// guard (which opens closed roots through the extension API).
//
// The page could replace any built-in afterwards, so everything used here is taken now. The
// wrappers are Proxies of the built-ins, and Function.prototype.toString answers for them as for
// the built-ins: what remains observable is listed in the README ("Threat model").
// showOpenFilePicker() hands files to the page past any event: it is removed (every site that
// uses it falls back to a file input, as it must in Firefox and Safari).

export function adoptDetachedInputs(win: Window & typeof globalThis): void {
  const { Reflect, Proxy, WeakMap, Object: O } = win;
  const apply = Reflect.apply;
  const getter = (proto: object, name: string) => O.getOwnPropertyDescriptor(proto, name)!.get!;
  const isConnected = getter(win.Node.prototype, 'isConnected');
  const parentNode = getter(win.Node.prototype, 'parentNode');
  const inputType = getter(win.HTMLInputElement.prototype, 'type');
  const eventType = getter(win.Event.prototype, 'type');
  const labelControl = getter(win.HTMLLabelElement.prototype, 'control');
  const documentElement = getter(win.Document.prototype, 'documentElement');
  const createElement = win.Document.prototype.createElement;
  const attachShadow = win.Element.prototype.attachShadow;
  const appendChild = win.Node.prototype.appendChild;
  const removeChild = win.Node.prototype.removeChild;
  const addEventListener = win.EventTarget.prototype.addEventListener;
  const setAttribute = win.Element.prototype.setAttribute;
  const doc = win.document;
  const { HTMLInputElement: Input, HTMLLabelElement: Label, MouseEvent } = win;

  const isDetachedFile = (el: unknown): boolean => el instanceof Input && apply(inputType, el, []) === 'file' && !apply(isConnected, el, []);

  const adopt = (el: unknown) => {
    const control = el instanceof Label ? apply(labelControl, el, []) : el;
    if (!isDetachedFile(control)) return;
    // The whole detached tree moves, so a label keeps its control.
    let top = el as Node;
    for (let p = apply(parentNode, top, []) as Node | null; p; p = apply(parentNode, p, []) as Node | null) top = p;
    const holder = apply(createElement, doc, ['div']) as HTMLElement;
    apply(setAttribute, holder, ['hidden', '']);
    const root = apply(attachShadow, holder, [{ mode: 'closed' }]) as ShadowRoot;
    apply(appendChild, root, [top]);
    apply(appendChild, apply(documentElement, doc, []) as Node, [holder]);
    // Leave once the page has had its events (ours come after the prompt).
    const release = () => setTimeout(() => apply(isConnected, holder, []) && apply(removeChild, apply(parentNode, holder, []) as Node, [holder]), 0);
    apply(addEventListener, control as Node, ['change', release, { once: true }]);
    apply(addEventListener, control as Node, ['cancel', release, { once: true }]);
  };

  const wrapped = new WeakMap<object, object>();
  const wrap = (proto: object, name: string, before: (self: unknown, args: unknown[]) => void) => {
    const d = O.getOwnPropertyDescriptor(proto, name);
    if (!d || typeof d.value !== 'function') return;
    const original = d.value as (...a: unknown[]) => unknown;
    const proxy = new Proxy(original, {
      apply(target, self, args: unknown[]) {
        before(self, args);
        return apply(target, self, args);
      },
    });
    wrapped.set(proxy, original);
    O.defineProperty(proto, name, { ...d, value: proxy });
  };
  wrap(win.HTMLElement.prototype, 'click', (self) => adopt(self));
  wrap(win.HTMLInputElement.prototype, 'showPicker', (self) => adopt(self));
  wrap(win.EventTarget.prototype, 'dispatchEvent', (self, [e]) => e instanceof MouseEvent && apply(eventType, e, []) === 'click' && adopt(self));
  // toString of a wrapper (itself included) reads as the built-in's ("function click() { [native code] }").
  const fnProto = win.Function.prototype;
  const d = O.getOwnPropertyDescriptor(fnProto, 'toString')!;
  const nativeToString = d.value as (...a: unknown[]) => unknown;
  const toString = new Proxy(nativeToString, { apply: (target, self, args) => apply(target, wrapped.get(self as object) ?? self, args) });
  wrapped.set(toString, nativeToString);
  O.defineProperty(fnProto, 'toString', { ...d, value: toString });

  if ('showOpenFilePicker' in win) delete (win as { showOpenFilePicker?: unknown }).showOpenFilePicker;
}
