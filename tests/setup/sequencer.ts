// Longest files first, whatever their lane: with two workers, a long file started last (the
// trace tables, the CLI) keeps the suite running alone for minutes. Durations come from
// Vitest's own cache of the last run on this checkout, or on a fresh clone (CI) from
// durations.json: seconds per file from a whole run, rounded; files not listed are short.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import durations from './durations.json' with { type: 'json' };

const listed: Record<string, number> = durations;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (f: TestSpecification): number => {
      const path = relative(root, f.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${f.project.name}:${path}`)?.duration;
      return cached !== undefined ? cached / 1000 : (listed[path] ?? 1);
    };
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
