// Frame-exact playback for a take. Positions are integer frames; the browser is told to show a
// frame by seeking to its centre, and the frame on screen is read back from the presented frame's
// mediaTime (requestVideoFrameCallback), never guessed from currentTime.

const editableSelector = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

export function attach(video, dotnet, rate) {
  const fps = rate.numerator / rate.denominator;
  const lastFrame = Math.max(0, rate.durationFrames - 1);
  const clamp = f => Math.min(lastFrame, Math.max(0, f));
  const frameAtStart = t => clamp(Math.round(t * fps));
  const frameAtTime = t => clamp(Math.floor(t * fps + 1e-3));
  const centreOf = f => (f + 0.5) / fps;

  // `frame` is the playhead that stepping moves from; `shown` is what the browser last presented.
  // They differ while seeks are in flight (a held arrow key), and stepping must not fall back to a
  // frame that was on screen before the latest step.
  let frame = 0;
  let shown = -1;
  let reported = -1;
  let reportedAt = 0;
  let disposed = false;
  let callbackId = 0;

  const report = (force) => {
    const now = performance.now();
    // While playing, a few updates a second keep the display honest without flooding the circuit.
    if (shown < 0 || (!force && (shown === reported || (!video.paused && now - reportedAt < 80)))) return;
    reported = shown;
    reportedAt = now;
    dotnet.invokeMethodAsync('OnFrameShown', shown, !video.paused).catch(() => {});
  };

  const onPresented = (_now, metadata) => {
    if (disposed) return;
    shown = frameAtStart(metadata.mediaTime);
    if (!video.paused) frame = shown;
    report(video.paused);
    callbackId = video.requestVideoFrameCallback(onPresented);
  };
  callbackId = video.requestVideoFrameCallback(onPresented);

  const seekToFrame = (target) => {
    frame = clamp(target);
    video.currentTime = centreOf(frame);
  };

  const step = (delta) => {
    if (!video.paused) video.pause();
    seekToFrame(frame + delta);
  };

  const togglePlay = () => {
    if (video.paused) {
      if (frame >= lastFrame) seekToFrame(0);
      video.play().catch(e => dotnet.invokeMethodAsync('OnMediaError', `Playback did not start: ${e.message}`));
    } else {
      video.pause();
    }
  };

  const onPlayState = () => dotnet.invokeMethodAsync('OnPlaybackChanged', !video.paused).catch(() => {});
  const onPause = () => {
    // Park on the centre of the last presented frame, so stepping starts from what the eye saw.
    video.currentTime = centreOf(frame);
    onPlayState();
    report(true);
  };
  const onSeeked = () => {
    // A seek to the frame already on screen presents nothing new, so no frame callback comes;
    // a paused video shows the frame that contains its position.
    if (!video.paused) return;
    shown = frameAtTime(video.currentTime);
    report(true);
  };
  const onLoaded = () => {
    seekToFrame(0);
    onPlayState();
    report(true);
  };
  const onError = () => {
    const code = video.error ? video.error.code : 0;
    const reason = code === 4 ? 'this browser cannot play the file format' : 'the file could not be loaded';
    dotnet.invokeMethodAsync('OnMediaError', `The take's video cannot be shown: ${reason}.`).catch(() => {});
  };

  const onKey = (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target instanceof Element && e.target.closest(editableSelector)) return;
    switch (e.key) {
      case 'ArrowRight':
        step(e.shiftKey ? Math.round(fps) : 1);
        break;
      case 'ArrowLeft':
        step(e.shiftKey ? -Math.round(fps) : -1);
        break;
      case ' ':
      case 'k':
      case 'K':
        togglePlay();
        break;
      case 'Home':
        step(-frame);
        break;
      case 'End':
        step(lastFrame - frame);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const listeners = [
    [video, 'play', onPlayState],
    [video, 'pause', onPause],
    [video, 'seeked', onSeeked],
    [video, 'loadeddata', onLoaded],
    [video, 'error', onError],
    [document, 'keydown', onKey],
  ];
  for (const [target, type, handler] of listeners) target.addEventListener(type, handler);
  if (video.readyState >= 2) onLoaded();

  return {
    seekToFrame: (f) => step(f - frame),
    step,
    togglePlay,
    dispose: () => {
      disposed = true;
      video.cancelVideoFrameCallback(callbackId);
      for (const [target, type, handler] of listeners) target.removeEventListener(type, handler);
      video.pause();
    },
  };
}
