// Black boxes drawn over a preview with the pointer or the keyboard: fractions of the picture,
// so they fit the full-size output. Undo removes the last one.
// Keyboard: focus the picture, Enter adds a box in the middle, arrows move it, Shift+arrows
// resize it, Delete removes it.
import type { Box } from '../panel/record.ts';
import { t } from '../i18n/t.ts';
import { h } from './dom.ts';

export type { Box } from '../panel/record.ts';

export interface Redaction {
  /** The preview wrapped with its drawing layer. */
  picture: HTMLElement;
  /** How to draw (a disclosure), and Undo with the count once a box is drawn. */
  tools: HTMLElement;
  boxes(): Box[];
  reset(): void;
}

export function redaction(img: HTMLImageElement, onChange: (boxes: Box[]) => void = () => undefined): Redaction {
  const layer = h('canvas', { tabIndex: 0, role: 'img', 'aria-label': t('redactKeys'), 'aria-describedby': 'redact-keys' });
  const frame = h('div', { class: 'redact' }, img, layer);
  const count = h('span', { id: 'redact-count', 'aria-live': 'polite' });
  const undo = h('button', { type: 'button', id: 'redact-undo', class: 'secondary', disabled: true }, t('redactUndo'));
  const undoRow = h('div', { class: 'actions', hidden: true }, undo, count);
  const boxes: Box[] = [];
  const changed = () => onChange(boxes.map((b) => ({ ...b })));
  let drawing: { x0: number; y0: number; box: Box } | undefined;
  /** The box the keyboard moves (the last one added by keyboard), outlined. */
  let active: Box | undefined;

  const paint = () => {
    const r = layer.getBoundingClientRect();
    layer.width = Math.max(1, Math.round(r.width));
    layer.height = Math.max(1, Math.round(r.height));
    const ctx = layer.getContext('2d')!;
    ctx.fillStyle = 'rgba(0,0,0,.85)';
    for (const b of drawing ? [...boxes, drawing.box] : boxes) ctx.fillRect(b.x * layer.width, b.y * layer.height, b.w * layer.width, b.h * layer.height);
    if (active && boxes.includes(active) && document.activeElement === layer) {
      ctx.strokeStyle = '#ffb020';
      ctx.lineWidth = 3;
      ctx.strokeRect(active.x * layer.width, active.y * layer.height, active.w * layer.width, active.h * layer.height);
    }
    count.textContent = boxes.length ? t('redactCount', { count: boxes.length }) : '';
    undo.disabled = boxes.length === 0;
    undoRow.hidden = boxes.length === 0;
  };
  const at = (e: PointerEvent) => {
    const r = layer.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)) };
  };
  layer.addEventListener('pointerdown', (e) => {
    if (!e.isTrusted) return;
    const p = at(e);
    drawing = { x0: p.x, y0: p.y, box: { x: p.x, y: p.y, w: 0, h: 0 } };
    layer.setPointerCapture(e.pointerId);
  });
  layer.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const p = at(e);
    drawing.box = { x: Math.min(p.x, drawing.x0), y: Math.min(p.y, drawing.y0), w: Math.abs(p.x - drawing.x0), h: Math.abs(p.y - drawing.y0) };
    paint();
  });
  layer.addEventListener('pointerup', () => {
    if (drawing && drawing.box.w > 0.01 && drawing.box.h > 0.01) {
      boxes.push(drawing.box);
      changed();
    }
    drawing = undefined;
    paint();
  });
  const clamp = (b: Box) => {
    b.w = Math.min(1, Math.max(0.02, b.w));
    b.h = Math.min(1, Math.max(0.02, b.h));
    b.x = Math.min(1 - b.w, Math.max(0, b.x));
    b.y = Math.min(1 - b.h, Math.max(0, b.y));
  };
  layer.addEventListener('keydown', (e) => {
    if (!e.isTrusted) return;
    const step = e.altKey ? 0.005 : 0.02;
    const move: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (e.key === 'Enter' || e.key === ' ') {
      active = { x: 0.35, y: 0.45, w: 0.3, h: 0.1 };
      boxes.push(active);
      changed();
    } else if (move[e.key] && active && boxes.includes(active)) {
      const [dx, dy] = move[e.key]!;
      if (e.shiftKey) {
        active.w += dx;
        active.h += dy;
      } else {
        active.x += dx;
        active.y += dy;
      }
      clamp(active);
      changed();
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && active) {
      boxes.splice(boxes.indexOf(active), 1);
      active = boxes.at(-1);
      changed();
    } else return;
    e.preventDefault();
    paint();
  });
  layer.addEventListener('focus', paint);
  layer.addEventListener('blur', paint);
  undo.addEventListener('click', () => {
    boxes.pop();
    paint();
    changed();
  });
  img.addEventListener('load', paint);
  return {
    picture: frame,
    tools: h(
      'div',
      { class: 'redaction' },
      h(
        'details',
        { class: 'redact-help' },
        h('summary', null, t('redactSummary')),
        h('p', { class: 'hint' }, t('redactHint')),
        h('p', { class: 'hint', id: 'redact-keys' }, t('redactKeysHint')),
        h('p', { class: 'hint' }, t('redactMrzNote')),
      ),
      undoRow,
    ),
    boxes: () => boxes.map((b) => ({ ...b })),
    reset() {
      boxes.length = 0;
      active = undefined;
      paint();
    },
  };
}
