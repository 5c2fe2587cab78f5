/* A quiet page: kernel idle and no DOM change in the notebook for `ms` milliseconds. */
(ms) => {
  const p = window.__nnkitPanel;
  const k = p.sessionContext.session && p.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && performance.now() - window.__nnkit.lastMutation > ms;
}
