// Frame-exact playback for a take. Positions are integer frames; the browser is told to show a
// frame by seeking to its centre, and the frame on screen is read back from the presented frame's
// mediaTime (requestVideoFrameCallback), never guessed from currentTime.

import { framesPerSecond, timecodeBase, frameAt, frameStartingAt, secondsAtCentreOf, secondsInto } from './frames.js';

// Where keys belong to the element: text fields, menus and editable text. Sliders, checkboxes and
// buttons keep the shortcuts working.
const editableSelector = 'input:not([type=range]):not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable=""], [contenteditable="true"]';

export const isTyping = (e) => e.target instanceof Element && e.target.closest(editableSelector) !== null;

/**
 * A key as PlayerShortcuts names it: letters lower case, or upper case after "Shift+"; named keys (ArrowLeft,
 * Home) after "Shift+" when it is held; other characters (space, "?") as typed, since Shift makes some of them.
 */
export const keyName = (e) => {
  if (/^[A-Za-z]$/.test(e.key)) return e.shiftKey ? `Shift+${e.key.toUpperCase()}` : e.key.toLowerCase();
  if (e.key.length > 1) return e.shiftKey ? `Shift+${e.key}` : e.key;
  return e.key;
};

export function attach(video, dotnet, rate, options = {}) {
  const keyboard = options.keyboard !== false;
  if (options.muted) video.muted = true;
  const fps = framesPerSecond(rate);
  const lastFrame = Math.max(0, rate.durationFrames - 1);
  const clamp = f => Math.min(lastFrame, Math.max(0, f));
  const frameAtStart = t => clamp(frameStartingAt(t, rate));
  const frameAtTime = t => clamp(frameAt(t, rate));
  const centreOf = f => secondsAtCentreOf(f, rate);

  // `frame` is the playhead that stepping moves from; `shown` is what the browser last presented.
  // They differ while seeks are in flight (a held arrow key), and stepping must not fall back to a
  // frame that was on screen before the latest step.
  // A link can open the take at a frame (?frame=N), such as a notification about a note there.
  let frame = clamp(Math.trunc(Number(options.startFrame) || 0));
  let shown = -1;
  let reported = -1;
  let reportedAt = 0;
  let disposed = false;
  let loaded = false;
  let callbackId = 0;
  let markIn = null;
  let markOut = null;
  let looping = false;
  // Reverse play: when it started, from which frame, at what speed, and the animation frame that drives it.
  let reverse = null;
  let reparks = 0;
  // The browser stops at the end (paused turns true) a moment before its 'pause' event. Pictures presented in between
  // are still playback's: parking against them would seek off the end before onPause could see the video ended, and
  // leave the player a frame or two short of the last one.
  let pauseUnheard = false;
  const reparkPoints = [0.35, 0.65, 0.45, 0.55, 0.4];
  const speeds = [0.25, 0.5, 1, 1.5, 2];

  // Reverse play is playing too, though the video element itself stands paused between its seeks.
  const isPlaying = () => !video.paused || reverse !== null;

  // A live session listens in: the presenter's page hears every move of the playhead (motion), a follower's page
  // hears when the person takes the controls themselves (hand) and then lets them go their own way.
  let motionListener = null;
  let handListener = null;
  const motion = (position, at) => {
    if (!motionListener) return;
    const playing = isPlaying();
    motionListener({
      position: position ?? frame,
      at: at ?? performance.now(),
      playing,
      speed: reverse ? -reverse.speed : video.playbackRate,
    });
  };
  const byHand = (action) => (...args) => {
    handListener?.();
    return action(...args);
  };

  const report = (force) => {
    const now = performance.now();
    // While playing, a few updates a second keep the display honest without flooding the circuit.
    if (!loaded || shown < 0 || (!force && (shown === reported || (!video.paused && now - reportedAt < 80)))) return;
    reported = shown;
    reportedAt = now;
    dotnet.invokeMethodAsync('OnFrameShown', shown, isPlaying()).catch(() => {});
  };

  const onPresented = (_now, metadata) => {
    if (disposed) return;
    // A frame presented while a paused video is still seeking (the last one of playback landing after
    // pause, or the way to a stepped frame) is not where the player stops: 'seeked' reports that.
    if (video.paused && video.seeking) {
      callbackId = video.requestVideoFrameCallback(onPresented);
      return;
    }
    const presented = frameAtStart(metadata.mediaTime);
    // A busy decoder can present a picture from before the player parked (the last ones of playback) after the
    // park has landed, even more than once. Such a picture is never the frame shown: park again, a few times at
    // most per park, so what is on screen, the frame number and where stepping starts stay one frame ('seeked'
    // reports the frame). Reverse play seeks on every refresh and only needs to ignore them.
    // Each park again seeks to a different point inside the frame: a seek to the very time already set can be
    // taken as nothing to do, which would leave the late picture on screen.
    if (video.paused && !pauseUnheard && presented !== frame) {
      if (reparks < reparkPoints.length && !reverse) {
        video.currentTime = secondsInto(frame, reparkPoints[reparks], rate);
        reparks++;
      }
      callbackId = video.requestVideoFrameCallback(onPresented);
      return;
    }
    shown = presented;
    if (!video.paused || pauseUnheard) frame = shown;
    if (!video.paused) {
      // The frame went up on screen at expectedDisplayTime: where the playhead is, exactly, at a known instant.
      motion(presented, metadata.expectedDisplayTime);
    }
    if (looping && !video.paused && markIn !== null && shown >= (markOut ?? lastFrame)) {
      frame = markIn;
      video.currentTime = centreOf(markIn);
    }
    report(video.paused);
    callbackId = video.requestVideoFrameCallback(onPresented);
  };
  callbackId = video.requestVideoFrameCallback(onPresented);

  const onPlayState = () => dotnet.invokeMethodAsync('OnPlaybackChanged', isPlaying()).catch(() => {});
  let parking = false;

  const seekToFrame = (target) => {
    frame = clamp(target);
    reparks = 0;
    video.currentTime = centreOf(frame);
  };

  const stopReverse = () => {
    if (!reverse) return;
    cancelAnimationFrame(reverse.handle);
    reverse = null;
    onPlayState();
    motion();
  };

  // Browsers cannot decode backwards, so reverse play seeks: on every screen refresh it works out where the
  // playhead should be by now and seeks there once the previous seek has landed. A decoder that cannot keep
  // up skips frames instead of slowing down, so the speed chosen is the speed seen.
  const reverseTick = (now) => {
    if (!reverse || disposed) return;
    const target = clamp(reverse.fromFrame - Math.floor(((now - reverse.startedAt) / 1000) * fps * reverse.speed));
    if (!video.seeking && target !== frame) {
      seekToFrame(target);
      motion();
    }
    if (frame === 0) { stopReverse(); return; }
    reverse.handle = requestAnimationFrame(reverseTick);
  };

  const playBackwards = (speed) => {
    if (reverse) cancelAnimationFrame(reverse.handle);
    reverse = { fromFrame: frame, startedAt: performance.now(), speed, handle: 0 };
    reverse.handle = requestAnimationFrame(reverseTick);
    onPlayState();
  };

  const step = (delta) => {
    stopReverse();
    if (!video.paused) video.pause();
    seekToFrame(frame + delta);
  };

  const setSpeed = (rate) => {
    video.playbackRate = rate;
    if (reverse) playBackwards(rate);
    dotnet.invokeMethodAsync('OnSpeedChanged', rate).catch(() => {});
    if (video.paused) motion();
  };

  // L plays forward and each further press speeds up; J does the same backwards.
  const shuttle = (direction) => {
    const faster = speeds.find(s => s > video.playbackRate) ?? speeds[speeds.length - 1];
    if (direction > 0) {
      const wasReverse = reverse !== null;
      stopReverse();
      if (video.paused || wasReverse) { setSpeed(1); video.play().catch(() => {}); }
      else setSpeed(faster);
      return;
    }
    if (!video.paused) video.pause();
    const speed = reverse ? faster : 1;
    setSpeed(speed);
    if (!reverse && frame > 0) playBackwards(speed);
  };

  const reportRange = () => dotnet.invokeMethodAsync('OnRangeMarked', markIn, markOut).catch(() => {});
  const markRange = (which) => {
    if (which === 'in') {
      markIn = frame;
      if (markOut !== null && markOut < markIn) markOut = null;
    } else {
      markOut = frame;
      if (markIn === null || markIn > markOut) markIn = 0;
    }
    reportRange();
  };
  const clearRange = () => {
    markIn = markOut = null;
    looping = false;
    reportRange();
    dotnet.invokeMethodAsync('OnLoopChanged', false).catch(() => {});
  };
  const toggleLoop = () => {
    looping = !looping && markIn !== null;
    dotnet.invokeMethodAsync('OnLoopChanged', looping).catch(() => {});
    if (looping) { seekToFrame(markIn); video.play().catch(() => {}); }
  };

  const toggleFullscreen = () => {
    const box = video.closest('[data-testid=player]') ?? video;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else box.requestFullscreen?.().catch(() => {});
  };

  const toggleMute = () => {
    video.muted = !video.muted;
    dotnet.invokeMethodAsync('OnMutedChanged', video.muted).catch(() => {});
  };

  const togglePlay = () => {
    if (reverse) { stopReverse(); return; }
    if (video.paused) {
      if (frame >= lastFrame) seekToFrame(0);
      video.play().catch(e => dotnet.invokeMethodAsync('OnMediaError', `Playback did not start: ${e.message}`));
    } else {
      video.pause();
    }
  };

  const onPause = () => {
    pauseUnheard = false;
    // Park on the centre of the last presented frame, so stepping starts from what the eye saw. At the end
    // that is the last frame, even when the decoder's report of it has not arrived yet (the video has
    // stopped on it). "Paused" is announced once parked, after the frame it parked on: whoever sees the
    // pause sees its frame.
    if (video.ended) {
      frame = lastFrame;
      announceEnd();
    }
    // Each park gets its own few chances against late pictures, even on the same frame as the last park.
    reparks = 0;
    parking = true;
    video.currentTime = centreOf(frame);
  };
  // The page hears once per run to the end (a playlist goes on to its next take), from whichever comes first:
  // the pause at the end or the 'ended' event.
  let endAnnounced = false;
  const announceEnd = () => {
    if (endAnnounced) return;
    endAnnounced = true;
    dotnet.invokeMethodAsync('OnEnded').catch(() => {});
  };
  const onPlaying = () => { endAnnounced = false; pauseUnheard = true; };
  const onSeeked = () => {
    // A seek to the frame already on screen presents nothing new, so no frame callback comes;
    // a paused video shows the frame that contains its position.
    if (!video.paused) return;
    shown = frameAtTime(video.currentTime);
    report(true);
    if (parking) {
      parking = false;
      onPlayState();
    }
    if (!reverse) motion();
  };
  const onLoaded = () => {
    // Once: a busy browser can present the first frame, and take a key, before 'loadeddata' arrives, and a
    // second 'loadeddata' must not pull the playhead back to where the take opened.
    if (loaded) return;
    loaded = true;
    seekToFrame(frame);
    onPlayState();
    report(true);
    // The next take of a playlist carries on playing.
    if (options.autoplay) video.play().catch(() => { video.muted = true; video.play().catch(() => {}); });
  };
  const onError = () => {
    const code = video.error ? video.error.code : 0;
    const reason = code === 4 ? 'this browser cannot play the file format' : 'the file could not be loaded';
    dotnet.invokeMethodAsync('OnMediaError', `The take's video cannot be shown: ${reason}.`).catch(() => {});
  };

  // What each key does comes from the server's one list (PlayerShortcuts, also shown in the help overlay);
  // this script only knows how to do it. An action that returns false had nothing to do and lets the key be.
  const keyMap = Object.fromEntries(options.keys || []);
  const actions = {
    togglePlay,
    previousFrame: () => step(-1),
    nextFrame: () => step(1),
    secondBack: () => step(-timecodeBase(rate)),
    secondForward: () => step(timecodeBase(rate)),
    shuttleBack: () => shuttle(-1),
    shuttleForward: () => shuttle(1),
    pause: () => { stopReverse(); if (!video.paused) video.pause(); },
    firstFrame: () => step(-frame),
    lastFrame: () => step(lastFrame - frame),
    markIn: () => markRange('in'),
    markOut: () => markRange('out'),
    clearRange: () => {
      if (markIn === null && markOut === null) return false;
      clearRange();
    },
    toggleLoop,
    writeNote: () => {
      const box = document.getElementById('note-composer');
      if (!box) return false;
      if (!video.paused) video.pause();
      box.focus();
    },
    draw: () => {
      if (!document.querySelector('[data-testid=draw-toggle]')) return false;
      dotnet.invokeMethodAsync('StartDrawingAsync').catch(() => {});
    },
    toggleMute,
    toggleFullscreen,
    toggleHelp: () => { dotnet.invokeMethodAsync('ToggleHelp').catch(() => {}); },
    playlistPrevious: () => pressLink('[data-testid=playlist-prev]'),
    playlistNext: () => pressLink('[data-testid=playlist-next]'),
  };

  const movesPlayhead = new Set(['togglePlay', 'previousFrame', 'nextFrame', 'secondBack', 'secondForward', 'shuttleBack',
    'shuttleForward', 'pause', 'firstFrame', 'lastFrame', 'toggleLoop']);

  // A page's own link for a key (the playlist's previous and next), when it is there and usable.
  const pressLink = (selector) => {
    const link = document.querySelector(selector);
    if (!link || link.hasAttribute('disabled') || link.classList.contains('mud-disabled') || !link.getAttribute('href')) return false;
    link.click();
  };

  const onKey = (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e)) return;
    // Decisions: Shift+A / Shift+C / Shift+R press the panel's button for that decision.
    if (e.shiftKey && /^[A-Za-z]$/.test(e.key)) {
      const button = document.querySelector(`[data-shortcut="${e.key.toUpperCase()}"]:not([disabled])`);
      if (button) {
        button.click();
        e.preventDefault();
        return;
      }
    }
    // Space and Enter on a focused button or link press it; they do not play.
    if ((e.key === ' ' || e.key === 'Enter') && e.target instanceof Element && e.target.closest('button, a[href], [role=button], [role=option]')) return;
    const name = keyMap[keyName(e)];
    const action = actions[name];
    if (!action) return;
    if (movesPlayhead.has(name)) handListener?.();
    if (action() === false) return;
    e.preventDefault();
  };

  const listeners = [
    [video, 'play', onPlayState],
    [video, 'play', onPlaying],
    [video, 'ended', announceEnd],
    [video, 'pause', onPause],
    [video, 'seeked', onSeeked],
    [video, 'loadeddata', onLoaded],
    [video, 'error', onError],
    ...(keyboard ? [[document, 'keydown', onKey]] : []),
  ];
  for (const [target, type, handler] of listeners) target.addEventListener(type, handler);
  if (video.readyState >= 2) onLoaded();

  const pause = () => { stopReverse(); if (!video.paused) video.pause(); };
  const handle = {
    seekToFrame: byHand((f) => step(f - frame)),
    step: byHand(step),
    togglePlay: byHand(togglePlay),
    play: byHand(() => { stopReverse(); return video.play().catch(() => {}); }),
    // Pausing what is already paused (to draw on the frame a session stands on) is no hand on the controls.
    pause: () => { if (isPlaying()) handListener?.(); pause(); },
    setMuted: (muted) => { video.muted = muted; dotnet.invokeMethodAsync('OnMutedChanged', muted).catch(() => {}); },
    setSpeed: byHand(setSpeed),
    toggleMute,
    toggleFullscreen,
    // What a session drives, without counting as the person's own hand on the controls.
    session: {
      video,
      rate,
      lastFrame,
      frame: () => frame,
      // Loaded and stood on its first frame: a session's own seek will not be undone by the player's.
      ready: () => loaded,
      onMotion: (listener) => { motionListener = listener; if (listener) motion(); },
      onHand: (listener) => { handListener = listener; },
      standOn: (f) => { pause(); seekToFrame(f); },
      // A jump while playing keeps playing: a follower catching up must not stop to do it.
      jump: (f) => seekToFrame(f),
      playAt: (speed) => {
        stopReverse();
        video.playbackRate = speed;
        dotnet.invokeMethodAsync('OnSpeedChanged', speed).catch(() => {});
        return video.play().catch(() => {
          // A browser that will not start sound without a click on this page still plays the picture.
          video.muted = true;
          dotnet.invokeMethodAsync('OnMutedChanged', true).catch(() => {});
          return video.play().catch(() => {});
        });
      },
      // Small changes of rate, which pull a follower back into step without a visible jump; the speed shown stays.
      nudge: (playbackRate) => { video.playbackRate = playbackRate; },
    },
    dispose: () => {
      disposed = true;
      if (video.reviewPlayer === handle) delete video.reviewPlayer;
      stopReverse();
      video.cancelVideoFrameCallback(callbackId);
      for (const [target, type, handler] of listeners) target.removeEventListener(type, handler);
      video.pause();
    },
  };
  // A session finds the page's lead player through its video element.
  video.reviewPlayer = handle;
  return handle;
}
