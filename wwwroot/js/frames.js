// Frame and time conversions for the browser, the same rules as Core's FrameRate (C#): positions are
// integer frames, a rate is numerator/denominator, and tests/vectors/frames.json holds the cases both
// sides are tested against.

export const framesPerSecond = rate => rate.numerator / rate.denominator;

// Whole frames per second of timecode: 24 at 23.976, 30 at 29.97.
export const timecodeBase = rate => Math.round(rate.numerator / rate.denominator);

export const secondsAt = (frame, rate) => frame * rate.denominator / rate.numerator;

// Where a player seeks to show a frame: its middle, safe from rounding at either edge.
// A time a fraction of the way through a frame: away from both edges, so float error cannot land on a neighbour.
export const secondsInto = (frame, fraction, rate) => (frame + fraction) * rate.denominator / rate.numerator;
export const secondsAtCentreOf = (frame, rate) => secondsInto(frame, 0.5, rate);

// The frame on screen at a time; a time a hair before a frame's start (float error) already shows it.
export const frameAt = (seconds, rate) => Math.floor(seconds * rate.numerator / rate.denominator + 1e-3);

// The frame whose start is nearest a time: what a presented frame's mediaTime names.
export const frameStartingAt = (seconds, rate) => Math.round(seconds * rate.numerator / rate.denominator);
