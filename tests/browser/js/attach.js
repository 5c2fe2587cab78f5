/* Finds the NotebookPanel of `path`, waits for its kernel, and records on
   window.__nnkit every exception the kernel publishes from now on (cell outputs
   and widget callbacks alike: ipywidgets reports a failing callback as an error),
   and the time of the notebook's last DOM change (for "the page is quiet"). */
async ([path, patienceMs]) => {
  const app = window.jupyterapp;
  await app.restored;
  const find = () => Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === path);
  let panel = find();
  const t0 = performance.now();
  while (!panel && performance.now() - t0 < patienceMs) {
    await new Promise(r => setTimeout(r, 100));  // poll: the panel appears when the page opens it
    panel = find();
  }
  if (!panel) throw new Error('notebook ' + path + ' did not open');
  await panel.context.ready;
  await panel.sessionContext.ready;
  const log = {errors: [], lastMutation: performance.now()};
  window.__nnkit = log;
  window.__nnkitPanel = panel;
  const hook = (kernel) => kernel && kernel.iopubMessage.connect((_, msg) => {
    const type = msg.header.msg_type, c = msg.content;
    if (type === 'error') log.errors.push({ename: c.ename, evalue: c.evalue,
        traceback: (c.traceback || []).join('\n').replace(/\x1b\[[0-9;]*m/g, '')});
  });
  hook(panel.sessionContext.session && panel.sessionContext.session.kernel);
  panel.sessionContext.kernelChanged.connect((_, change) => hook(change.newValue));
  new MutationObserver(() => { log.lastMutation = performance.now(); })
    .observe(panel.node, {subtree: true, childList: true, attributes: true, characterData: true});
  return true;
}
