/* True when the notebook's kernel is connected and idle. */
() => {
  const p = window.__nnkitPanel;
  const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && k.connectionStatus === 'connected';
}
