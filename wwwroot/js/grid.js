// Keys for the grid: number keys focus a take, Enter opens it, Shift+A/C/R press the focused take's decision
// buttons; the playhead keys move every take together through the server, which keeps them locked.
import { isTyping } from './player.js';

export function attach(dotnet) {
  const call = (method, ...args) => dotnet.invokeMethodAsync(method, ...args).catch(() => {});
  const onKey = (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
    if (e.shiftKey && /^[A-Za-z]$/.test(e.key)) {
      const button = document.querySelector(`[data-testid=grid-focused] [data-shortcut="${e.key.toUpperCase()}"]:not([disabled])`);
      if (button) { button.click(); e.preventDefault(); }
      return;
    }
    // Space and Enter on a focused button or link press it.
    if ((e.key === ' ' || e.key === 'Enter') && e.target instanceof Element && e.target.closest('button, a[href], [role=button]')) return;
    if (/^[1-9]$/.test(e.key)) { call('FocusCell', Number(e.key) - 1); e.preventDefault(); return; }
    switch (e.key) {
      case 'ArrowRight': call('Step', e.shiftKey ? 'second' : 'frame', 1); break;
      case 'ArrowLeft': call('Step', e.shiftKey ? 'second' : 'frame', -1); break;
      case ' ': call('TogglePlay'); break;
      case 'Enter': call('OpenFocused'); break;
      default: return;
    }
    e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return { dispose: () => document.removeEventListener('keydown', onKey) };
}
