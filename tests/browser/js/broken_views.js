/* Widget outputs that did not become a widget (model not found, still loading, empty). */
() => Array.from(document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]'))
  .map(e => {
    const cell = e.closest('.jp-Cell');
    const where = 'cell ' + Array.from(cell.parentElement.children).indexOf(cell);
    const text = e.textContent.trim();
    if (/Error displaying widget|Loading widget|Error rendering/i.test(text) && !e.querySelector('.jupyter-widgets'))
      return where + ': ' + text.slice(0, 200);
    if (!e.querySelector('.jupyter-widgets')) return where + ': empty widget view';
    return null;
  })
  .filter(x => x !== null)
