/* The input has had its whole effect, judged by causes rather than by the clock:
   - it sent widget messages, the kernel answered every one of them (its idle
     status), the page has painted twice since the last answer, the kernel is
     idle, and the widget's DOM has been quiet for `quietMs`; or
   - it sent nothing at all: the input finished (actionDone), nothing was sent
     for `nothingMs` after it and the page is quiet (the result then says so). */
([quietMs, nothingMs]) => {
  const p = window.__nnkitProbe, now = performance.now();
  const k = window.__nnkitPanel.sessionContext.session.kernel;
  const quiet = now - p.last > quietMs && k.status === 'idle';
  if (p.sent.length === 0)
    return p.actionDone !== null && now - p.actionDone > nothingMs && quiet;
  return p.handled.length === p.sent.length && p.painted === p.sent.length && quiet;
}
