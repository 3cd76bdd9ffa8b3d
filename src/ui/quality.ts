// The photo check as people read it: only what may get the photo rejected, each with one tip.
import type { Check } from '../core/quality/checks.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { t } from '../i18n/t.ts';
import { h } from './dom.ts';

export function qualityView(checks: Check[] | undefined): HTMLElement {
  const problems = (checks ?? []).filter((c) => c.level !== 'pass').sort((a, b) => (a.level === b.level ? 0 : a.level === 'fail' ? -1 : 1));
  return h(
    'div',
    { class: 'quality', id: 'quality', role: 'status' },
    h('strong', null, `${t('qualityTitle')}: `),
    !checks ? null : problems.length === 0 ? t('qualityOk') : null,
    problems.length
      ? h(
          'ul',
          null,
          ...problems.map((c) =>
            h(
              'li',
              { class: c.level, dataset: { check: c.id } },
              h('span', { class: 'badge' }, c.level === 'fail' ? t('qualityFail') : t('qualityWarn')),
              ' ',
              t(`quality_${c.id}` as MessageKey, { value: Math.round(c.value) }),
            ),
          ),
        )
      : null,
  );
}
