/* Run All finished: the command returned, the kernel is idle, no cell shows [*],
   and the notebook's DOM has been quiet for `quietMs`. */
(quietMs) => {
  const log = window.__nnkit;
  if (!log.runDone) return false;
  const p = window.__nnkitPanel;
  const k = p.sessionContext.session && p.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  if (Array.from(p.node.querySelectorAll('.jp-InputPrompt')).some(e => e.textContent.includes('*'))) return false;
  return performance.now() - log.lastMutation > quietMs;
}
