// The assembly: the circled takes back to back as one cut. Two video elements take turns: the one on top shows the
// shot being played, the one beneath already stands on the next shot's first frame, so at the cut the last frame of one
// shot is followed by the first frame of the next with nothing between. Positions are frames of each shot's own take.

import { secondsAtCentreOf, frameStartingAt, frameAt } from './frames.js';
import { isTyping } from './player.js';

export function attach(stage, dotnet, clips) {
  const videos = [...stage.querySelectorAll('video')];
  const lastOf = i => clips[i].rate.durationFrames - 1;
  let index = 0;
  let frame = 0;
  let showing = videos[0];
  let disposed = false;
  let reportedAt = 0;
  const callbacks = new Map();
  // What went up on screen while playing, for whoever checks the cuts (the tests): [shot, frame] pairs, the latest 600.
  stage.presented = [];

  const other = video => videos.find(v => v !== video);
  const centre = (i, f) => secondsAtCentreOf(f, clips[i].rate);

  const load = (video, i, f) => {
    if (video.clipIndex !== i) {
      video.clipIndex = i;
      video.src = clips[i].url;
    }
    video.currentTime = centre(i, f);
  };

  const show = (video) => {
    showing = video;
    for (const v of videos) v.classList.toggle('showing', v === video);
  };

  const report = (force) => {
    const now = performance.now();
    if (!force && now - reportedAt < 80) return;
    reportedAt = now;
    dotnet.invokeMethodAsync('OnPosition', index, frame, !showing.paused).catch(() => {});
  };

  // The shot after this one waits, parked on its first frame, under the one playing.
  const preloadNext = () => {
    const hidden = other(showing);
    if (index + 1 < clips.length) load(hidden, index + 1, 0);
  };

  const goTo = (i, f, play) => {
    const wasPlaying = play ?? !showing.paused;
    i = Math.max(0, Math.min(clips.length - 1, i));
    f = Math.max(0, Math.min(lastOf(i), f));
    if (!showing.paused) showing.pause();
    const target = videos.find(v => v.clipIndex === i) ?? other(showing);
    load(target, i, f);
    index = i;
    frame = f;
    show(target);
    preloadNext();
    if (wasPlaying) {
      // The parked frame is on screen from the moment its video comes up; playing goes on from the next one.
      stage.presented.push([i, f]);
      target.play().catch(() => {});
    }
    report(true);
  };

  const onPresented = video => (_now, metadata) => {
    if (disposed) return;
    if (video === showing && !video.paused && !video.seeking) {
      frame = Math.max(0, Math.min(lastOf(index), frameStartingAt(metadata.mediaTime, clips[index].rate)));
      stage.presented.push([index, frame]);
      if (stage.presented.length > 600) stage.presented.shift();
      report(false);
    }
    callbacks.set(video, video.requestVideoFrameCallback(onPresented(video)));
  };

  const onEnded = video => () => {
    if (video !== showing) return;
    frame = lastOf(index);
    stage.presented.push([index, frame]);
    if (index + 1 < clips.length) {
      // The next shot already stands on its first frame beneath: bring it up and let it run.
      goTo(index + 1, 0, true);
      return;
    }
    video.currentTime = centre(index, frame);
    report(true);
  };

  const onPause = video => () => {
    if (video !== showing || video.ended) return;
    video.currentTime = centre(index, frame);
    report(true);
  };

  const onSeeked = video => () => {
    if (video !== showing || !video.paused) return;
    frame = Math.max(0, Math.min(lastOf(index), frameAt(video.currentTime, clips[index].rate)));
    report(true);
  };

  const togglePlay = () => {
    if (!showing.paused) { showing.pause(); return; }
    if (index === clips.length - 1 && frame >= lastOf(index)) { goTo(0, 0, true); return; }
    showing.play().catch(() => {});
    report(true);
  };

  const step = (delta) => {
    let i = index;
    let f = frame + delta;
    if (f < 0 && i > 0) { i -= 1; f = lastOf(i); }
    else if (f > lastOf(i) && i < clips.length - 1) { i += 1; f = 0; }
    goTo(i, f, false);
  };

  const keys = {
    ' ': togglePlay,
    k: togglePlay,
    ArrowLeft: () => step(-1),
    ArrowRight: () => step(1),
    '[': () => goTo(frame > 0 ? index : index - 1, 0, false),
    ']': () => goTo(index + 1, 0, false),
    Home: () => goTo(0, 0, false),
    End: () => goTo(clips.length - 1, lastOf(clips.length - 1), false),
  };
  const onKey = (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
    if ((e.key === ' ' || e.key === 'Enter') && e.target instanceof Element && e.target.closest('button, a[href], [role=button]')) return;
    const action = keys[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (!action) return;
    action();
    e.preventDefault();
  };

  const listeners = [[document, 'keydown', onKey]];
  for (const video of videos) {
    listeners.push([video, 'ended', onEnded(video)], [video, 'pause', onPause(video)], [video, 'seeked', onSeeked(video)]);
    callbacks.set(video, video.requestVideoFrameCallback(onPresented(video)));
  }
  for (const [target, type, handler] of listeners) target.addEventListener(type, handler);
  goTo(0, 0, false);

  return {
    goTo: (i, f) => goTo(i, f, false),
    togglePlay,
    step,
    dispose: () => {
      disposed = true;
      for (const [target, type, handler] of listeners) target.removeEventListener(type, handler);
      for (const [video, id] of callbacks) video.cancelVideoFrameCallback(id);
      for (const video of videos) { video.pause(); video.removeAttribute('src'); video.load(); }
    },
  };
}
