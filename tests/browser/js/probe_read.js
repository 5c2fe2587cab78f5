/* Removes the probe and returns its times. */
() => { const p = window.__nnkitProbe; p.remove();
        return {t0: p.t0, tImage: p.tImage, tAny: p.tAny}; }
