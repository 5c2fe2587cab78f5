/* Stderr text rendered inside widgets (what a callback printed into an Output). */
() => Array.from(document.querySelectorAll('.widget-output [data-mime-type="application/vnd.jupyter.stderr"]'))
  .map(e => e.textContent.trim()).filter(t => t.length > 0)
