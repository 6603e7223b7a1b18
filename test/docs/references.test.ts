import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The repository carries everything a user needs: no file may point at a document that only the
 * developers had (a design file beside the checkout, a path on a developer's machine), and every
 * relative link in the Markdown documentation must lead to a file that exists.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((file) => file !== '' && existsSync(join(root, file)));
}

const TEXT = /\.(ts|tsx|mjs|js|json|md|yaml|yml|cedar|cedarschema|sh|html|css|txt)$/;
// Built from pieces so that this file does not match itself.
const OUTSIDE = [['DESIGN', '.md'].join(''), ['..', 'shared', ''].join('/'), ['', 'work', 'shared'].join('/'), ['', 'work', 'main'].join('/')];

describe('references stay inside the repository', () => {
  const files = trackedFiles().filter((file) => TEXT.test(file) && file !== 'package-lock.json');

  it('no file names a document or path outside the repository', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const needle of OUTSIDE) if (text.includes(needle)) offenders.push(`${file}: ${needle}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('every relative Markdown link resolves to a file of the repository', () => {
    const broken: string[] = [];
    const link = /\]\(([^)\s]+)\)/g;
    for (const file of files.filter((name) => name.endsWith('.md'))) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const match of text.matchAll(link)) {
        const target = match[1]!;
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = target.split('#')[0]!;
        if (path === '') continue;
        if (!existsSync(resolve(root, dirname(file), decodeURIComponent(path)))) broken.push(`${file}: ${target}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('the design document the code cites is in the repository', () => {
    assert.ok(existsSync(join(root, 'docs', 'design.md')));
    const design = readFileSync(join(root, 'docs', 'design.md'), 'utf8');
    // Every section number cited as "docs/design.md §N" exists as a heading.
    const cited = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(join(root, file), 'utf8').matchAll(/design\.md §(\d+(?:\.\d+)?)/g)) cited.add(match[1]!);
    }
    assert.ok(cited.size > 0);
    const missing = [...cited].filter((section) => !new RegExp(`^#{2,3} ${section.replace('.', '\\.')}\\.? `, 'm').test(design));
    assert.deepEqual(missing, [], 'sections cited but without a heading in docs/design.md');
  });
});
