// Tab and Shift+Tab cycle inside `root`: in the guard's prompt, focus never walks out into the
// page behind it (or into the browser's toolbar from a prompt window).
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

const reachable = (el: HTMLElement) =>
  el.tabIndex >= 0 &&
  !(el as HTMLButtonElement).disabled &&
  !el.closest('[hidden], [inert]') &&
  el.getClientRects().length > 0 &&
  // Of a radio group, Tab reaches only the checked one.
  !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked && !!el.name);

export function trapFocus(win: Window, root: HTMLElement): void {
  win.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
    const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(reachable);
    const active = win.document.activeElement;
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return e.preventDefault();
    const outside = !active || !root.contains(active);
    if (e.shiftKey ? outside || active === first : outside || active === last) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  });
}
