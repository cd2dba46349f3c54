// A live session's script asks the server for its clock only while a session is on: an idle take page sends nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach } from '../../wwwroot/js/session.js';

const serverAhead = 5_000;

// A timer the script forgets to stop must fail the test, not keep the test process alive.
const setIntervalOfNode = globalThis.setInterval;
globalThis.setInterval = (handler, ms) => setIntervalOfNode(handler, ms).unref();

function room() {
  const calls = [];
  let motion = null;
  const player = {
    session: {
      rate: { numerator: 24, denominator: 1 },
      onMotion(handler) { motion = handler; },
      onHand() {},
      ready: () => true,
    },
  };
  globalThis.location = { pathname: '/takes/1', search: '' };
  globalThis.document = {
    querySelector: () => ({ reviewPlayer: player }),
    addEventListener() {},
    removeEventListener() {},
  };
  const dotnet = {
    invokeMethodAsync(method, ...args) {
      calls.push({ method, args });
      return Promise.resolve(method === 'ServerNow' ? performance.timeOrigin + performance.now() + serverAhead : null);
    },
  };
  return { calls, dotnet, move: (m) => motion(m) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('an open page outside a session never asks for the server clock', async () => {
  const { calls, dotnet } = room();
  const session = attach(dotnet, '#player');
  session.setMode('none');
  await settle();
  assert.deepEqual(calls.filter((c) => c.method === 'ServerNow'), []);
  session.dispose();
});

test('presenting calibrates the clock first and stamps the playhead on the server clock', async () => {
  const { calls, dotnet, move } = room();
  const session = attach(dotnet, '#player');
  session.setMode('present');
  const at = performance.now();
  move({ position: 48, playing: false, speed: 1, at });
  await settle();
  const pings = calls.filter((c) => c.method === 'ServerNow').length;
  const present = calls.find((c) => c.method === 'Present');
  assert.equal(pings, 5);
  assert.ok(calls.findIndex((c) => c.method === 'Present') > calls.findLastIndex((c) => c.method === 'ServerNow'), 'sent after calibration');
  assert.deepEqual(present.args.slice(0, 3), [48, false, 1]);
  // The stamp is the motion's moment on the server's clock, which runs five seconds ahead here.
  assert.ok(Math.abs(present.args[3] - (performance.timeOrigin + at + serverAhead)) < 50, `stamp ${present.args[3]}`);
  session.setMode('none');
  session.dispose();
});
