// The drawing surface of nnkit's sketch pad (nnkit/widgets/sketchpad.py): a 32 x 32 bitmap of
// on/off pixels, as the digits were first scanned, drawn with the mouse (or a finger).
//
// This module only draws.  Everything the network sees is computed in Python from the
// `bitmap` it syncs (1024 zeros and ones, row by row): the 4 x 4 block counts 0..16, the
// scaling and the probabilities.  Ink follows the same rule as `draw_stroke` in
// sketchpad.py: a pixel is on when its centre lies within `pen_width / 2` of the stroke.
// Model traits: bitmap (list of 1024 ints), pen ("ink" | "eraser"), pen_width (pixels).

const N = 32;        // bitmap pixels per side
const BLOCK = 4;     // a block of 4 x 4 pixels becomes one pixel 0..16 of the 8 x 8 image
const SCALE = 8;     // screen pixels per bitmap pixel
const SYNC_MS = 80;  // while drawing, send the bitmap to the kernel at most this often

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.width = N * SCALE;
  canvas.height = N * SCALE;
  canvas.className = "nnkit-pad-canvas";
  canvas.style.cssText = "touch-action: none; cursor: crosshair; border: 1px solid #999; display: block;";
  canvas.title = "drag to draw";
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");

  let bits = Uint8Array.from(model.get("bitmap"));
  let last = null;         // previous pointer position in bitmap coordinates while drawing
  let timer = null;        // pending sync while drawing

  function paint() {
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = "#111111";
    for (let r = 0; r < N; r++)
      for (let c = 0; c < N; c++)
        if (bits[r * N + c]) ctx.fillRect(c * SCALE, r * SCALE, SCALE, SCALE);
    // the 8 x 8 blocks whose ink is counted, as faint lines
    ctx.strokeStyle = "rgba(70, 130, 200, 0.35)";
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let k = 1; k < N / BLOCK; k++) {
      const p = k * BLOCK * SCALE + 0.5;
      ctx.moveTo(p, 0); ctx.lineTo(p, canvas.height);
      ctx.moveTo(0, p); ctx.lineTo(canvas.width, p);
    }
    ctx.stroke();
  }

  // Ink (or erase) every pixel whose centre is within pen_width / 2 of the segment a-b.
  function stamp(a, b) {
    const radius = model.get("pen_width") / 2;
    const value = model.get("pen") === "eraser" ? 0 : 1;
    const r2 = radius * radius;
    const dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const c0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - radius));
    const c1 = Math.min(N - 1, Math.ceil(Math.max(a.x, b.x) + radius));
    const r0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius));
    const r1 = Math.min(N - 1, Math.ceil(Math.max(a.y, b.y) + radius));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const px = c + 0.5, py = r + 0.5;
        let t = len2 > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / len2 : 0;
        t = Math.max(0, Math.min(1, t));
        const ex = a.x + t * dx - px, ey = a.y + t * dy - py;
        if (ex * ex + ey * ey <= r2) bits[r * N + c] = value;
      }
    }
  }

  function sync() {
    timer = null;
    model.set("bitmap", Array.from(bits));
    model.save_changes();
  }

  function scheduleSync() {
    if (timer === null) timer = setTimeout(sync, SYNC_MS);
  }

  function where(event) {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * N, y: ((event.clientY - box.top) / box.height) * N };
  }

  function down(event) {
    if (event.button !== undefined && event.button !== 0) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    last = where(event);
    stamp(last, last);
    paint();
    scheduleSync();
  }

  function move(event) {
    if (last === null) return;
    event.preventDefault();
    const here = where(event);
    stamp(last, here);
    last = here;
    paint();
    scheduleSync();
  }

  function up(event) {
    if (last === null) return;
    last = null;
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    if (timer !== null) clearTimeout(timer);
    sync();  // the finished stroke, at once
  }

  canvas.addEventListener("pointerdown", down);
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerup", up);
  canvas.addEventListener("pointercancel", up);

  function fromModel() {
    if (last !== null) return;  // the kernel's echo of a stroke still being drawn: keep drawing
    bits = Uint8Array.from(model.get("bitmap"));
    paint();
  }
  model.on("change:bitmap", fromModel);
  paint();

  return () => {
    model.off("change:bitmap", fromModel);
    if (timer !== null) clearTimeout(timer);
  };
}

export default { render };
