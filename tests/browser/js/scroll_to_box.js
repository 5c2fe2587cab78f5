/* Scrolls widget box `i` into view: centred when it fits the window, else its top. */
(i) => {
  const box = document.querySelector(`[data-nnkit-box="${i}"]`);
  const fits = box.getBoundingClientRect().height < window.innerHeight - 150;
  box.scrollIntoView({block: fits ? 'center' : 'start'});
}
