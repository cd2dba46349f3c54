// The note box's script: where it puts the caret when a reply or edit box opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach } from '../../wwwroot/js/composer.js';

function box(value) {
  const input = {
    value,
    selectionStart: 0,
    selectionEnd: 0,
    addEventListener() {},
    removeEventListener() {},
    focus() { globalThis.document.activeElement = input; },
    setSelectionRange(start, end) { this.selectionStart = start; this.selectionEnd = end; },
  };
  const container = { querySelector: () => input, querySelectorAll: () => [], addEventListener() {}, removeEventListener() {} };
  return { input, container };
}

test('an edit box opens focused with the caret after its text', () => {
  globalThis.document = { activeElement: null };
  const { input, container } = box('Flame loops');
  attach(container, true).dispose();
  assert.equal(document.activeElement, input);
  assert.deepEqual([input.selectionStart, input.selectionEnd], [11, 11]);
});

test('a box the person is already in keeps their selection when the script arrives', () => {
  const { input, container } = box('Flame loops');
  globalThis.document = { activeElement: input };
  input.setSelectionRange(0, 11);
  attach(container, true).dispose();
  assert.deepEqual([input.selectionStart, input.selectionEnd], [0, 11]);
});

test('without autofocus the box is left alone', () => {
  globalThis.document = { activeElement: null };
  const { container } = box('text');
  attach(container, false).dispose();
  assert.equal(document.activeElement, null);
});
