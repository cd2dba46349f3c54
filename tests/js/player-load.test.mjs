// The player's load order on a busy machine: the browser may present the first frame, and the person may press
// a key, before 'loadeddata' arrives. The page must not be told the player is ready before it is, and a late
// (or second) 'loadeddata' must not pull the playhead back to where the take opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document ??= new EventTarget();
globalThis.Element ??= class {};
const { attach } = await import('../../wwwroot/js/player.js');

class FakeVideo extends EventTarget {
  paused = true;
  seeking = false;
  ended = false;
  muted = false;
  playbackRate = 1;
  readyState = 1;
  currentTime = 0;
  frameCallback = null;
  requestVideoFrameCallback(callback) { this.frameCallback = callback; return 1; }
  cancelVideoFrameCallback() { this.frameCallback = null; }
  pause() { this.paused = true; }
  play() { this.paused = false; return Promise.resolve(); }
  present(mediaTime) { this.frameCallback?.(0, { mediaTime, expectedDisplayTime: 0 }); }
}

const rate = { numerator: 30000, denominator: 1001, durationFrames: 120 };
const frameAtCentre = (seconds) => Math.floor(seconds * 30000 / 1001);

const open = (startFrame = 0) => {
  const calls = [];
  const dotnet = { invokeMethodAsync: (name, ...args) => { calls.push([name, ...args]); return Promise.resolve(); } };
  const video = new FakeVideo();
  const player = attach(video, dotnet, rate, { startFrame, keys: [['End', 'lastFrame'], ['Home', 'firstFrame']] });
  return { video, calls, player };
};

const press = (key) => document.dispatchEvent(Object.assign(new Event('keydown', { cancelable: true }), { key }));

test('a frame presented before the video has loaded does not tell the page it is ready', () => {
  const { video, calls, player } = open();
  video.present(0);
  assert.deepEqual(calls.filter(([name]) => name === 'OnFrameShown'), []);
  video.readyState = 2;
  video.dispatchEvent(new Event('loadeddata'));
  video.dispatchEvent(new Event('seeked'));
  assert.deepEqual(calls.filter(([name]) => name === 'OnFrameShown').at(-1), ['OnFrameShown', 0, false]);
  player.dispose();
});

test('a key pressed before loadeddata is kept when it arrives, and a second loadeddata changes nothing', () => {
  const { video, player } = open();
  press('End');
  assert.equal(frameAtCentre(video.currentTime), 119);
  video.readyState = 2;
  video.dispatchEvent(new Event('loadeddata'));
  assert.equal(frameAtCentre(video.currentTime), 119);
  video.dispatchEvent(new Event('loadeddata'));
  assert.equal(frameAtCentre(video.currentTime), 119);
  player.dispose();
});

test('a take opened at a frame stands there once loaded', () => {
  const { video, player } = open(42);
  video.readyState = 2;
  video.dispatchEvent(new Event('loadeddata'));
  assert.equal(frameAtCentre(video.currentTime), 42);
  player.dispose();
});

const startOf = (frame) => frame * 1001 / 30000;
const lastShown = (calls) => calls.filter(([name]) => name === 'OnFrameShown').at(-1)?.[1];

test('a late picture of playback after the pause at the end never becomes the frame shown, run after run', () => {
  const { video, calls, player } = open();
  video.readyState = 2;
  video.dispatchEvent(new Event('loadeddata'));
  video.dispatchEvent(new Event('seeked'));
  for (let run = 1; run <= 3; run++) {
    player.seekToFrame(59);
    video.dispatchEvent(new Event('seeked'));
    video.play();
    video.ended = false;
    video.dispatchEvent(new Event('play'));
    for (let f = 60; f <= 116; f++) video.present(startOf(f));
    // The decoder skipped the last frames' pictures under load; the video has ended all the same.
    video.paused = true;
    video.ended = true;
    video.dispatchEvent(new Event('pause'));
    video.dispatchEvent(new Event('seeked'));
    assert.equal(lastShown(calls), 119, `run ${run}: parked on the last frame`);
    for (let late = 1; late <= 2; late++) {
      video.currentTime = -1;
      video.present(startOf(116));
      assert.equal(frameAtCentre(video.currentTime), 119, `run ${run}: late picture ${late} sends the player back to its frame`);
      video.dispatchEvent(new Event('seeked'));
      assert.equal(lastShown(calls), 119, `run ${run}: the frame shown stays the last`);
    }
  }
  player.dispose();
});
