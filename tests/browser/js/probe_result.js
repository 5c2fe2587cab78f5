/* Removes the probe and returns what it saw (times from performance.now()). */
() => {
  const p = window.__nnkitProbe;
  p.remove();
  return {t0: p.t0, tImage: p.tImage, tAny: p.tAny, tOwn: p.tOwn, tHandled: p.tHandled,
          sent: p.sent.length, handled: p.handled.length};
}
