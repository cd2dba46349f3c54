// Scripts served from wwwroot/lib are copies of npm packages: each folder records the package, version and
// hash it was copied from, and a copy that was changed (or replaced without updating the record) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

const lib = new URL('../../wwwroot/lib/', import.meta.url);

for (const folder of readdirSync(lib, { withFileTypes: true }).filter(entry => entry.isDirectory())) {
  test(`wwwroot/lib/${folder.name} is the recorded npm release`, () => {
    const record = JSON.parse(readFileSync(new URL(`${folder.name}/vendored.json`, lib), 'utf8'));
    assert.equal(record.package, folder.name);
    assert.match(record.version, /^\d+\.\d+\.\d+$/, 'an exact version');
    const actual = createHash('sha256').update(readFileSync(new URL(`${folder.name}/${record.file}`, lib))).digest('hex');
    assert.equal(actual, record.sha256, `${record.file} differs from ${record.package}@${record.version}`);
  });
}
