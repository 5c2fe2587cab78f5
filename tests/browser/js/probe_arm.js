/* Arms a probe on one widget box before an input is given to one of its controls.

   It records, with performance.now():
   - t0: the input event (keydown, mousedown, click, input or change);
   - the widget messages the input sends to the kernel (comm_msg) and, for each,
     the kernel's "idle" status answering it: the kernel has run the callback and
     every message the callback sent reached the page before that status;
   - the first change of the box's images (tImage) and of anything else in it
     (tAny).  The operated control's own readout or pressed state does not count
     (the browser changes those by itself), unless `ownCounts`: a button does not
     restyle itself, so a button the kernel recolours has answered the click.
   The probe is read and removed by probe_result.js. */
([boxId, controlId, ownCounts]) => {
  const box = document.querySelector(`[data-nnkit-box="${boxId}"]`);
  const control = document.querySelector(`[data-nnkit-control="${controlId}"]`);
  const kernel = window.__nnkitPanel.sessionContext.session.kernel;
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
  const own = () => !ownCounts ? '' : [control.getAttribute('style'), control.textContent, control.disabled,
                                       ...Array.from(control.querySelectorAll('img')).map(i => i.src)].join('|');
  const probe = {t0: null, tImage: null, tAny: null, tOwn: null, last: performance.now(),
                 actionDone: null, sent: [], handled: [], tHandled: null, painted: 0,
                 oldImages: images(), oldRest: rest(), oldOwn: own()};
  const sameImages = (a, b) => a.length === b.length && a.every((s, k) => s === b[k]);
  const look = () => {
    const now = performance.now();
    const imgs = images();
    if (probe.tImage === null && imgs.length > 0 && imgs.length >= probe.oldImages.length
        && !sameImages(imgs, probe.oldImages)) probe.tImage = now;
    if (probe.tAny === null && (probe.tImage !== null || rest() !== probe.oldRest)) probe.tAny = now;
    if (probe.tOwn === null && own() !== probe.oldOwn) probe.tOwn = now;
  };
  const onInput = () => { if (probe.t0 === null) probe.t0 = performance.now(); };
  const onAny = (_, {msg, direction}) => {
    if (direction === 'send' && msg.header.msg_type === 'comm_msg') probe.sent.push(msg.header.msg_id);
  };
  const onIopub = (_, msg) => {
    if (msg.header.msg_type !== 'status' || msg.content.execution_state !== 'idle') return;
    const parent = msg.parent_header && msg.parent_header.msg_id;
    if (!probe.sent.includes(parent) || probe.handled.includes(parent)) return;
    probe.handled.push(parent);
    probe.tHandled = performance.now();
    // two frames after the n-th answer, the page has drawn what it brought
    const n = probe.handled.length;
    requestAnimationFrame(() => requestAnimationFrame(() => { probe.painted = Math.max(probe.painted, n); }));
  };
  for (const ev of ['keydown', 'mousedown', 'click', 'input', 'change'])
    document.addEventListener(ev, onInput, {capture: true});
  kernel.anyMessage.connect(onAny);
  kernel.iopubMessage.connect(onIopub);
  probe.observer = new MutationObserver(() => { probe.last = performance.now(); look(); });
  probe.observer.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
  probe.remove = () => {
    probe.observer.disconnect();
    kernel.anyMessage.disconnect(onAny);
    kernel.iopubMessage.disconnect(onIopub);
    for (const ev of ['keydown', 'mousedown', 'click', 'input', 'change'])
      document.removeEventListener(ev, onInput, {capture: true});
    look();
  };
  window.__nnkitProbe = probe;
  return {images: probe.oldImages.length};
}
