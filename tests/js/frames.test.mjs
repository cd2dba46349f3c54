// The player's frame math against the vectors Core's FrameRate is tested with (FrameVectorTests in the
// unit tests): both sides must name the same frame for the same time at every rate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { timecodeBase, secondsAt, secondsAtCentreOf, secondsInto, frameAt, frameStartingAt } from '../../wwwroot/js/frames.js';

const vectors = JSON.parse(readFileSync(new URL('../vectors/frames.json', import.meta.url), 'utf8'));

for (const rate of vectors.rates) {
  const name = `${rate.numerator}/${rate.denominator}`;
  test(`frames at ${name}`, () => {
    assert.equal(timecodeBase(rate), rate.timecodeBase, 'timecode base');
    for (const v of rate.frames) {
      assert.ok(Math.abs(secondsAt(v.frame, rate) - v.secondsAt) < 1e-9, `seconds at frame ${v.frame}`);
      assert.ok(Math.abs(secondsAtCentreOf(v.frame, rate) - v.secondsAtCentre) < 1e-9, `centre of frame ${v.frame}`);
      assert.equal(frameAt(v.secondsAtCentre, rate), v.frameAtCentre, `frame at the centre of ${v.frame}`);
      assert.equal(frameAt(v.secondsAt, rate), v.frameAtStart, `frame at the start of ${v.frame}`);
      assert.equal(frameStartingAt(v.secondsAt, rate), v.frameStartingAtStart, `frame starting at ${v.frame}'s start`);
      // The player parks again at these points inside a frame when a late picture shows: each must still be that frame.
      for (const fraction of [0.35, 0.4, 0.45, 0.55, 0.65])
        assert.equal(frameAt(secondsInto(v.frame, fraction, rate), rate), v.frameAtCentre, `frame at ${fraction} into ${v.frame}`);
    }
    for (const p of rate.probes)
      assert.equal(frameAt(p.seconds, rate), p.frameAt, `frame at ${p.seconds} s`);
  });
}
