// Keys and the wipe divider for the compare view. Both players are driven from the server so that one
// frame mapping (by frame or by timecode) decides where the second take stands.
import { isTyping } from './player.js';

const dividerSelector = '[data-testid=compare-wipe]';

export function attach(dotnet) {
  const call = (method, ...args) => dotnet.invokeMethodAsync(method, ...args).catch(() => {});

  // The divider moves under the pointer at once; the server hears of it once per screen refresh at most.
  // Where this page last put the divider: keys pressed faster than the server answers still add up.
  let wipeAt = null;
  let pending = null;
  let dragging = null;
  const showWipe = (percent) => {
    wipeAt = percent;
    const divider = document.querySelector(dividerSelector);
    const right = document.querySelector('[data-testid=compare-right]');
    if (divider) {
      divider.style.left = `${percent}%`;
      divider.setAttribute('aria-valuenow', String(percent));
    }
    if (right) right.style.clipPath = `inset(0 0 0 ${percent}%)`;
    if (pending === null) requestAnimationFrame(() => { call('SetWipe', pending); pending = null; });
    pending = percent;
  };
  const percentAt = (clientX) => {
    const stage = document.querySelector('[data-wipe-stage]');
    if (!stage) return null;
    const box = stage.getBoundingClientRect();
    return Math.round(Math.min(100, Math.max(0, ((clientX - box.left) / Math.max(1, box.width)) * 100)));
  };
  const onPointerDown = (e) => {
    const divider = e.target instanceof Element ? e.target.closest(dividerSelector) : null;
    if (!divider) return;
    dragging = divider;
    divider.setPointerCapture?.(e.pointerId);
    divider.focus();
    e.preventDefault();
  };
  const onPointerMove = (e) => {
    if (!dragging) return;
    const percent = percentAt(e.clientX);
    if (percent !== null) showWipe(percent);
  };
  const onPointerUp = () => { dragging = null; };

  const wipeKeys = { ArrowLeft: -5, ArrowRight: 5, PageDown: -25, PageUp: 25 };
  const onDividerKey = (e, divider) => {
    const now = wipeAt ?? (Number(divider.getAttribute('aria-valuenow')) || 0);
    let next = null;
    if (e.key in wipeKeys) next = now + (e.shiftKey ? Math.sign(wipeKeys[e.key]) : wipeKeys[e.key]);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = 100;
    if (next === null) return false;
    showWipe(Math.min(100, Math.max(0, next)));
    return true;
  };

  const onKey = (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e)) return;
    const divider = e.target instanceof Element ? e.target.closest(dividerSelector) : null;
    if (divider && onDividerKey(e, divider)) { e.preventDefault(); return; }
    switch (e.key) {
      case 'ArrowRight': call('Step', e.shiftKey ? 'second' : 'frame', 1); break;
      case 'ArrowLeft': call('Step', e.shiftKey ? 'second' : 'frame', -1); break;
      case ' ': call('TogglePlay'); break;
      case 's': case 'S': call('Swap'); break;
      case 'a': case 'A': call('ListenTo', 'a'); break;
      case 'b': case 'B': call('ListenTo', 'b'); break;
      case 'w': case 'W': call('ToggleWipe'); break;
      default: return;
    }
    e.preventDefault();
  };

  const listeners = [
    ['keydown', onKey],
    ['pointerdown', onPointerDown],
    ['pointermove', onPointerMove],
    ['pointerup', onPointerUp],
    ['pointercancel', onPointerUp],
  ];
  for (const [type, handler] of listeners) document.addEventListener(type, handler);
  return { dispose: () => { for (const [type, handler] of listeners) document.removeEventListener(type, handler); } };
}
