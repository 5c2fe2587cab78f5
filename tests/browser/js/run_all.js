/* Starts "Run All" (the Run menu's command) and notes on window.__nnkit when it returns. */
async () => {
  const app = window.jupyterapp;
  app.shell.activateById(window.__nnkitPanel.id);
  window.__nnkit.runDone = false;
  const command = app.commands.hasCommand('runmenu:run-all') ? 'runmenu:run-all' : 'notebook:run-all-cells';
  app.commands.execute(command).then(() => { window.__nnkit.runDone = true; },
                                     () => { window.__nnkit.runDone = true; });
  return command;
}
