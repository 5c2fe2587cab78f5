/* Arms a probe on one widget box: records the input event time (t0), the first
   change of its images (tImage) and of anything else in it (tAny), ignoring the
   control being operated (its own readout / pressed state is not a redraw). */
([boxId, controlId]) => {
  const box = document.querySelector(`[data-nnkit-box="${boxId}"]`);
  const control = document.querySelector(`[data-nnkit-control="${controlId}"]`);
  const outside = el => !control.contains(el);
  const images = () => Array.from(box.querySelectorAll('img')).filter(outside).map(i => i.src);
  const rest = () => {
    const parts = [];
    box.querySelectorAll('.widget-output, .widget-html-content, .widget-htmlmath, .widget-label, ' +
                         '.widget-readout, .widget-valid, .jp-OutputArea-output').forEach(e => {
      if (outside(e)) parts.push(e.textContent); });
    box.querySelectorAll('input, select').forEach(e => { if (outside(e)) parts.push(String(e.value)); });
    box.querySelectorAll('.mod-active').forEach(e => { if (outside(e)) parts.push('active'); });
    box.querySelectorAll('.widget-box, .widget-output').forEach(e => {
      if (outside(e)) parts.push(e.offsetParent === null ? 'h' : 'v'); });
    return parts.join('|');
  };
  const probe = {t0: null, tImage: null, tAny: null, last: performance.now(),
                 oldImages: images(), oldRest: rest()};
  const sameImages = (a, b) => a.length === b.length && a.every((s, k) => s === b[k]);
  const onInput = () => { if (probe.t0 === null) probe.t0 = performance.now(); };
  for (const ev of ['keydown', 'mousedown', 'click', 'input', 'change'])
    document.addEventListener(ev, onInput, {capture: true});
  probe.observer = new MutationObserver(() => {
    const now = performance.now();
    probe.last = now;
    const imgs = images();
    if (probe.tImage === null && imgs.length > 0 && imgs.length >= probe.oldImages.length
        && !sameImages(imgs, probe.oldImages)) probe.tImage = now;
    if (probe.tAny === null && (probe.tImage !== null || rest() !== probe.oldRest)) probe.tAny = now;
  });
  probe.observer.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
  probe.remove = () => { probe.observer.disconnect();
    for (const ev of ['keydown', 'mousedown', 'click', 'input', 'change'])
      document.removeEventListener(ev, onInput, {capture: true}); };
  window.__nnkitProbe = probe;
  return {images: probe.oldImages.length};
}
