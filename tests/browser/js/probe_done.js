/* Done when the images changed, or something else changed and the page is quiet again. */
(quietMs) => {
  const p = window.__nnkitProbe; const now = performance.now();
  if (p.tImage !== null) return true;
  const k = window.__nnkitPanel.sessionContext.session.kernel;
  return p.tAny !== null && now - p.last > quietMs && k.status === 'idle';
}
