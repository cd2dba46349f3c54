// Onion skin: the frames before (tinted red) and after (tinted green) the one on screen, drawn faintly over it,
// so motion between frames can be judged on a paused picture. A second, hidden video decodes them, so the
// player itself never moves.
import { secondsAtCentreOf } from './frames.js';

export function attach(canvas, videoUrl, rate, picture) {
  const scale = Math.min(1, 960 / picture.width);
  canvas.width = Math.round(picture.width * scale);
  canvas.height = Math.round(picture.height * scale);
  const context = canvas.getContext('2d');
  const scratch = document.createElement('canvas');
  scratch.width = canvas.width;
  scratch.height = canvas.height;
  const tint = scratch.getContext('2d');
  const source = document.createElement('video');
  source.muted = true;
  source.preload = 'auto';
  source.playsInline = true;
  source.src = videoUrl;
  let run = 0;

  const seek = (frame) => new Promise((resolve) => {
    const done = () => { source.removeEventListener('seeked', done); resolve(); };
    source.addEventListener('seeked', done);
    source.currentTime = secondsAtCentreOf(frame, rate);
  });
  const ready = () => (source.readyState >= 1 ? Promise.resolve()
    : new Promise(resolve => source.addEventListener('loadedmetadata', resolve, { once: true })));

  const clear = () => {
    run++;
    context.clearRect(0, 0, canvas.width, canvas.height);
    canvas.dataset.frames = '';
  };

  const show = async (frame, count) => {
    const mine = ++run;
    await ready();
    const last = rate.durationFrames - 1;
    // Farthest first, so the nearest neighbours lie on top.
    const offsets = [];
    for (let distance = count; distance >= 1; distance--) offsets.push(-distance, distance);
    const layers = [];
    for (const offset of offsets) {
      const neighbour = frame + offset;
      if (neighbour < 0 || neighbour > last) continue;
      await seek(neighbour);
      if (mine !== run) return;
      tint.globalCompositeOperation = 'source-over';
      tint.drawImage(source, 0, 0, scratch.width, scratch.height);
      tint.globalCompositeOperation = 'multiply';
      tint.fillStyle = offset < 0 ? '#ff5a5a' : '#5aff7a';
      tint.fillRect(0, 0, scratch.width, scratch.height);
      const layer = document.createElement('canvas');
      layer.width = scratch.width;
      layer.height = scratch.height;
      layer.getContext('2d').drawImage(scratch, 0, 0);
      layers.push({ layer, alpha: 0.3 / Math.abs(offset), neighbour });
    }
    if (mine !== run) return;
    context.clearRect(0, 0, canvas.width, canvas.height);
    for (const { layer, alpha } of layers) {
      context.globalAlpha = alpha;
      context.drawImage(layer, 0, 0);
    }
    context.globalAlpha = 1;
    canvas.dataset.frames = layers.map(l => l.neighbour).sort((a, b) => a - b).join(' ');
    canvas.dataset.at = String(frame);
  };

  return {
    show: (frame, count) => { show(frame, count).catch(() => {}); },
    clear,
    dispose: () => { clear(); source.removeAttribute('src'); source.load(); },
  };
}
