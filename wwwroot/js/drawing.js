// Drawing on the frame: the marks being made, in fractions of the picture, previewed in the picture's own
// pixels. The server stores and shows them once the note is sent (DrawingSvg draws stored drawings).

const svgNs = 'http://www.w3.org/2000/svg';
// Points closer than this (a fraction of the picture) add nothing a viewer can see, only bytes.
const minStep = 0.003;
const round = v => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
// A drawing travels to the server in one message of the page's connection, which carries 32 KB at most:
// well below that, a drawing is full and says so rather than breaking the connection.
const maxJson = 24 * 1024;

const el = (name, attributes) => {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
};

/** One mark as SVG in the picture's own pixels: the live drawing here and, in a session, others' drawings as they make them. */
export const renderShape = (shape, width, height) => {
  const stroke = Math.max(1, shape.width * width / 1000);
  const pts = shape.points.map(p => [p.x * width, p.y * height]);
  const paint = { stroke: shape.color, 'stroke-width': stroke, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', fill: 'none' };
  switch (shape.tool) {
    case 'pen': {
      if (pts.length === 1) return el('circle', { cx: pts[0][0], cy: pts[0][1], r: stroke / 2, fill: shape.color });
      let d = `M${pts[0][0]} ${pts[0][1]}`;
      for (let i = 1; i < pts.length - 1; i++) d += ` Q${pts[i][0]} ${pts[i][1]} ${(pts[i][0] + pts[i + 1][0]) / 2} ${(pts[i][1] + pts[i + 1][1]) / 2}`;
      d += ` L${pts[pts.length - 1][0]} ${pts[pts.length - 1][1]}`;
      return el('path', { ...paint, d });
    }
    case 'line': return el('line', { ...paint, x1: pts[0][0], y1: pts[0][1], x2: pts[1][0], y2: pts[1][1] });
    case 'arrow': {
      const [[x1, y1], [x2, y2]] = pts;
      const angle = Math.atan2(y2 - y1, x2 - x1);
      const head = Math.max(stroke * 4, width * 0.02);
      const side = a => [x2 - head * Math.cos(angle + a), y2 - head * Math.sin(angle + a)];
      const [l, r] = [side(-Math.PI / 7), side(Math.PI / 7)];
      return el('path', { ...paint, d: `M${x1} ${y1} L${x2} ${y2} M${l[0]} ${l[1]} L${x2} ${y2} L${r[0]} ${r[1]}` });
    }
    case 'rectangle': return el('rect', { ...paint, x: Math.min(pts[0][0], pts[1][0]), y: Math.min(pts[0][1], pts[1][1]), width: Math.abs(pts[1][0] - pts[0][0]), height: Math.abs(pts[1][1] - pts[0][1]) });
    case 'ellipse': return el('ellipse', { ...paint, cx: (pts[0][0] + pts[1][0]) / 2, cy: (pts[0][1] + pts[1][1]) / 2, rx: Math.abs(pts[1][0] - pts[0][0]) / 2, ry: Math.abs(pts[1][1] - pts[0][1]) / 2 });
    case 'text': {
      const size = Math.max(12, stroke * 5);
      const node = el('text', { x: pts[0][0], y: pts[0][1], 'font-size': size, 'font-family': 'sans-serif', 'font-weight': 700, fill: shape.color, stroke: '#000', 'stroke-opacity': 0.6, 'stroke-width': size / 12, 'paint-order': 'stroke' });
      node.textContent = shape.text;
      return node;
    }
    default: return el('g', {});
  }
};

export function attach(svg, dotnet, picture) {
  const { width, height } = picture;
  const state = { tool: 'pen', color: '#ff3b30', width: 6, text: '' };
  let shapes = [];
  let undone = [];
  let active = null;

  const changed = () => dotnet.invokeMethodAsync('OnDrawingChanged', shapes.length, undone.length).catch(() => {});
  const fits = (shape) => JSON.stringify({ shapes: [...shapes, shape] }).length <= maxJson;
  // Keeps a finished mark, or says the drawing is full; the page hears of one or the other.
  const add = (shape) => {
    if (!fits(shape)) { dotnet.invokeMethodAsync('OnDrawingFull').catch(() => {}); return; }
    shapes.push(shape);
    undone = [];
    changed();
  };
  const render = (shape) => renderShape(shape, width, height);
  // Drawing by keyboard: a cross moved with the arrow keys; Enter or Space starts a mark there and ends it.
  let cursor = null;
  const crossAt = (point) => {
    const size = width * 0.02;
    const [x, y] = [point.x * width, point.y * height];
    const cross = el('path', { d: `M${x - size} ${y} H${x + size} M${x} ${y - size} V${y + size}`, stroke: '#fff', 'stroke-width': Math.max(1, width / 500), fill: 'none' });
    cross.dataset.testid = 'draw-cursor';
    return cross;
  };
  // A session on the page shows the drawing to the others as it is made (session.js listens).
  const announce = (drawing) => svg.dispatchEvent(new CustomEvent('rr-drawing-live', { bubbles: true, detail: drawing }));
  const redraw = () => {
    svg.replaceChildren(...shapes.map(render), ...(active ? [render(active)] : []), ...(cursor ? [crossAt(cursor)] : []));
    const live = [...shapes, ...(active ? [active] : [])];
    announce(live.length ? { shapes: live } : null);
  };

  const pointAt = (e) => {
    if (e.point) return e.point;
    const box = svg.getBoundingClientRect();
    // The view box keeps the picture's proportions inside the box (letterboxed like the video).
    const scale = Math.min(box.width / width, box.height / height);
    const left = box.left + (box.width - width * scale) / 2;
    const top = box.top + (box.height - height * scale) / 2;
    return { x: round((e.clientX - left) / (width * scale)), y: round((e.clientY - top) / (height * scale)) };
  };

  const onDown = (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const point = pointAt(e);
    if (state.tool === 'text') {
      // Read from the box itself: a click that follows typing at once must not wait for the server to pass it on.
      const box = svg.closest('[data-testid=player]')?.querySelector('[data-testid=draw-text-input]');
      const text = (box ? box.value : state.text).trim().slice(0, 200);
      if (!text) { dotnet.invokeMethodAsync('OnDrawingNeedsText').catch(() => {}); return; }
      add({ tool: 'text', points: [point], color: state.color, width: state.width, text });
      redraw();
      return;
    }
    svg.setPointerCapture?.(e.pointerId);
    active = { tool: state.tool, points: state.tool === 'pen' ? [point] : [point, point], color: state.color, width: state.width };
    redraw();
  };
  const onMove = (e) => {
    if (!active) return;
    const point = pointAt(e);
    if (active.tool === 'pen') {
      const last = active.points[active.points.length - 1];
      if (Math.hypot(point.x - last.x, point.y - last.y) < minStep || active.points.length >= 1000) return;
      active.points.push(point);
    } else {
      active.points[1] = point;
    }
    redraw();
  };
  const onUp = () => {
    if (!active) return;
    const shape = active;
    active = null;
    const [a, b] = [shape.points[0], shape.points[shape.points.length - 1]];
    // A click with a two-point tool draws nothing; a click with the pen is a dot.
    if (shape.tool === 'pen' || Math.hypot(b.x - a.x, b.y - a.y) >= minStep) add(shape);
    redraw();
  };

  const keySteps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const onKey = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key in keySteps) {
      cursor ??= { x: 0.5, y: 0.5 };
      const [dx, dy] = keySteps[e.key];
      const step = e.shiftKey ? 0.05 : 0.01;
      cursor = { x: round(cursor.x + dx * step), y: round(cursor.y + dy * step) };
      if (active?.tool === 'pen') active.points.push(cursor);
      else if (active) active.points[1] = cursor;
    } else if (e.key === 'Enter' || e.key === ' ') {
      cursor ??= { x: 0.5, y: 0.5 };
      if (active) {
        onUp();
      } else if (state.tool === 'text') {
        onDown({ button: 0, preventDefault: () => {}, clientX: 0, clientY: 0, point: cursor, pointerId: 0 });
      } else {
        active = { tool: state.tool, points: state.tool === 'pen' ? [cursor] : [cursor, cursor], color: state.color, width: state.width };
      }
    } else if (e.key === 'Escape' && active) {
      active = null;
    } else {
      return;
    }
    // The player's keys (arrows step frames, space plays) wait while the drawing has the keyboard.
    e.preventDefault();
    e.stopPropagation();
    redraw();
  };
  // The cross shows for the keyboard, not under a mouse that clicked the picture.
  const onFocus = () => { if (svg.matches(':focus-visible')) { cursor ??= { x: 0.5, y: 0.5 }; redraw(); } };
  const onBlur = () => { cursor = null; redraw(); };

  svg.addEventListener('keydown', onKey);
  svg.addEventListener('focus', onFocus);
  svg.addEventListener('blur', onBlur);
  svg.addEventListener('pointerdown', onDown);
  svg.addEventListener('pointermove', onMove);
  svg.addEventListener('pointerup', onUp);
  svg.addEventListener('pointercancel', onUp);

  return {
    set: (key, value) => { state[key] = value; },
    undo: () => { if (shapes.length) { undone.push(shapes.pop()); redraw(); changed(); } },
    redo: () => { if (undone.length && fits(undone[undone.length - 1])) { shapes.push(undone.pop()); redraw(); changed(); } },
    clear: () => { if (shapes.length) { undone = []; shapes = []; redraw(); changed(); } },
    // The drawing as JSON for the note, or null when nothing is drawn.
    take: () => (shapes.length ? JSON.stringify({ shapes }) : null),
    dispose: () => {
      announce(null);
      svg.removeEventListener('keydown', onKey);
      svg.removeEventListener('focus', onFocus);
      svg.removeEventListener('blur', onBlur);
      svg.removeEventListener('pointerdown', onDown);
      svg.removeEventListener('pointermove', onMove);
      svg.removeEventListener('pointerup', onUp);
      svg.removeEventListener('pointercancel', onUp);
    },
  };
}
