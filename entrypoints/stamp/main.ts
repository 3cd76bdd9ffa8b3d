// The stamping page: pick files, stamp them here, download the results.
// It also exposes window.idstamp so the CLI and tests drive this very page (scripts/chromium.ts).
import { isStampError } from '../../src/core/errors.ts';
import { stamp } from '../../src/core/pipeline.ts';
import type { StampOptionsInput } from '../../src/core/options.ts';
import { installAutomation } from '../../src/ui/automation.ts';

const lang = navigator.language.toLowerCase().startsWith('zh') ? 'zh_CN' : 'en';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const results = $<HTMLUListElement>('results');

$<HTMLInputElement>('files').addEventListener('change', async (e) => {
  const input = e.currentTarget as HTMLInputElement;
  const options: StampOptionsInput = {
    mode: $<HTMLInputElement>('strip').checked ? 'strip' : 'stamp',
    lang,
    watermark: { purpose: $<HTMLInputElement>('purpose').value, site: $<HTMLInputElement>('site').value },
  };
  for (const file of Array.from(input.files ?? [])) {
    const li = document.createElement('li');
    li.textContent = `${file.name}: …`;
    results.append(li);
    try {
      const { file: out, report } = await stamp(file, options);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(out);
      a.download = out.name;
      a.textContent = `${out.name} (${Math.round(out.size / 1024)} KB)`;
      li.textContent = `${file.name} → `;
      li.append(a, ` removed: ${report.removed.join(', ') || 'nothing'}`);
    } catch (err) {
      li.textContent = `${file.name}: ${isStampError(err) ? err.localized(lang) : String(err)}`;
      li.className = 'error';
    }
  }
  input.value = '';
});

installAutomation(window);
