// Keys for the compare view. Both players are driven from the server so that one frame mapping
// (by frame or by timecode) decides where the second take stands.
import { isTyping } from './player.js';

export function attach(dotnet) {
  const onKey = (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e)) return;
    const call = (method, ...args) => dotnet.invokeMethodAsync(method, ...args).catch(() => {});
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
  document.addEventListener('keydown', onKey);
  return { dispose: () => document.removeEventListener('keydown', onKey) };
}
