/* Images in widget box `i` that are one flat colour (a plot that drew nothing). */
async (i) => {
  const box = document.querySelector(`[data-nnkit-box="${i}"]`);
  const blank = [];
  for (const [k, img] of Array.from(box.querySelectorAll('img')).entries()) {
    try { await img.decode(); } catch (e) { blank.push(k + ' (does not decode)'); continue; }
    const w = Math.min(img.naturalWidth, 200), h = Math.min(img.naturalHeight, 200);
    if (w === 0 || h === 0) { blank.push(k + ' (empty)'); continue; }
    const canvas = document.createElement('canvas'); canvas.width = w; canvas.height = h;
    const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0, w, h);
    const d = ctx.getImageData(0, 0, w, h).data;
    let differs = 0;
    for (let p = 4; p < d.length; p += 4)
      if (Math.abs(d[p] - d[0]) + Math.abs(d[p + 1] - d[1]) + Math.abs(d[p + 2] - d[2]) > 30) differs++;
    if (differs < 0.002 * w * h) blank.push(k + ` (${img.naturalWidth}x${img.naturalHeight} px of one colour)`);
  }
  return blank;
}
