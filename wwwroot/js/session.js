// A live review session in the browser: the presenter's player is read and its playhead sent to the server; a
// follower's player is driven to stand where the presenter's stands. Both measure time on the server's clock, so a
// follower can work out where a playing presenter is now from where it was a moment ago.

import { framesPerSecond, frameStartingAt } from './frames.js';
import { isTyping } from './player.js';
import { renderShape } from './drawing.js';

// How often a playing presenter restates where it is, even when nothing changed: followers correct against it.
const heartbeatMs = 500;
// Within this many frames a follower is pulled into step by its rate; beyond it, it jumps.
const jumpBeyondFrames = 2;
// The largest change of rate used to catch up, as a share of the speed (the browser keeps the pitch), and how soon a
// gap within the jump limit is closed.
const maxNudge = 0.25;
const closeGapWithinS = 0.4;
// A playing presenter whose picture strays this far from where its last message said it would be (a stall, a loop)
// says so at once.
const strayFrames = 1;
// Marks on the picture: how often one's own go out, and how long another's pointer stays once it stops moving.
const markEveryMs = 40;
const laserFadesMs = 2500;
const laserColours = ['#ff3b30', '#34c759', '#0a84ff', '#ffcc00', '#bf5af2', '#ff9f0a'];

export function attach(dotnet, leadSelector) {
  const call = (method, ...args) => dotnet.invokeMethodAsync(method, ...args);
  let disposed = false;

  // --- The server's clock: the offset with the shortest round trip of the recent samples wins. ---
  let samples = [];
  let offset = 0;
  const ping = async () => {
    const sentAt = performance.now();
    const server = await call('ServerNow');
    const backAt = performance.now();
    samples = [...samples, { roundTrip: backAt - sentAt, offset: server - (performance.timeOrigin + (sentAt + backAt) / 2) }].slice(-8);
    offset = samples.reduce((best, s) => (s.roundTrip < best.roundTrip ? s : best)).offset;
  };
  const serverNow = (at = performance.now()) => performance.timeOrigin + at + offset;
  // Only a page in a session needs the server's clock: an idle page sends no pings (five when it opened and one
  // every ten seconds, for every open take page, before). It calibrates when a session starts and stops after.
  let calibration = null;
  let clockTimer = 0;
  const calibrated = () => {
    if (!calibration) {
      calibration = (async () => { for (let i = 0; i < 5 && !disposed; i++) await ping().catch(() => {}); })();
      clockTimer = setInterval(() => ping().catch(() => {}), 10_000);
    }
    return calibration;
  };
  const stopClock = () => {
    clearInterval(clockTimer);
    clockTimer = 0;
    calibration = null;
    samples = [];
  };

  let mode = 'none';
  let target = null;
  let lead = null;

  const here = () => location.pathname + location.search;
  const findLead = () => {
    const found = document.querySelector(leadSelector)?.reviewPlayer ?? null;
    if (found !== lead) {
      lead?.session.onMotion(null);
      lead?.session.onHand(null);
      lead = found;
      // A new page: the presenter states it afresh, a follower stands where the presenter is on it.
      sent = null;
      bind();
      if (mode === 'follow' && target) retry = setTimeout(apply, 0);
    }
    return lead;
  };

  // --- Presenting: send what the player does, at once when it changes, once a second while it plays. ---
  let sent = null;
  const predicted = (state, at) => state.position + ((at - state.at) / 1000) * framesPerSecond(lead.session.rate) * state.speed;
  const onMotion = (m) => {
    const now = m.at;
    const changed = !sent || m.playing !== sent.playing || m.speed !== sent.speed
      || (!m.playing && m.position !== sent.position)
      || (m.playing && (now - sent.at >= heartbeatMs || Math.abs(predicted(sent, now) - m.position) > strayFrames));
    if (!changed) return;
    sent = m;
    // Stamped once the clock is known; messages that wait for it still go out in the order they were made.
    calibrated().then(() => call('Present', m.position, m.playing, m.speed, serverNow(m.at))).catch(() => {});
  };

  // --- Following: stand on the presenter's frame when paused; when playing, keep pace by rate and jump when far out. ---
  let correcting = 0;
  let reversing = 0;
  let jumpedAt = -Infinity;
  // How long a jump takes to reach the screen here, learnt from each jump, so a jump aims that far ahead; starting from a
  // standstill takes longer (the player must start too), and is learnt apart.
  const lag = { jump: 40, start: 60 };
  let jumpKind = 'jump';
  let jumpPending = null;
  // The speed this follower was last started at, while it plays forward.
  let playingAt = null;
  const positionAt = (serverMs) => {
    const fps = framesPerSecond(lead.session.rate);
    return Math.min(lead.session.lastFrame, Math.max(0, target.position + ((serverMs - target.atMs) / 1000) * fps * target.speed));
  };
  const stopDriving = () => {
    if (correcting && lead) lead.session.video.cancelVideoFrameCallback(correcting);
    if (reversing) cancelAnimationFrame(reversing);
    correcting = reversing = 0;
  };
  const onFollowerFrame = (now, metadata) => {
    correcting = 0;
    if (disposed || mode !== 'follow' || !target?.playing || target.speed < 0 || !lead) return;
    const video = lead.session.video;
    const fps = framesPerSecond(lead.session.rate);
    const shownFrame = frameStartingAt(metadata.mediaTime, lead.session.rate);
    if (jumpPending !== null) {
      // The first frame after a jump says how long a jump takes here, so the next one can aim ahead by that much.
      lag[jumpKind] = 0.5 * lag[jumpKind] + 0.5 * Math.max(0, Math.min(1000, metadata.expectedDisplayTime - jumpPending));
      jumpPending = null;
    }
    // The presenter's screen shows floor(expected) at this frame's display time; aim for the middle of that frame.
    const expected = positionAt(serverNow(metadata.expectedDisplayTime));
    const behind = expected - shownFrame - 0.5;
    if (Math.abs(behind) > jumpBeyondFrames) {
      // One jump at a time: the frame this one shows says whether another is needed.
      if (jumpPending === null && now - jumpedAt > 100) {
        jumpedAt = now;
        jumpPending = now;
        jumpKind = 'jump';
        lead.session.jump(Math.round(positionAt(serverNow() + lag.jump * target.speed)));
      }
    } else {
      const catchUp = Math.abs(behind) < 0.15 ? 0 : Math.max(-maxNudge, Math.min(maxNudge, behind / fps / closeGapWithinS / target.speed));
      lead.session.nudge(target.speed * (1 + catchUp));
    }
    if (!video.paused) correcting = video.requestVideoFrameCallback(onFollowerFrame);
  };
  // Backwards there is no decoding to pace: stand on where the presenter is now, once each seek has landed.
  const reverseTick = () => {
    reversing = 0;
    if (disposed || mode !== 'follow' || !target?.playing || target.speed >= 0 || !lead) return;
    const want = Math.floor(positionAt(serverNow()));
    if (!lead.session.video.seeking && want !== lead.session.frame()) lead.session.standOn(want);
    reversing = requestAnimationFrame(reverseTick);
  };

  let retry = 0;
  const apply = async () => {
    clearTimeout(retry);
    if (disposed || mode !== 'follow' || !target) return;
    // A page the session has sent this tab to may still be on its way; so may its video.
    if (target.location !== here() || !findLead() || !lead.session.ready()) {
      retry = setTimeout(apply, 50);
      return;
    }
    await calibrated();
    if (!target.playing) {
      stopDriving();
      playingAt = null;
      lead.session.standOn(Math.round(target.position));
      return;
    }
    if (target.speed < 0) {
      stopDriving();
      playingAt = null;
      lead.session.video.pause();
      reversing = requestAnimationFrame(reverseTick);
      return;
    }
    // Already playing at this speed: the next frame's check works from the new message. Starting again would undo
    // the rate it is catching up with.
    const video = lead.session.video;
    if (reversing) { cancelAnimationFrame(reversing); reversing = 0; }
    // Only a stopped player starts with a jump; a playing one is checked against the presenter on each frame it shows,
    // which knows when that frame went up (its last reported frame already lags).
    if (video.paused) {
      jumpedAt = performance.now();
      jumpPending = jumpedAt;
      jumpKind = 'start';
      lead.session.jump(Math.round(positionAt(serverNow() + lag.start * target.speed)));
    }
    if (video.paused || playingAt !== target.speed) {
      playingAt = target.speed;
      await lead.session.playAt(target.speed);
    }
    if (!correcting && !video.paused) correcting = video.requestVideoFrameCallback(onFollowerFrame);
  };

  function bind() {
    if (!lead) return;
    lead.session.onMotion(mode === 'present' ? onMotion : null);
    lead.session.onHand(mode === 'follow' ? () => { if (mode === 'follow') { setMode('away'); call('BrokeAway').catch(() => {}); } } : null);
  }

  // The lead player changes under the session when the page moves to another take: in a session, look again a few
  // times a second. Outside one this timer does not run, so an idle page is not woken for it.
  let leadTimer = 0;
  const watchLead = (on) => {
    if (on && !leadTimer) leadTimer = setInterval(findLead, 200);
    if (!on && leadTimer) { clearInterval(leadTimer); leadTimer = 0; }
  };

  const setMode = (next) => {
    if (next !== 'follow') { stopDriving(); target = null; playingAt = null; }
    if (next === 'none') { clearMarks(); laserOn = false; stopClock(); } else calibrated();
    watchLead(next !== 'none');
    mode = next;
    sent = null;
    findLead();
    bind();
  };

  // --- Marks: one's own pointer and drawing go out as they move; others' are drawn over the lead picture. ---
  const throttled = (send) => {
    let timer = 0;
    let latest = null;
    return (...args) => {
      latest = args;
      if (timer) return;
      send(...latest);
      latest = null;
      timer = setTimeout(() => { timer = 0; if (latest) send(...latest); latest = null; }, markEveryMs);
    };
  };
  const sendSketch = throttled((drawing) => call('Sketch', drawing ? JSON.stringify(drawing) : null).catch(() => {}));
  const onLiveDrawing = (e) => { if (mode !== 'none') sendSketch(e.detail); };
  document.addEventListener('rr-drawing-live', onLiveDrawing);

  const picture = () => {
    const video = lead?.session.video;
    return { width: video?.videoWidth || 1600, height: video?.videoHeight || 900 };
  };
  const sendLaser = throttled((x, y) => call(x === null ? 'LaserOff' : 'Laser', ...(x === null ? [] : [x, y])).catch(() => {}));
  let laserOn = false;
  const onPointerMove = (e) => {
    const video = lead?.session.video;
    if (!laserOn || !video || !(e.target instanceof Element) || !e.target.closest('.rr-player-frame')?.contains(video)) return;
    const box = video.getBoundingClientRect();
    const { width, height } = picture();
    // The picture keeps its proportions inside the element (letterboxed in fullscreen).
    const scale = Math.min(box.width / width, box.height / height);
    const x = (e.clientX - box.left - (box.width - width * scale) / 2) / (width * scale);
    const y = (e.clientY - box.top - (box.height - height * scale) / 2) / (height * scale);
    if (x < 0 || x > 1 || y < 0 || y > 1) { sendLaser(null); return; }
    sendLaser(Math.round(x * 10000) / 10000, Math.round(y * 10000) / 10000);
  };
  const onPointerLeave = (e) => {
    const frame = lead?.session.video.closest('.rr-player-frame');
    const inside = (node) => node instanceof Node && frame?.contains(node);
    if (laserOn && inside(e.target) && !inside(e.relatedTarget)) sendLaser(null);
  };
  document.addEventListener('pointermove', onPointerMove);
  document.addEventListener('pointerout', onPointerLeave);

  // Others' marks: one group per seat in a layer over the lead picture, made when first needed.
  const marks = new Map();
  const layer = () => {
    const frame = lead?.session.video.closest('.rr-player-frame');
    if (!frame) return null;
    let svg = frame.querySelector(':scope > .rr-live-marks');
    const { width, height } = picture();
    if (!svg) {
      svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('class', 'rr-drawing rr-live-marks');
      svg.setAttribute('aria-hidden', 'true');
      svg.dataset.testid = 'live-marks';
      frame.appendChild(svg);
    }
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    return svg;
  };
  const groupOf = (seat, svg) => {
    let entry = marks.get(seat);
    if (!entry || !entry.group.isConnected || entry.group.ownerSVGElement !== svg) {
      const group = document.createElementNS('http://www.w3.org/2000/svg', 'g');
      group.dataset.seat = seat;
      const sketch = document.createElementNS('http://www.w3.org/2000/svg', 'g');
      const laser = document.createElementNS('http://www.w3.org/2000/svg', 'g');
      laser.dataset.testid = 'laser';
      group.append(sketch, laser);
      svg.appendChild(group);
      entry = { group, sketch, laser, fade: 0, colour: laserColours[[...seat].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % laserColours.length] };
      marks.set(seat, entry);
    }
    return entry;
  };
  const showMark = (seat, name, kind, x, y, sketchJson) => {
    findLead();
    const svg = layer();
    if (!svg) return;
    const entry = groupOf(seat, svg);
    const { width, height } = picture();
    if (kind === 'Sketch') {
      const drawing = sketchJson ? JSON.parse(sketchJson) : null;
      entry.sketch.replaceChildren(...(drawing?.shapes ?? []).map(shape => renderShape(shape, width, height)));
      return;
    }
    clearTimeout(entry.fade);
    if (kind === 'LaserOff') { entry.laser.replaceChildren(); return; }
    const r = Math.max(6, width * 0.014);
    const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    for (const [k, v] of Object.entries({ cx: x * width, cy: y * height, r, fill: entry.colour, stroke: '#fff', 'stroke-width': r / 3, opacity: 0.9 })) dot.setAttribute(k, String(v));
    const label = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    for (const [k, v] of Object.entries({ x: x * width + r * 1.6, y: y * height + r / 2, 'font-size': r * 2.4, 'font-family': 'sans-serif', fill: '#fff', stroke: '#000', 'stroke-width': r / 4, 'paint-order': 'stroke' })) label.setAttribute(k, String(v));
    label.textContent = name;
    entry.laser.replaceChildren(dot, label);
    entry.laser.dataset.x = String(x);
    entry.laser.dataset.y = String(y);
    entry.fade = setTimeout(() => entry.laser.replaceChildren(), laserFadesMs);
  };
  const clearMarks = () => {
    for (const entry of marks.values()) { clearTimeout(entry.fade); entry.group.remove(); }
    marks.clear();
  };

  // R rejoins the presenter after breaking away.
  const onKey = (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || isTyping(e)) return;
    if ((e.key === 'r' || e.key === 'R') && mode === 'away') {
      call('Rejoin').catch(() => {});
      e.preventDefault();
    }
  };
  document.addEventListener('keydown', onKey);

  return {
    setMode,
    follow: (state) => {
      if (mode !== 'follow') setMode('follow');
      if (target && state.version <= target.version && state.sessionId === target.sessionId) return;
      target = state;
      apply();
    },
    mark: showMark,
    // Seats that left take their marks with them.
    keepMarksOf: (seats) => {
      for (const [seat, entry] of marks) if (!seats.includes(seat)) { clearTimeout(entry.fade); entry.group.remove(); marks.delete(seat); }
    },
    setLaser: (on) => { laserOn = on; if (!on) sendLaser(null); },
    offset: () => offset,
    dispose: () => {
      disposed = true;
      stopClock();
      watchLead(false);
      clearTimeout(retry);
      stopDriving();
      lead?.session.onMotion(null);
      lead?.session.onHand(null);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('rr-drawing-live', onLiveDrawing);
      document.removeEventListener('pointermove', onPointerMove);
      document.removeEventListener('pointerout', onPointerLeave);
      clearMarks();
    },
  };
}
