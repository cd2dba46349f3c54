// The player names keys the way the server's shortcut list (PlayerShortcuts) writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyName } from '../../wwwroot/js/player.js';

test('letters are lower case, or upper case after Shift+', () => {
  assert.equal(keyName({ key: 'l', shiftKey: false }), 'l');
  assert.equal(keyName({ key: 'L', shiftKey: true }), 'Shift+L');
  assert.equal(keyName({ key: 'L', shiftKey: false }), 'l', 'caps lock is not Shift');
});

test('named keys carry Shift+ when it is held', () => {
  assert.equal(keyName({ key: 'ArrowLeft', shiftKey: false }), 'ArrowLeft');
  assert.equal(keyName({ key: 'ArrowLeft', shiftKey: true }), 'Shift+ArrowLeft');
  assert.equal(keyName({ key: 'Escape', shiftKey: false }), 'Escape');
});

test('symbols are named as typed, Shift or not', () => {
  assert.equal(keyName({ key: '?', shiftKey: true }), '?');
  assert.equal(keyName({ key: ' ', shiftKey: false }), ' ');
});
