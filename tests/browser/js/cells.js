/* Every code cell: index, source, execution count, whether it still runs, its
   errors and its stderr text. */
() => {
  const cells = window.__nnkitPanel.content.widgets;
  return cells.map((cell, i) => {
    const m = cell.model;
    if (m.type !== 'code') return null;
    const outputs = m.outputs.toJSON();
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    return {index: i, source: m.sharedModel.getSource(), count: m.executionCount,
            running: !!prompt && prompt.textContent.includes('*'),
            errors: outputs.filter(o => o.output_type === 'error')
                           .map(o => ({ename: o.ename, evalue: o.evalue})),
            stderr: outputs.filter(o => o.output_type === 'stream' && o.name === 'stderr')
                           .map(o => Array.isArray(o.text) ? o.text.join('') : o.text)};
  }).filter(c => c !== null);
}
