/* Describes every widget box of the page and every control in it.

   A box is a top-level `containers` element (an nnkit panel or an interact box);
   controls outside any box make their cell's output area a box of its own.
   `kinds` is a list of [kind, CSS selector] pairs, the first match naming an
   element's kind; a control nested inside another control belongs to the outer
   one (the buttons of a ToggleButtons are one control).  Each box gets
   data-nnkit-box="<i>" and each control data-nnkit-control="<i>-<j>", which the
   Python side uses to find them again. */
({containers, kinds}) => {
  const controlSel = kinds.map(([, sel]) => sel).join(', ');
  const kindOf = el => kinds.find(([, sel]) => el.matches(sel))[0];
  const all = Array.from(document.querySelectorAll(containers));
  const top = all.filter(c => !all.some(o => o !== c && o.contains(c)));
  for (const el of document.querySelectorAll('.jp-Notebook :is(' + controlSel + ')')) {
    if (top.some(b => b.contains(el))) continue;
    const area = el.closest('.jp-OutputArea');
    if (area && !top.includes(area)) top.push(area);
  }
  const label = el => {
    const l = el.querySelector(':scope > .widget-label, :scope > label');
    return ((l && l.textContent) || el.textContent || '').trim().slice(0, 40);
  };
  return top.map((box, i) => {
    box.dataset.nnkitBox = String(i);
    const found = Array.from(box.querySelectorAll(controlSel));
    const controls = found
      .filter(el => !found.some(outer => outer !== el && outer.contains(el)))
      .filter(el => !(box.classList.contains('widget-interact') && el.closest('.widget-interact') !== box));
    return {
      index: i,
      kind: box.classList.contains('nnkit-widget') ? 'panel'
          : box.classList.contains('widget-interact') ? 'interact' : 'bare controls',
      title: (box.querySelector('.widget-html-content b') || {}).textContent || '',
      images: box.querySelectorAll('img').length,
      controls: controls.map((el, j) => {
        el.dataset.nnkitControl = i + '-' + j;
        const r = el.getBoundingClientRect();
        const handle = el.querySelector('.noUi-handle');
        const disabled = !!el.querySelector('[disabled]') || el.disabled === true ||
                         (!!handle && handle.hasAttribute('disabled'));
        return {id: i + '-' + j, kind: kindOf(el), label: label(el), disabled,
                width: r.width, height: r.height, visible: el.offsetParent !== null,
                value: handle ? handle.getAttribute('aria-valuenow') : null,
                min: handle ? handle.getAttribute('aria-valuemin') : null,
                max: handle ? handle.getAttribute('aria-valuemax') : null};
      }),
    };
  });
}
